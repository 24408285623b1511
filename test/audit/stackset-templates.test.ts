import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, aws_cloudformation as cloudformation, aws_iam as iam, Stack } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match } from 'aws-cdk-lib/assertions';
import { CiTrustGuard } from '../../src';
import { stackSetTemplate, stackSetTemplates } from '../../src/audit/stackset-templates';
import { main } from '../../src/cli/report';
import { managementStack, rollout } from '../organization/rollout-fixture';

const GH = 'token.actions.githubusercontent.com';

/** A hand-written instance template: a role trusting every repository of every owner starting with 'acme'. */
const BAD_TEMPLATE = {
  Resources: {
    WideOpen: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{
            Effect: 'Allow',
            Principal: { Federated: { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${GH}` } },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:acme*' } },
          }],
        },
      },
    },
    NoSubject: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [{
            Effect: 'Allow',
            Principal: { Federated: { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${GH}` } },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } },
          }],
        },
      },
    },
  },
};

/** A StackSet written by hand, with the bad template inline. */
function handWrittenStackSet(stack: Stack): cloudformation.CfnStackSet {
  return new cloudformation.CfnStackSet(stack, 'HandWritten', {
    stackSetName: 'hand-written',
    permissionModel: 'SERVICE_MANAGED',
    autoDeployment: { enabled: true, retainStacksOnAccountRemoval: true },
    stackInstancesGroup: [{ deploymentTargets: { organizationalUnitIds: ['ou-ab12-cdef3456'] }, regions: ['us-east-1'] }],
    templateBody: JSON.stringify(BAD_TEMPLATE),
  });
}

/** The errors and warnings the guard reports on a stack, as `<path> <id>`. */
function guardFindings(stack: Stack): { errors: string[]; warnings: string[]; texts: string[] } {
  Aspects.of(stack.node.root).add(new CiTrustGuard());
  const annotations = AssertAnnotations.fromStack(stack);
  const errors = annotations.findError('*', Match.anyValue());
  const warnings = annotations.findWarning('*', Match.anyValue());
  return {
    errors: errors.map((m) => `${m.id} ${/^\[([^\]]+)\]/.exec(String(m.entry.data))?.[1]}`),
    warnings: warnings.map((m) => `${m.id} ${/\[ack: ([^\]]+)\]$/.exec(String(m.entry.data))?.[1]}`),
    texts: [...errors, ...warnings].map((m) => String(m.entry.data)),
  };
}

describe('reading StackSet templates', () => {
  test('a JSON TemplateBody is read; YAML, URLs and malformed bodies are not', () => {
    expect(stackSetTemplate({ Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateBody: JSON.stringify(BAD_TEMPLATE) } })).toEqual(BAD_TEMPLATE);
    expect(stackSetTemplate({ Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateBody: 'Resources:\n  A: {}' } })).toBeUndefined();
    expect(stackSetTemplate({ Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateURL: 'https://example.com/t.json' } })).toBeUndefined();
    expect(stackSetTemplate({ Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateBody: '{"Resources":' } })).toBeUndefined();
    expect(stackSetTemplate({ Type: 'AWS::CloudFormation::Stack', Properties: { TemplateBody: JSON.stringify(BAD_TEMPLATE) } })).toBeUndefined();
    expect(stackSetTemplates({ Resources: { S: { Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateBody: '{}' } } } })).toEqual([{ logicalId: 'S', template: {} }]);
  });
});

describe('CiTrustGuard audits the roles inside StackSet templates', () => {
  test('a bad role in a hand-written StackSet fails synthesis, reported on the StackSet with the role named', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    handWrittenStackSet(stack);

    // WHEN
    const result = guardFindings(stack);

    // THEN
    expect(result.errors).toEqual([
      '/Stack/HandWritten cdk-ci-oidc:guard:wildcardScope',
      '/Stack/HandWritten cdk-ci-oidc:guard:missingSub',
    ]);
    expect(result.texts.filter((text) => text.includes('[Stack/HandWritten/WideOpen]'))).toHaveLength(1);
    expect(result.texts.filter((text) => text.includes('[Stack/HandWritten/NoSubject]'))).toHaveLength(1);
  });

  test("a role written by hand into a rollout's template is found too", () => {
    // GIVEN a CfnRole added to the baseline inside the instance template
    const r = rollout();
    new iam.CfnRole(r.baseline, 'HandWritten', { assumeRolePolicyDocument: BAD_TEMPLATE.Resources.WideOpen.Properties.AssumeRolePolicyDocument });

    // WHEN
    const result = guardFindings(Stack.of(r));

    // THEN
    expect(result.errors).toEqual(['/Organization/Rollout/Resource cdk-ci-oidc:guard:wildcardScope']);
    expect(result.texts.find((text) => text.startsWith('[cdk-ci-oidc:guard:wildcardScope]'))).toMatch(/\[Organization\/Rollout\/BaselineHandWritten[0-9A-F]{8}\]$/);
  });

  test("a rollout's own roles pass, and their warnings are not repeated", () => {
    const result = guardFindings(Stack.of(rollout()));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual(['/Organization/Rollout/Resource cdk-ci-oidc:pullRequestSubject']);
  });
});

describe('cdk-ci-oidc report audits the roles inside StackSet templates', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  function report(build: (app: App) => void): { status: number; stdout: string } {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ci-oidc-stackset-report-'));
    dirs.push(outdir);
    const app = new App({ outdir });
    build(app);
    app.synth();
    let stdout = '';
    const status = main(['report', outdir, '--json'], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
    return { status, stdout };
  }

  test('a bad role in a StackSet template is an error of the review', () => {
    const result = report((app) => handWrittenStackSet(new Stack(app, 'Stack')));
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.roles.map((role: { role: string; findings: Array<{ id: string }> }) => [role.role, role.findings.map((f) => f.id)])).toEqual([
      ['Stack/HandWritten/WideOpen', ['cdk-ci-oidc:guard:wildcardScope']],
      ['Stack/HandWritten/NoSubject', ['cdk-ci-oidc:guard:missingSub']],
    ]);
  });

  test("a rollout's roles are listed with their provider and subjects", () => {
    const result = report((app) => rollout({}, managementStack(app)));
    expect(result.status).toBe(0);
    const roles = JSON.parse(result.stdout).roles as Array<{ stack: string; role: string; findings: Array<{ id: string }> }>;
    expect(roles.map((role) => role.role.replace(/[0-9A-F]{8}$/, ''))).toEqual([
      'Organization/Rollout/BaselinePlan', 'Organization/Rollout/BaselineDeploy', 'Organization/Rollout/BaselineGitLabDeploy',
    ]);
    expect(roles.map((role) => role.stack)).toEqual(['Organization/Rollout', 'Organization/Rollout', 'Organization/Rollout']);
    expect(roles[0].findings.map((f) => f.id)).toEqual(['cdk-ci-oidc:pullRequestSubject']);
  });
});
