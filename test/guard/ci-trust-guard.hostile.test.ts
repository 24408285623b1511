import { App, Aspects, CfnCondition, CfnParameter, CfnResource, Fn, Stack, Stage, aws_iam as iam, pipelines } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CdkBootstrapRole, CiDeployRole, CiTrustGuard, GitHubOidcProvider, GitHubRepository } from '../../src';
import { guard } from '../fixtures/guard-findings';

/*
 * Hand-written roles an attacker or a careless author would write: each must be a finding,
 * and what the guard cannot audit an error that says so.
 */

const GH = 'token.actions.githubusercontent.com';
const GH_ARN = `arn:aws:iam::123456789012:oidc-provider/${GH}`;
const AUD = { [`${GH}:aud`]: 'sts.amazonaws.com' };
const MAIN = { ...AUD, [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main' };


/** A CfnRole with the given trust document. */
function docRole(stack: Stack, id: string, document: unknown, extra: Partial<iam.CfnRoleProps> = {}): iam.CfnRole {
  return new iam.CfnRole(stack, id, { assumeRolePolicyDocument: document, ...extra });
}

/** A role of the generic `CfnResource` kind (as other libraries write them), which takes any document. */
function rawRole(stack: Stack, id: string, document: unknown): CfnResource {
  return new CfnResource(stack, id, { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: document } });
}

/** A CfnRole with one statement, `statement` merged over a web identity statement of github.com. */
function stmtRole(stack: Stack, id: string, statement: Record<string, unknown>, extra: Partial<iam.CfnRoleProps> = {}): iam.CfnRole {
  return docRole(stack, id, {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: GH_ARN }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: MAIN }, ...statement }],
  }, extra);
}

