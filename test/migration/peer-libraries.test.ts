/**
 * The migration guide (docs/migration.md), step by step, for the three peer libraries: the old
 * role and the new CiDeployRole side by side in one stack, the old provider kept (retained, then
 * imported by ARN), and the proof that the new role admits the tokens the pipeline needs and none
 * that the old role refused, decided by the independent IAM evaluator and by `cdk-ci-oidc explain`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GithubActionsIdentityProvider, GithubActionsRole } from 'aws-cdk-github-oidc';
import { App, CustomResource, RemovalPolicy, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { GitHubActionRole } from 'cdk-pipelines-github';
import { IConstruct } from 'constructs';
import { CiDeployRole, GitHubOidcProvider, GitHubRepository } from '../../src';
import { auditStack } from '../../src/audit/template-audit';
import { explain } from '../../src/cli/explain';
import { decide, Decision, TokenPayload, TrustPolicy, trustPoliciesOfTemplate } from '../evaluator/iam-evaluator';
import { enterpriseServerIssuer, gitHubToken } from '../fixtures/tokens/github-token';
import { gitLabToken } from '../fixtures/tokens/gitlab-token';

const GH = 'token.actions.githubusercontent.com';

/** Tokens a migration must be checked against: the pipeline's own, and the ones an attacker or a mistake brings. */
const TOKENS: Record<string, TokenPayload> = {
  'push to main': gitHubToken({ repository: 'acme/api' }),
  'push to main, environment production': gitHubToken({ repository: 'acme/api', environment: 'production' }),
  'push to a feature branch': gitHubToken({ repository: 'acme/api', ref: 'refs/heads/feature' }),
  'push of a tag': gitHubToken({ repository: 'acme/api', ref: 'refs/tags/v1.0.0' }),
  'pull request': gitHubToken({ repository: 'acme/api', event: 'pull_request' }),
  'pull_request_target on main': gitHubToken({ repository: 'acme/api', event: 'pull_request_target' }),
  'main of acme/api-v2': gitHubToken({ repository: 'acme/api-v2' }),
  'main of acme-evil/api': gitHubToken({ repository: 'acme-evil/api' }),
  'main, audience https://github.com/acme': gitHubToken({ repository: 'acme/api', audience: 'https://github.com/acme' }),
  'main, GHES token': gitHubToken({ repository: 'acme/api', issuer: enterpriseServerIssuer('github.example.com') }),
  'GitLab main of acme/api': gitLabToken({ project: 'acme/api', ref: 'main', refProtected: true }),
};

/** The providers of the old libraries are Lambda-backed custom resources: resolve them as the IAM provider they create. */
function trustPolicies(stack: Stack): Record<string, TrustPolicy> {
  const template = Template.fromStack(stack).toJSON() as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type === 'Custom::AWSCDKOpenIdConnectProvider') {
      resource.Type = 'AWS::IAM::OIDCProvider';
    }
  }
  return trustPoliciesOfTemplate(template);
}

/**
 * Step 1 of the guide: keep the provider when its construct goes away. iam.OpenIdConnectProvider is
 * a custom resource: the policy goes on it (`provider.node.defaultChild`), so that CloudFormation never
 * asks its Lambda to delete the IAM provider.
 */
function retain(provider: IConstruct): void {
  (provider.node.defaultChild as CustomResource).applyRemovalPolicy(RemovalPolicy.RETAIN);
}

function logicalIdOf(stack: Stack, role: iam.IRole): string {
  return stack.getLogicalId(role.node.defaultChild as iam.CfnRole);
}

/** The tokens each policy admits. */
function admitted(policy: TrustPolicy): string[] {
  return Object.entries(TOKENS).filter(([, token]) => decide(policy, token) === 'ALLOWED').map(([name]) => name);
}

