import { GithubActionsIdentityProvider, GithubActionsRole } from 'aws-cdk-github-oidc';
import { Annotations, App, Aspects, CfnOutput, Fn, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CiDeployRole, CiOidcPrincipal, CiTrustGuard, GitHubIssuer, GitHubOidcProvider, GitHubOwner, GitHubRepository, GitHubSubject, GitHubSubjectClaimKey, GitHubSubjectTemplate, GitLabGroup, GitLabIssuer, GitLabOidcProvider, GitLabProject } from '../../src';
import { guard } from '../fixtures/guard-findings';

const GH = 'token.actions.githubusercontent.com';
const GH_ARN = `arn:aws:iam::123456789012:oidc-provider/${GH}`;
const GL_ARN = 'arn:aws:iam::123456789012:oidc-provider/gitlab.com';
const AUD = { [`${GH}:aud`]: 'sts.amazonaws.com' };


/** A hand-written CfnRole with one web identity statement, as found in the wild. */
function cfnRole(stack: Stack, id: string, federated: unknown, condition: Record<string, unknown>, extra: Record<string, unknown> = {}): iam.CfnRole {
  return new iam.CfnRole(stack, id, {
    assumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: federated }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
    },
    ...extra,
  });
}

/** A GitHub role with the audience and one `sub` condition under `operator`. */
function subRole(stack: Stack, id: string, operator: string, sub: string | string[]): void {
  const condition: Record<string, Record<string, unknown>> = { StringEquals: { ...AUD } };
  condition[operator] = { ...condition[operator], [`${GH}:sub`]: sub };
  cfnRole(stack, id, GH_ARN, condition);
}