describe('principals that are CI trust without reading as one', () => {
  test.each([
    ['"*"', '*'],
    ['{ "AWS": "*" }', { AWS: '*' }],
    ['{ "Federated": "*" }', { Federated: '*' }],
    ['a wildcard provider ARN', { Federated: 'arn:aws:iam::123456789012:oidc-provider/*' }],
  ])('fails if the principal is %s', (_name, principal) => {
    const result = guard((stack) => stmtRole(stack, 'Role', { Principal: principal }));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:anyPrincipal']);
    expect(result.texts[0]).toContain('call sts:AssumeRoleWithWebIdentity: tokens of any identity provider in the account');
  });

  test('fails if the statement uses NotPrincipal', () => {
    const result = guard((stack) => stmtRole(stack, 'Role', { Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:anyPrincipal']);
  });

  test('an Allow with NotAction is audited as a CI trust, and is an error', () => {
    // GIVEN NotAction that leaves sts:AssumeRoleWithWebIdentity allowed, and a wildcard owner
    const result = guard((stack) => stmtRole(stack, 'Role', {
      Action: undefined,
      NotAction: 'sts:AssumeRole',
      Condition: { StringEquals: AUD, StringLike: { [`${GH}:sub`]: 'repo:acme*' } },
    }));
    // THEN
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:notAction', '/Stack/Role cdk-ci-oidc:guard:wildcardScope']);
  });

  test('NotAction that excludes web identity is no CI trust (boundary)', () => {
    const result = guard((stack) => stmtRole(stack, 'Role', { Action: undefined, NotAction: 'sts:AssumeRoleWith*', Condition: undefined }));
    expect(result).toEqual({ errors: [], warnings: [], texts: [] });
  });

  test.each([
    ['a parameter', (stack: Stack) => new CfnParameter(stack, 'ProviderArn').valueAsString],
    ['an import', () => Fn.importValue('ProviderArn')],
  ])('fails if the provider is %s and there is no condition at all', (_name, provider) => {
    const result = guard((stack) => stmtRole(stack, 'Role', { Principal: { Federated: provider(stack) }, Condition: undefined }));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:unauditable']);
    expect(result.texts[0]).toContain('trusts a web identity provider that the audit cannot read');
  });

  test('an unreadable provider with conditions of a non-CI issuer is not a CI trust (boundary)', () => {
    const result = guard((stack) => stmtRole(stack, 'Role', {
      Principal: { Federated: Fn.importValue('ProviderArn') },
      Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:pool' } },
    }));
    expect(result).toEqual({ errors: [], warnings: [], texts: [] });
  });
});

describe('values that are not literals', () => {
  test.each([
    ['sub', { ...AUD, [`${GH}:sub`]: `\${${GH}:sub}` }],
    ['sub', { ...AUD, [`${GH}:sub`]: 'repo:acme/${aws:username}:ref:refs/heads/main' }],
    ['aud', { [`${GH}:aud`]: `\${${GH}:aud}`, [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main' }],
  ])('fails if the %s value holds a policy variable: %j', (claim, condition) => {
    const result = guard((stack) => stmtRole(stack, 'Role', { Condition: { StringEquals: condition } }));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:policyVariable']);
    expect(result.texts[0]).toContain(`The ${claim} value '`);
  });

  test('fails if the sub value is a parameter (it can be deployed as "*")', () => {
    const result = guard((stack) => stmtRole(stack, 'Role', {
      Condition: { StringEquals: AUD, StringLike: { [`${GH}:sub`]: new CfnParameter(stack, 'Sub').valueAsString } },
    }));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:nonLiteralValue']);
    expect(result.texts[0]).toContain("a parameter can be deployed as '*'");
  });

  test('a Fn::Join of literals is the literal it makes (provably safe)', () => {
    const result = guard((stack) => stmtRole(stack, 'Role', {
      Condition: { StringEquals: { ...AUD, [`${GH}:sub`]: Fn.join(':', ['repo:acme/api', 'environment', 'production']) } },
    }));
    expect(result).toEqual({ errors: [], warnings: [], texts: [] });
  });

  test('fails if Fn::If with AWS::NoValue can drop the sub condition at deployment', () => {
    const result = guard((stack) => {
      const strict = new CfnCondition(stack, 'Strict', { expression: Fn.conditionEquals('a', 'b') });
      stmtRole(stack, 'Role', {
        Condition: { StringEquals: { ...AUD, [`${GH}:sub`]: Fn.conditionIf(strict.logicalId, 'repo:acme/api:ref:refs/heads/main', Fn.ref('AWS::NoValue')) } },
      });
    });
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:nonLiteralValue', '/Stack/Role cdk-ci-oidc:guard:unauditable']);
  });

  test('a trust document given as a JSON string is audited as the document it is', () => {
    const result = guard((stack) => rawRole(stack, 'Role', JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: GH_ARN }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: AUD } }],
    })));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:missingSub']);
  });

  test('fails if the trust document is a string that is not JSON, or an expression', () => {
    const result = guard((stack) => {
      rawRole(stack, 'Text', '{"Statement": [{"Principal": {"Federated"');
      const c = new CfnCondition(stack, 'C', { expression: Fn.conditionEquals('a', 'b') });
      rawRole(stack, 'Expression', Fn.conditionIf(c.logicalId, {
        Statement: [{ Effect: 'Allow', Principal: { Federated: GH_ARN }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: MAIN } }],
      }, { Statement: [{ Effect: 'Allow', Principal: { Federated: GH_ARN }, Action: 'sts:AssumeRoleWithWebIdentity' }] }));
    });
    expect(result.errors).toEqual(['/Stack/Text cdk-ci-oidc:guard:unauditable', '/Stack/Expression cdk-ci-oidc:guard:unauditable']);
  });

  test('fails if the action is a parameter', () => {
    const result = guard((stack) => stmtRole(stack, 'Role', { Action: new CfnParameter(stack, 'Action').valueAsString }));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:unauditable']);
  });
});

