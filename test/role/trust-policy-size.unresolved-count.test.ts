import { aws_iam as iam, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  CiDeployRole, CiDeployRoleProps, GitHubOidcProvider, GitHubRepository, GitHubSubjectFormat, GitLabOidcProvider, GitLabProject,
} from '../../src';
import { GITHUB_ISSUER, newStack } from '../fixtures/github-stack';

// The size check skips resolving the trust policy when a count from the role's own statements is
// far below the quota. These tests pin that count to the synthesized policy, and show that the
// exact check still runs where the shortcut cannot see everything.

const repo = GitHubRepository.of('acme/api');
const PLACEHOLDER = 'arn:placeholder';

/** The synthesized trust policy with every Federated principal replaced by the placeholder. */
function resolvedPolicy(role: CiDeployRole): unknown {
  const document = Stack.of(role).resolve(role.assumeRolePolicy);
  return JSON.parse(JSON.stringify(document, (key, value) => (key === 'Federated' ? PLACEHOLDER : value)));
}

function overQuota(size: number, quota: number, subjects: number): string {
  return `The trust policy of 'TestStack/DeployRole' is ${size} characters, over the quota of ${quota} (${subjects} subjects). ` +
    'Use fewer subjects (a branch or tag pattern, an environment), split the role, ' +
    'or raise the account\'s "Role trust policy length" quota (at most 4096) and set trustPolicySizeQuota.';
}

type RoleFactory = (stack: Stack) => Omit<CiDeployRoleProps, 'trustPolicySizeQuota'>;

// Each row: name, role props, app context.
const configurations: Array<[string, RoleFactory, Record<string, unknown>]> = [
  ['one exact subject', (stack) => ({ provider: new GitHubOidcProvider(stack, 'GitHub'), subjects: [repo.branch('main')] }), {}],
  ['one pattern subject', (stack) => ({ provider: new GitHubOidcProvider(stack, 'GitHub'), subjects: [repo.tag('v*')] }), {}],
  ['exact and pattern subjects', (stack) => ({
    provider: new GitHubOidcProvider(stack, 'GitHub'),
    subjects: [repo.branch('main'), repo.environment('prod:eu'), repo.branch('release/*'), repo.tag('v*')],
  }), {}],
  ['pinned ids in both subject forms', (stack) => ({
    provider: new GitHubOidcProvider(stack, 'GitHub'),
    subjects: [
      GitHubRepository.of('acme/api', { ownerId: 1234567, repositoryId: 89012345, subjectFormat: GitHubSubjectFormat.LEGACY_AND_IMMUTABLE }).branch('main'),
      repo.branch('main'),
    ],
  }), {}],
  ['a required job_workflow_ref and a custom audience', (stack) => ({
    provider: GitHubOidcProvider.fromAccount(stack, 'GitHub'),
    audience: 'api://acme-deploy',
    jobWorkflowRef: 'acme/workflows/.github/workflows/deploy.yml@refs/heads/main',
    subjects: [repo.environment('production')],
  }), {}],
  ['a provider imported by literal ARN', (stack) => ({
    provider: GitHubOidcProvider.fromOidcProviderArn(stack, 'GitHub', `arn:aws:iam::123456789012:oidc-provider/${GITHUB_ISSUER}`),
    subjects: [repo.branch('main'), repo.tag('v*')],
  }), {}],
  ['gitlab.com with protected refs', (stack) => ({
    provider: new GitLabOidcProvider(stack, 'GitLab'),
    requireProtectedRef: true,
    subjects: [GitLabProject.of('acme/platform/api').branch('main'), GitLabProject.of('acme/platform/api').tag('v*')],
  }), {}],
  ['minimized policies', (stack) => ({
    provider: new GitHubOidcProvider(stack, 'GitHub'),
    subjects: [repo.branch('main'), repo.branch('develop'), repo.tag('v*')],
  }), { '@aws-cdk/aws-iam:minimizePolicies': true }],
];

describe('trust policy counted without resolving', () => {
  test.each(configurations)('%s: the literal policy is the synthesized one', (_name, props, context) => {
    // GIVEN
    const stack = newStack(undefined, context);
    const role = new CiDeployRole(stack, 'DeployRole', props(stack));

    // WHEN
    Template.fromStack(stack);

    // THEN
    expect(role.principal._trust.literalPolicy(PLACEHOLDER)).toEqual(resolvedPolicy(role));
  });

  test('subjects added after a first resolution are in the literal policy too', () => {
    // GIVEN
    const stack = newStack();
    const role = new CiDeployRole(stack, 'DeployRole', { provider: new GitHubOidcProvider(stack, 'GitHub'), subjects: [repo.branch('main')] });
    void role.trustPolicySize;

    // WHEN
    role.addSubject(repo.branch('develop'));
    role.addSubject(repo.tag('v*'));

    // THEN
    expect(role.principal._trust.literalPolicy(PLACEHOLDER)).toEqual(resolvedPolicy(role));
  });

  test('an audience that is a token cannot be counted without resolving', () => {
    // GIVEN
    const stack = newStack();
    const role = new CiDeployRole(stack, 'DeployRole', {
      provider: new GitHubOidcProvider(stack, 'GitHub'),
      audience: Lazy.string({ produce: () => 'sts.amazonaws.com' }),
      subjects: [repo.branch('main')],
    });

    // THEN
    expect(role.principal._trust.literalPolicy(PLACEHOLDER)).toBeUndefined();
  });

  test('fails if statements added to the trust policy by hand take it over the quota', () => {
    // GIVEN a role far below the quota on its own
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');
    const role = new CiDeployRole(stack, 'DeployRole', { provider, subjects: [repo.branch('main')] });

    // WHEN a statement of 2,000 characters is added to its trust policy directly
    role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
      actions: ['sts:AssumeRoleWithWebIdentity'],
      principals: [new iam.WebIdentityPrincipal(provider.oidcProviderArn)],
      conditions: { StringEquals: { [`${GITHUB_ISSUER}:sub`]: `repo:acme/${'x'.repeat(2000)}:ref:refs/heads/main` } },
    }));

    // THEN
    const size = role.trustPolicySize;
    expect(size).toBeGreaterThan(2048);
    expect(() => Template.fromStack(stack)).toThrow(overQuota(size, 2048, 1));
  });
});