describe('CiTrustGuard recognizes CI trusts', () => {
  test('an iam.Role with a WebIdentityPrincipal on a provider of this stack', () => {
    // GIVEN a role trusting the GitHub provider by Ref, with the audience only
    const result = guard((stack) => {
      const provider = new GitHubOidcProvider(stack, 'GitHub');
      new iam.Role(stack, 'Role', { assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, { StringEquals: AUD }) });
    });
    // THEN
    expect(result.errors).toEqual(['/Stack/Role/Resource cdk-ci-oidc:guard:missingSub']);
    expect(result.warnings).toEqual([]);
  });

  test('a role of another library on the Lambda-backed provider (aws-cdk-github-oidc, default filter)', () => {
    // GIVEN GithubActionsRole, whose default filter '*' admits every job of the repository
    const result = guard((stack) => {
      const provider = new GithubActionsIdentityProvider(stack, 'Provider');
      new GithubActionsRole(stack, 'Role', { provider, owner: 'acme', repo: 'api' });
    });
    // THEN
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      '/Stack/Role/Resource cdk-ci-oidc:anyRefSubject',
      '/Stack/Role/Resource cdk-ci-oidc:pullRequestSubject',
    ]);
  });

  test('a provider imported with fromAccount (Fn::Join ARN)', () => {
    const result = guard((stack) => {
      const provider = GitHubOidcProvider.fromAccount(stack, 'GitHub');
      new iam.Role(stack, 'Role', { assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, { StringEquals: AUD }) });
    });
    expect(result.errors).toEqual(['/Stack/Role/Resource cdk-ci-oidc:guard:missingSub']);
  });

  test('a provider of another stack of the app', () => {
    // GIVEN the provider in one stack and a hand-written role in another
    const app = new App();
    const providers = new Stack(app, 'Providers');
    const provider = new GitHubOidcProvider(providers, 'GitHub');
    const roles = new Stack(app, 'Roles');
    new iam.Role(roles, 'Role', { assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, { StringEquals: AUD }) });
    Aspects.of(app).add(new CiTrustGuard());
    // THEN
    AssertAnnotations.fromStack(roles).hasError('/Roles/Role/Resource', Match.stringLikeRegexp('^\\[cdk-ci-oidc:guard:missingSub\\]'));
  });

  test('a principal that cannot be read (Fn::ImportValue): the condition keys name the issuer', () => {
    const result = guard((stack) => {
      cfnRole(stack, 'Role', Fn.importValue('GitHubProviderArn'), { StringEquals: AUD });
    });
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:missingSub']);
  });

  test.each([
    ['GitHub Enterprise Cloud slug', `${GH}/acme-corp`],
    ['GHE.com', 'token.actions.octocorp.ghe.com'],
    ['GitHub Enterprise Server', 'github.example.com/_services/token'],
    ['gitlab.com', 'gitlab.com'],
  ])('the issuer of %s by name, even without a sub condition', (_name, issuer) => {
    const result = guard((stack) => {
      cfnRole(stack, 'Role', `arn:aws:iam::123456789012:oidc-provider/${issuer}`, { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' } });
    });
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:missingSub']);
  });

  test('a self-managed GitLab issuer by its project_path subjects', () => {
    const result = guard((stack) => {
      const issuer = 'gitlab.example.com';
      cfnRole(stack, 'Role', `arn:aws:iam::123456789012:oidc-provider/${issuer}`, {
        StringLike: { [`${issuer}:sub`]: 'project_path:acme*' },
      });
    });
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:missingAudience', '/Stack/Role cdk-ci-oidc:guard:wildcardScope']);
  });

  test('a self-managed GitLab issuer without sub condition only when configured in gitLabIssuers', () => {
    const build = (stack: Stack): void => {
      cfnRole(stack, 'Role', 'arn:aws:iam::123456789012:oidc-provider/gitlab.example.com', {
        StringEquals: { 'gitlab.example.com:aud': 'sts.amazonaws.com' },
      });
    };
    expect(guard(build).errors).toEqual([]);
    expect(guard(build, { gitLabIssuers: ['https://gitlab.example.com/'] }).errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:missingSub']);
  });

  test('ignores roles that trust no CI provider: services, EKS service accounts, Cognito, Deny statements', () => {
    const result = guard((stack) => {
      new iam.Role(stack, 'Lambda', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const eks = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
      cfnRole(stack, 'Eks', `arn:aws:iam::123456789012:oidc-provider/${eks}`, { StringEquals: { [`${eks}:sub`]: 'system:serviceaccount:default:app' } });
      cfnRole(stack, 'Cognito', 'cognito-identity.amazonaws.com', { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:pool' } });
      new iam.CfnRole(stack, 'Deny', {
        assumeRolePolicyDocument: {
          Statement: [{ Effect: 'Deny', Principal: { Federated: GH_ARN }, Action: 'sts:AssumeRoleWithWebIdentity' }],
        },
      });
    });
    expect(result).toEqual({ errors: [], warnings: [], texts: [] });
  });
});

describe('CiTrustGuard errors', () => {
  // Datadog Security Labs, "No keys attached" (2023): roles trusting GitHub's issuer with the audience only.
  test('fails if the trust checks the audience but not the subject', () => {
    const result = guard((stack) => {
      cfnRole(stack, 'Role', GH_ARN, { StringEquals: AUD });
    });
    expect(result.texts).toEqual([
      "[cdk-ci-oidc:guard:missingSub] The statement trusts the GitHub Actions provider 'token.actions.githubusercontent.com' without " +
      "checking the token's subject: any job of any repository that can get a token from this issuer may assume the role. " +
      'Condition: Statement[0] no condition on token.actions.githubusercontent.com:sub. ' +
      'Fix: Add a subject condition, e.g. "StringEquals": { "token.actions.githubusercontent.com:sub": "repo:acme/api:environment:production" }, ' +
      'or build the role with CiDeployRole. [Stack/Role]',
    ]);
  });

  test('fails if a GitLab trust checks the audience but not the subject', () => {
    const result = guard((stack) => {
      cfnRole(stack, 'Role', GL_ARN, { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' } });
    });
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:missingSub']);
    expect(result.texts[0]).toContain('"gitlab.com:sub": "project_path:acme/api:ref_type:branch:ref:main"');
  });

  test('fails if the trust checks the subject but not the audience', () => {
    const result = guard((stack) => {
      cfnRole(stack, 'Role', GH_ARN, { StringEquals: { [`${GH}:sub`]: 'repo:acme/api:environment:production' } });
    });
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:missingAudience']);
  });

  test('fails if the audience is a pattern with a wildcard (StringLike on aud)', () => {
    const result = guard((stack) => {
      cfnRole(stack, 'Wildcard', GH_ARN, { StringLike: { [`${GH}:aud`]: '*', [`${GH}:sub`]: 'repo:acme/api:environment:production' } });
      cfnRole(stack, 'Literal', GH_ARN, { StringLike: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/api:environment:production' } });
    });
    expect(result.errors).toEqual(['/Stack/Wildcard cdk-ci-oidc:guard:wildcardAudience']);
  });

  test.each([
    ['repo:*', 'every repository'],
    ['repo:acme*', 'an owner prefix (acme-evil)'],
    ['repo:acme*:ref:refs/heads/main', 'an owner prefix before the context'],
    ['repo:*/api:*', 'any owner of a repository called api'],
    ['repo:acme/api*:ref:refs/heads/main', 'a repository prefix (api-evil)'],
    ['repo:acme/a?i:*', 'a single-character wildcard in the repository'],
    ['repo:acme/*/x:*', 'a wildcard that crosses / in the repository position'],
    ['*', 'every subject'],
    ['rep*', 'a cut claim name'],
    ['repository_owner:acme*', 'a custom template with an owner prefix'],
  ])('fails if the GitHub sub pattern is %s (%s)', (sub) => {
    const result = guard((stack) => subRole(stack, 'Role', 'StringLike', sub));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:wildcardScope']);
  });

  test.each([
    ['project_path:*'],
    ['project_path:acme*'],
    ['project_path:acme*:ref_type:branch:ref:main'],
    ['project_path:acme/api*:ref_type:branch:ref:main'],
    ['project_path:acme/*/api:ref_type:branch:ref:main'],
    ['project_id:12*:ref_type:branch:ref:main'],
    ['project_id:*'],
  ])('fails if the GitLab sub pattern is %s', (sub) => {
    const result = guard((stack) => {
      cfnRole(stack, 'Role', GL_ARN, { StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com' }, StringLike: { 'gitlab.com:sub': sub } });
    });
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:wildcardScope']);
  });

  test('a wildcard right after a complete owner or group is a warned whole-owner trust, not an error (boundary)', () => {
    const result = guard((stack) => {
      subRole(stack, 'Owner', 'StringLike', 'repo:acme/*:environment:production');
      cfnRole(stack, 'Group', GL_ARN, {
        StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'gitlab.com:sub': 'project_path:acme/*:ref_type:branch:ref:main' },
      });
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual(['/Stack/Owner cdk-ci-oidc:wholeOwnerSubject', '/Stack/Group cdk-ci-oidc:wholeGroupSubject']);
  });

  test('the wildcard error names the condition and the fix', () => {
    const result = guard((stack) => subRole(stack, 'Role', 'StringLike', 'repo:acme*'));
    expect(result.texts).toEqual([
      "[cdk-ci-oidc:guard:wildcardScope] The subject pattern 'repo:acme*' has a wildcard in the owner position, so it matches other owners' " +
      "repositories too (e.g. 'acme*' matches 'acme-evil'). Condition: Statement[0] StringLike token.actions.githubusercontent.com:sub \"repo:acme*\". " +
      "Fix: Name the owner and repository literally, e.g. 'repo:acme/api:environment:production' (or 'repo:acme/*:<context>' for every " +
      'repository of one owner, a warned choice). [Stack/Role]',
    ]);
  });

  test.each([
    ['ForAnyValue:StringLike'],
    ['ForAllValues:StringLike'],
    ['ForAllValues:StringEquals'],
    ['StringLikeIfExists'],
    ['StringEqualsIfExists'],
    ['StringNotEquals'],
    ['StringNotLike'],
    ['StringEqualsIgnoreCase'],
    ['Null'],
  ])('fails if the sub condition uses %s', (operator) => {
    const result = guard((stack) => subRole(stack, 'Role', operator, 'repo:acme/api:ref:refs/heads/main'));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:unsafeOperator']);
  });

  test('fails if a set operator is used on the audience or a pinned claim', () => {
    const result = guard((stack) => {
      cfnRole(stack, 'Role', GH_ARN, {
        'ForAnyValue:StringEquals': { [`${GH}:aud`]: 'sts.amazonaws.com' },
        'StringEquals': { [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main' },
        'ForAllValues:StringEquals': { [`${GH}:repository_id`]: '89012345' },
      });
    });
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:unsafeOperator', '/Stack/Role cdk-ci-oidc:guard:unsafeOperator']);
  });

  test('fails if the condition keys name another issuer than the principal', () => {
    // GIVEN a GitLab subject copied into a role that trusts GitHub's provider
    const result = guard((stack) => {
      cfnRole(stack, 'Role', GH_ARN, {
        StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', 'gitlab.com:sub': 'project_path:acme/api:ref_type:branch:ref:main' },
      });
    });
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:issuerMismatch', '/Stack/Role cdk-ci-oidc:guard:missingSub']);
  });

  test('fails if an unreadable principal comes with keys of two issuers', () => {
    const result = guard((stack) => {
      cfnRole(stack, 'Role', Fn.importValue('ProviderArn'), {
        StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main', 'gitlab.com:aud': 'sts.amazonaws.com' },
      });
    });
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:issuerMismatch']);
  });
});

describe('CiTrustGuard warnings', () => {
  test.each([
    ['repo:acme/api:pull_request', 'StringEquals', ['cdk-ci-oidc:pullRequestSubject']],
    ['repo:acme/api:*', 'StringLike', ['cdk-ci-oidc:anyRefSubject', 'cdk-ci-oidc:pullRequestSubject']],
    ['repo:acme/api:ref:*', 'StringLike', ['cdk-ci-oidc:anyRefSubject']],
    ['repo:acme/api:ref:refs/heads/*', 'StringLike', ['cdk-ci-oidc:anyBranch']],
    ['repo:acme/api:ref:refs/tags/*', 'StringLike', ['cdk-ci-oidc:anyTag']],
    ['repo:acme/*', 'StringLike', ['cdk-ci-oidc:anyRefSubject', 'cdk-ci-oidc:pullRequestSubject', 'cdk-ci-oidc:wholeOwnerSubject']],
    ['repo:acme/api:ref:refs/heads/release/*', 'StringLike', []],
    ['repo:acme/api:environment:production', 'StringEquals', []],
    ['repo:acme/api:ref:refs/heads/main', 'StringLike', []],
    ['repo:acme/*:ref:refs/heads/main', 'StringEquals', ['cdk-ci-oidc:guard:unrecognizedSubject']],
    ['repo:acme', 'StringEquals', ['cdk-ci-oidc:guard:unrecognizedSubject']],
    ['repo:acme/api:deployment:production', 'StringEquals', ['cdk-ci-oidc:guard:unrecognizedSubject']],
    ['repo:acme/api:environment:production:job_workflow_ref:acme/wf/.github/workflows/deploy.yml@refs/heads/main', 'StringEquals', []],
    ['repo:acme/api', 'StringEquals', ['cdk-ci-oidc:anyRefSubject']],
    ['repository_owner:acme:environment:production', 'StringEquals', ['cdk-ci-oidc:wholeOwnerSubject']],
    ['repository_id:89012345:pull_request', 'StringEquals', ['cdk-ci-oidc:pullRequestSubject']],
  ])('GitHub sub %s (%s) warns %j', (sub, operator, ids) => {
    const result = guard((stack) => subRole(stack, 'Role', operator, sub));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual(ids.map((id) => `/Stack/Role ${id}`));
  });

  test.each([
    ['project_path:acme/api:ref_type:*', ['cdk-ci-oidc:anyRefSubject']],
    ['project_path:acme/api:ref_type:branch:ref:*', ['cdk-ci-oidc:anyBranch']],
    ['project_id:42:ref_type:tag:ref:*', ['cdk-ci-oidc:anyTag']],
    ['project_path:acme/*', ['cdk-ci-oidc:anyRefSubject', 'cdk-ci-oidc:wholeGroupSubject']],
    ['project_path:acme/platform/api:ref_type:branch:ref:main', []],
    ['project_id:42:ref_type:tag:ref:v*', []],
  ])('GitLab sub %s warns %j', (sub, ids) => {
    const result = guard((stack) => {
      cfnRole(stack, 'Role', GL_ARN, { StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com' }, StringLike: { 'gitlab.com:sub': sub } });
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual(ids.map((id) => `/Stack/Role ${id}`));
  });

  describe('administrator-level roles', () => {
    const admin = (stack: Stack, id: string, sub: string): iam.Role => {
      const role = new iam.Role(stack, id, {
        assumedBy: new iam.WebIdentityPrincipal(GH_ARN, { StringEquals: { ...AUD, [`${GH}:sub`]: sub } }),
      });
      role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
      return role;
    };

    test('warns when trusted by a branch, not when trusted by an environment (boundary)', () => {
      const result = guard((stack) => {
        admin(stack, 'Branch', 'repo:acme/api:ref:refs/heads/main');
        admin(stack, 'Environment', 'repo:acme/api:environment:production');
      });
      expect(result.warnings).toEqual(['/Stack/Branch/Resource cdk-ci-oidc:guard:adminTrustedByBranch']);
      expect(result.texts[0]).toContain('administrator-level permissions (managed policy AdministratorAccess) and is assumed by acme/api, branch main');
    });

    test('warns for "*" on every resource in an inline or attached policy, not for a scoped one', () => {
      const result = guard((stack) => {
        const star = new iam.Role(stack, 'Star', { assumedBy: new iam.WebIdentityPrincipal(GH_ARN, { StringEquals: { ...AUD, [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main' } }) });
        star.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
        const scoped = new iam.Role(stack, 'Scoped', { assumedBy: new iam.WebIdentityPrincipal(GH_ARN, { StringEquals: { ...AUD, [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main' } }) });
        scoped.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
        cfnRole(stack, 'Inline', GH_ARN, { StringEquals: { ...AUD, [`${GH}:sub`]: 'repo:acme/api:ref:refs/tags/v1' } }, {
          policies: [{ policyName: 'all', policyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } }],
        });
      });
      expect(result.warnings).toEqual([
        '/Stack/Star/Resource cdk-ci-oidc:guard:adminTrustedByBranch',
        '/Stack/Inline cdk-ci-oidc:guard:adminTrustedByBranch',
      ]);
    });

    test('a GitLab admin role warns unless it requires a protected ref', () => {
      const result = guard((stack) => {
        const provider = new GitLabOidcProvider(stack, 'GitLab');
        for (const requireProtectedRef of [false, true]) {
          const role = new CiDeployRole(stack, `Protected${requireProtectedRef}`, {
            provider, requireProtectedRef, subjects: [GitLabProject.of('acme/api').branch('main')],
          });
          role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
        }
      });
      expect(result.warnings).toEqual(['/Stack/Protectedfalse/Resource cdk-ci-oidc:guard:adminTrustedByBranch']);
    });
  });

  test('warnings are acknowledged by id on the role or the stack', () => {
    const result = guard((stack) => {
      const role = new iam.Role(stack, 'Role', {
        assumedBy: new iam.WebIdentityPrincipal(GH_ARN, { StringEquals: AUD, StringLike: { [`${GH}:sub`]: 'repo:acme/*:pull_request' } }),
      });
      Annotations.of(role).acknowledgeWarning('cdk-ci-oidc:wholeOwnerSubject', 'every repository of acme deploys docs');
      Annotations.of(stack).acknowledgeWarning('cdk-ci-oidc:pullRequestSubject', 'read-only role');
    });
    expect(result).toEqual({ errors: [], warnings: [], texts: [] });
  });
});

describe('CiTrustGuard on roles of this library', () => {
  test('CiDeployRole and CiOidcPrincipal roles with safe subjects pass clean', () => {
    const result = guard((stack) => {
      const github = new GitHubOidcProvider(stack, 'GitHub');
      const repository = GitHubRepository.of('acme/api', { ownerId: 1234567, repositoryId: 89012345 });
      new CiDeployRole(stack, 'Production', { provider: github, subjects: [repository.environment('production')] });
      new CiDeployRole(stack, 'Staging', { provider: github, subjects: [repository.branch('main'), repository.tag('v*'), repository.branch('release/*')] });
      new iam.Role(stack, 'Own', { assumedBy: new CiOidcPrincipal(github, { subjects: [GitHubRepository.of('acme/web').environment('preview:eu')] }) });
      const enterprise = new GitHubOidcProvider(stack, 'Enterprise', { issuer: GitHubIssuer.enterpriseServer('github.example.com') });
      new CiDeployRole(stack, 'Server', { provider: enterprise, subjects: [GitHubRepository.of('acme/api').branch('main')] });
      const gitlab = new GitLabOidcProvider(stack, 'GitLab');
      new CiDeployRole(stack, 'GitLabRole', {
        provider: gitlab, requireProtectedRef: true, subjects: [GitLabProject.of('acme/platform/api', { projectId: 4242 }).branch('main')],
      });
      const selfManaged = new GitLabOidcProvider(stack, 'SelfManaged', { issuer: GitLabIssuer.selfManaged('https://gitlab.example.com') });
      new CiDeployRole(stack, 'SelfManagedRole', { provider: selfManaged, subjects: [GitLabProject.of('acme/api').tag('v*')] });
    });
    expect(result).toEqual({ errors: [], warnings: [], texts: [] });
  });

  test('CiDeployRole roles with subjects of a customized GitHub subject template pass clean', () => {
    const result = guard((stack) => {
      const github = new GitHubOidcProvider(stack, 'GitHub');
      const template = GitHubSubjectTemplate.of([GitHubSubjectClaimKey.REPO, GitHubSubjectClaimKey.CONTEXT, GitHubSubjectClaimKey.JOB_WORKFLOW_REF]);
      new CiDeployRole(stack, 'Reusable', {
        provider: github,
        subjects: [template.subject({
          repository: 'acme/api',
          ownerId: 1234567,
          repositoryId: 89012345,
          environment: 'production',
          jobWorkflowRef: 'acme/workflows/.github/workflows/deploy.yml@refs/heads/main',
        })],
      });
      const ids = GitHubSubjectTemplate.of([
        GitHubSubjectClaimKey.REPOSITORY_OWNER_ID, GitHubSubjectClaimKey.REPOSITORY_ID, GitHubSubjectClaimKey.REF,
      ]);
      new CiDeployRole(stack, 'ByIds', { provider: github, subjects: [ids.subject({ ownerId: 1234567, repositoryId: 89012345, branch: 'main' })] });
    });
    expect(result).toEqual({ errors: [], warnings: [], texts: [] });
  });

  test('the escape hatch refuses the repository pattern that the guard reports in a hand-written role', () => {
    // GIVEN the same claim through GitHubSubject.fromClaim and in a hand-written role
    const claim = 'repo:acme/api-*:ref:refs/heads/main';
    expect(() => GitHubSubject.fromClaim(claim)).toThrow(/its repository 'api-\*' is a pattern/);
    // WHEN
    const result = guard((stack) => subRole(stack, 'Raw', 'StringLike', claim));
    // THEN
    expect(result.errors).toEqual(['/Stack/Raw cdk-ci-oidc:guard:wildcardScope']);
  });

  test('does not repeat the warnings a CiDeployRole already gave', () => {
    const result = guard((stack) => {
      const github = new GitHubOidcProvider(stack, 'GitHub');
      new CiDeployRole(stack, 'Docs', { provider: github, subjects: [GitHubOwner.of('acme').branch('main'), GitHubRepository.of('acme/api').anyRef()] });
      const gitlab = new GitLabOidcProvider(stack, 'GitLab');
      new CiDeployRole(stack, 'Group', { provider: gitlab, subjects: [GitLabGroup.of('acme').tag('v*')] });
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      '/Stack/Docs/Resource cdk-ci-oidc:wholeOwnerSubject',
      '/Stack/Docs/Resource cdk-ci-oidc:anyRefSubject',
      '/Stack/Group/Resource cdk-ci-oidc:wholeGroupSubject',
    ]);
  });

  test('leaves the template as it was', () => {
    // GIVEN the same app with and without the guard
    const build = (withGuard: boolean): Record<string, unknown> => {
      const app = new App();
      const stack = new Stack(app, 'Stack');
      const provider = new GitHubOidcProvider(stack, 'GitHub');
      const role = new CiDeployRole(stack, 'Role', { provider, subjects: [GitHubRepository.of('acme/api').branch('main')] });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
      new CfnOutput(stack, 'Arn', { value: role.roleArn });
      if (withGuard) {
        Aspects.of(app).add(new CiTrustGuard());
      }
      return Template.fromStack(stack).toJSON();
    };
    expect(build(true)).toEqual(build(false));
  });
});