describe('administrator-level access in its equivalent forms', () => {
  const branchRole = (stack: Stack, id: string, statements: unknown[]): iam.CfnRole =>
    stmtRole(stack, id, {}, { policies: [{ policyName: 'p', policyDocument: { Version: '2012-10-17', Statement: statements } }] });

  test.each([
    ['NotAction over every resource', [{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }]],
    ['"*" on arn:*', [{ Effect: 'Allow', Action: '*', Resource: 'arn:*' }]],
    ['"*:*"', [{ Effect: 'Allow', Action: '*:*', Resource: '*' }]],
    ['iam:*', [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }]],
    ['iam:Put*', [{ Effect: 'Allow', Action: 'iam:Put*', Resource: '*' }]],
    ['iam:*Policy on every role of the account', [{ Effect: 'Allow', Action: 'iam:*Policy', Resource: 'arn:aws:iam::123456789012:role/*' }]],
    ['iam:AttachRolePolicy', [{ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: '*' }]],
    ['iam:CreateAccessKey', [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::123456789012:user/*' }]],
    ['iam:UpdateAssumeRolePolicy', [{ Effect: 'Allow', Action: 'IAM:updateassumerolepolicy', Resource: '*' }]],
    ['sts:AssumeRole on "*"', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]],
    ['iam:PassRole with a create action', [
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
      { Effect: 'Allow', Action: 'lambda:Create*', Resource: '*' },
    ]],
    ['a resource that is a parameter', [{ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: { Ref: 'AnyRole' } }]],
  ])('a branch-trusted role with %s is flagged', (_name, statements) => {
    const result = guard((stack) => branchRole(stack, 'Role', statements));
    expect(result.warnings).toEqual(['/Stack/Role cdk-ci-oidc:guard:adminTrustedByBranch']);
  });

  test.each([
    ['s3:* on every resource', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]],
    ['iam:PutRolePolicy on some roles', [{ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::123456789012:role/app-*' }]],
    ['iam:PassRole without a create action', [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]],
    ['sts:AssumeRole on one role', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::123456789012:role/reader' }]],
    ['a Deny of everything', [{ Effect: 'Deny', Action: '*', Resource: '*' }]],
  ])('a branch-trusted role with %s is not (boundary)', (_name, statements) => {
    const result = guard((stack) => branchRole(stack, 'Role', statements));
    expect(result.warnings).toEqual([]);
  });

  test('allowCdkDeploy() is administrator-level: a branch is flagged, an environment is not', () => {
    const result = guard((stack) => {
      const provider = new GitHubOidcProvider(stack, 'GitHub');
      new CiDeployRole(stack, 'Branch', { provider, subjects: [GitHubRepository.of('acme/api').branch('main')] }).allowCdkDeploy();
      new CiDeployRole(stack, 'Environment', { provider, subjects: [GitHubRepository.of('acme/api').environment('production')] }).allowCdkDeploy();
    });
    expect(result.warnings).toEqual(['/Stack/Branch/Resource cdk-ci-oidc:guard:adminTrustedByBranch']);
    expect(result.texts[0]).toContain("on the CDK bootstrap deploy role, which deploys with CloudFormation's execution policy (AdministratorAccess by default)");
  });

  test('allowCdkDeploy() without the deploy role is not administrator-level (boundary)', () => {
    const result = guard((stack) => {
      const provider = new GitHubOidcProvider(stack, 'GitHub');
      new CiDeployRole(stack, 'Branch', { provider, subjects: [GitHubRepository.of('acme/api').branch('main')] })
        .allowCdkDeploy({ roles: [CdkBootstrapRole.LOOKUP, CdkBootstrapRole.FILE_PUBLISHING] });
    });
    expect(result.warnings).toEqual([]);
  });

  test.each(['repo:acme/api:environment:*', 'repo:acme/api:environment:prod*'])('an environment pattern %p is not environment-gated', (sub) => {
    const result = guard((stack) => stmtRole(stack, 'Role', { Condition: { StringEquals: AUD, StringLike: { [`${GH}:sub`]: sub } } }, {
      managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    }));
    expect(result.warnings).toContain('/Stack/Role cdk-ci-oidc:guard:adminTrustedByBranch');
  });
});

describe('the guard and roles that fail their own validation', () => {
  test('a CiDeployRole without subjects shows the library message, not a resolution error', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new CiDeployRole(stack, 'Role', { provider: new GitHubOidcProvider(stack, 'GitHub') });
    Aspects.of(app).add(new CiTrustGuard());
    expect(() => app.synth()).toThrow("CiDeployRole 'Stack/Role' has no subject");
    expect(() => app.synth()).not.toThrow(/Resolution error/);
  });
});

/** An application stage with a role whose sub has a wildcard owner. */
class AppStage extends Stage {
  public readonly stack: Stack;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.stack = new Stack(this, 'App');
    stmtRole(this.stack, 'Role', { Condition: { StringEquals: AUD, StringLike: { [`${GH}:sub`]: 'repo:acme*' } } });
  }
}

/** The errors a synthesized stage stack carries, as `<path> <id>`. */
function stageErrors(stage: Stage, stack: Stack): string[] {
  return stage.synth().getStackArtifact(stack.artifactId).messages
    .filter((m) => m.level === 'error')
    .map((m) => `${m.id} ${/^\[([^\]]+)\]/.exec(String(m.entry.data))?.[1]}`);
}

describe('stages', () => {
  test('fails loudly if the guard is on the app only and a stage holds roles', () => {
    const app = new App();
    new AppStage(app, 'Prod');
    Aspects.of(app).add(new CiTrustGuard());
    expect(() => app.synth()).toThrow("Invalid CiTrustGuard stage 'Prod': the guard cannot audit its roles (Prod/App/Role): CDK applies an Aspect within its own stage only");
  });

  test('a stage without CI roles has nothing to miss (boundary)', () => {
    const app = new App();
    const stage = new Stage(app, 'Prod');
    new iam.Role(new Stack(stage, 'App'), 'Lambda', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    Aspects.of(app).add(new CiTrustGuard());
    expect(() => app.synth()).not.toThrow();
  });

  test('CiTrustGuard.addTo(app) reaches the roles inside a stage', () => {
    const app = new App();
    const stage = new AppStage(app, 'Prod');
    CiTrustGuard.addTo(app);
    app.synth();
    expect(stageErrors(stage, stage.stack)).toEqual(['/Prod/App/Role cdk-ci-oidc:guard:wildcardScope']);
  });

  test('CiTrustGuard.addTo(app) reaches a stage inside a stage, once', () => {
    const app = new App();
    const outer = new Stage(app, 'Outer');
    const inner = new AppStage(outer, 'Inner');
    CiTrustGuard.addTo(app);
    CiTrustGuard.addTo(app);
    app.synth();
    expect(stageErrors(inner, inner.stack)).toEqual(['/Outer/Inner/App/Role cdk-ci-oidc:guard:wildcardScope']);
  });

  test('a CDK Pipelines app: the application stage inside the pipeline stack is audited', () => {
    // GIVEN a real pipelines.CodePipeline with an application stage defined in the pipeline stack
    const app = new App();
    const pipelineStack = new Stack(app, 'Pipeline', { env: { account: '123456789012', region: 'eu-west-1' } });
    const pipeline = new pipelines.CodePipeline(pipelineStack, 'Pipeline', {
      synth: new pipelines.ShellStep('Synth', {
        input: pipelines.CodePipelineSource.connection('acme/api', 'main', { connectionArn: 'arn:aws:codeconnections:eu-west-1:123456789012:connection/abc' }),
        commands: ['npx cdk synth'],
      }),
    });
    const stage = new AppStage(pipelineStack, 'Prod');

    // WHEN the guard is added before addStage(), which synthesizes the stage at once, and to the app
    CiTrustGuard.addTo(stage);
    pipeline.addStage(stage);
    CiTrustGuard.addTo(app);
    app.synth();

    // THEN
    expect(stageErrors(stage, stage.stack)).toEqual(['/Pipeline/Prod/App/Role cdk-ci-oidc:guard:wildcardScope']);
  });

  test.each([
    ['on the app only', (app: App) => Aspects.of(app).add(new CiTrustGuard())],
    ['added to the app after addStage()', (app: App) => CiTrustGuard.addTo(app)],
  ])('the same pipeline with the guard %s fails loudly', (_name, addGuard) => {
    const app = new App();
    const pipelineStack = new Stack(app, 'Pipeline', { env: { account: '123456789012', region: 'eu-west-1' } });
    const pipeline = new pipelines.CodePipeline(pipelineStack, 'Pipeline', {
      synth: new pipelines.ShellStep('Synth', {
        input: pipelines.CodePipelineSource.connection('acme/api', 'main', { connectionArn: 'arn:aws:codeconnections:eu-west-1:123456789012:connection/abc' }),
        commands: ['npx cdk synth'],
      }),
    });
    pipeline.addStage(new AppStage(pipelineStack, 'Prod'));
    addGuard(app);
    expect(() => app.synth()).toThrow("Invalid CiTrustGuard stage 'Pipeline/Prod': the guard cannot audit its roles");
  });
});