/** `cdk-ci-oidc explain` on the synthesized app: the verdict for each role. */
function explainVerdicts(app: App, token: TokenPayload): Record<string, string> {
  const outdir = app.synth().directory;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ci-oidc-migration-')), 'token.json');
  fs.writeFileSync(file, JSON.stringify(token));
  let stdout = '';
  explain(['--claims', file, outdir, '--json'], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const document = JSON.parse(stdout) as { roles: Array<{ role: string; verdict: string }> };
  return Object.fromEntries(document.roles.map((r) => [r.role, r.verdict]));
}

/** The checks of every migration: the new role admits what the pipeline needs and nothing the old refused. */
function expectSaferMigration(oldPolicy: TrustPolicy, newPolicy: TrustPolicy, needed: string[]): { onlyOld: string[] } {
  const oldAdmits = admitted(oldPolicy);
  const newAdmits = admitted(newPolicy);
  expect(newAdmits).toEqual(needed);
  expect(newAdmits.filter((name) => !oldAdmits.includes(name))).toEqual([]);
  return { onlyOld: oldAdmits.filter((name) => !newAdmits.includes(name)) };
}

describe('from aws-cdk-github-oidc', () => {
  test('the old provider is retained and imported; the new role admits main and nothing the old one did not', () => {
    // GIVEN the old setup with step 1 of the guide: the provider retained
    const app = new App();
    const stack = new Stack(app, 'Deploy');
    const oldProvider = new GithubActionsIdentityProvider(stack, 'GithubProvider');
    retain(oldProvider);
    const oldRole = new GithubActionsRole(stack, 'OldDeployRole', { provider: oldProvider, owner: 'acme', repo: 'api', filter: 'ref:refs/heads/main' });
    // WHEN step 2: the new role, with the same provider imported by issuer
    const newRole = new CiDeployRole(stack, 'DeployRole', {
      provider: GitHubOidcProvider.fromAccount(stack, 'GitHub'),
      subjects: [GitHubRepository.of('acme/api').branch('main')],
    });
    // THEN the old provider is retained when its construct is removed
    const template = Template.fromStack(stack);
    expect(Object.values(template.findResources('Custom::AWSCDKOpenIdConnectProvider')).map((r) => [r.DeletionPolicy, r.UpdateReplacePolicy]))
      .toEqual([['Retain', 'Retain']]);
    // and the roles decide alike on every token but none the new one lets in more
    const policies = trustPolicies(stack);
    const result = expectSaferMigration(policies[logicalIdOf(stack, oldRole)], policies[logicalIdOf(stack, newRole)], [
      'push to main',
    ]);
    expect(result.onlyOld).toEqual([]);
    // and explain says the same for both roles in the assembly
    expect(explainVerdicts(app, TOKENS['push to main'])).toEqual({ 'Deploy/OldDeployRole': 'admitted', 'Deploy/DeployRole': 'admitted' });
  });
});

describe('from cdk-pipelines-github GitHubActionRole', () => {
  test('the new role admits the pipeline\'s pushes to main and refuses what the old repo:acme/api:* let in', () => {
    // GIVEN the old role with its own provider (a custom resource), retained
    const app = new App();
    const stack = new Stack(app, 'Deploy');
    const old = new GitHubActionRole(stack, 'GitHubActionRole', { repos: ['acme/api'] });
    retain(old.node.findChild('github-provider'));
    // WHEN the new role, with another name while the old one (named GitHubActionRole) still exists
    const newRole = new CiDeployRole(stack, 'DeployRole', {
      provider: GitHubOidcProvider.fromAccount(stack, 'GitHub'),
      subjects: [GitHubRepository.of('acme/api').branch('main')],
    });
    newRole.allowCdkDeploy();
    // THEN
    const policies = trustPolicies(stack);
    const result = expectSaferMigration(policies[logicalIdOf(stack, old.role)], policies[logicalIdOf(stack, newRole)], [
      'push to main',
    ]);
    // the old role has no audience condition and trusts every ref of the repository
    expect(result.onlyOld).toEqual([
      'push to main, environment production',
      'push to a feature branch',
      'push of a tag',
      'pull request',
      'pull_request_target on main',
      'main, audience https://github.com/acme',
    ]);
    // and the report names what the guide says it does; the old role may assume the CDK bootstrap
    // roles, administrator-level access, from any ref
    const findings = auditStack({ stack: 'Deploy', template: Template.fromStack(stack).toJSON() })
      .find((r) => r.logicalId === logicalIdOf(stack, old.role))!.findings.map((f) => `${f.severity} ${f.id}`);
    expect(findings).toEqual([
      'error cdk-ci-oidc:guard:missingAudience',
      'warning cdk-ci-oidc:anyRefSubject',
      'warning cdk-ci-oidc:guard:adminTrustedByBranch',
      'warning cdk-ci-oidc:pullRequestSubject',
    ]);
    expect(explainVerdicts(app, TOKENS['pull request'])).toEqual({
      'Deploy/GitHubActionRole/github-action-role': 'admitted',
      'Deploy/DeployRole': 'refused',
    });
  });
});

describe('from @blimmer/cdk-github-oidc', () => {
  /**
   * The package is not on the npm registry this project installs from, so the test writes the
   * trust policy its GithubActionsRole synthesizes, as its source builds it
   * (blimmer/cdk-github-oidc src/GithubActionsRole.ts: a native AWS::IAM::OIDCProvider, StringLike on
   * `sub` with one value per subject filter, StringEquals `aud` sts.amazonaws.com;
   * src/filters/EnvironmentFilter.ts: `repo:<owner>/<repo>:environment:<name>`).
   */
  function blimmerRole(stack: Stack, provider: iam.CfnOIDCProvider): iam.CfnRole {
    return new iam.CfnRole(stack, 'OldDeployRole', {
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { Federated: provider.attrArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringLike: { [`${GH}:sub`]: ['repo:acme/api:environment:production'] },
            StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' },
          },
        }],
      },
    });
  }

  test('the native provider stays in the stack until it is imported; the new role admits the same tokens', () => {
    // GIVEN the old provider (native, like the library's) and role
    const app = new App();
    const stack = new Stack(app, 'Deploy');
    const oldProvider = new iam.CfnOIDCProvider(stack, 'Provider', { url: `https://${GH}`, clientIdList: ['sts.amazonaws.com'] });
    oldProvider.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const oldRole = blimmerRole(stack, oldProvider);
    // WHEN
    const newRole = new CiDeployRole(stack, 'DeployRole', {
      provider: GitHubOidcProvider.fromAccount(stack, 'GitHub'),
      subjects: [GitHubRepository.of('acme/api').environment('production')],
    });
    // THEN
    const policies = trustPolicies(stack);
    const result = expectSaferMigration(policies[stack.getLogicalId(oldRole)], policies[logicalIdOf(stack, newRole)], [
      'push to main, environment production',
    ]);
    expect(result.onlyOld).toEqual([]);
    const verdicts = explainVerdicts(app, TOKENS['push to main, environment production']);
    expect(verdicts).toEqual({ 'Deploy/OldDeployRole': 'admitted', 'Deploy/DeployRole': 'admitted' });
  });
});

describe('the guide\'s comparison catches a subject moved over wrongly', () => {
  test('a role for the wrong branch admits none of the pipeline\'s tokens', () => {
    // GIVEN a subject copied as a branch that the pipeline does not run on
    const stack = new Stack(new App(), 'Deploy');
    const wrong = new CiDeployRole(stack, 'DeployRole', {
      provider: GitHubOidcProvider.fromAccount(stack, 'GitHub'),
      subjects: [GitHubRepository.of('acme/api').branch('master')],
    });
    // THEN
    const decisions: Decision[] = ['push to main', 'pull_request_target on main'].map((name) => decide(trustPolicies(stack)[logicalIdOf(stack, wrong)], TOKENS[name]));
    expect(decisions).toEqual(['DENIED', 'DENIED']);
  });
});
