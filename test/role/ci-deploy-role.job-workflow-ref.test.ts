import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CiDeployRole, CiOidcPrincipal, GitHubIssuer, GitHubOidcProvider, GitHubRepository, GitLabOidcProvider, GitLabProject, ICiOidcProvider } from '../../src';

const ISSUER = 'token.actions.githubusercontent.com';
const SHARED = 'acme/shared-workflows/.github/workflows/deploy.yml@refs/heads/main';

function stack(): Stack {
  return new Stack(new App(), 'TestStack');
}

function trustStatements(scope: Stack): unknown[] {
  const roles = Template.fromStack(scope).findResources('AWS::IAM::Role');
  return Object.values(roles)[0].Properties.AssumeRolePolicyDocument.Statement;
}

describe('jobWorkflowRef', () => {
  test('pins job_workflow_ref with StringEquals in every statement, next to aud and sub', () => {
    // GIVEN
    const scope = stack();
    const provider = GitHubOidcProvider.fromOidcProviderArn(scope, 'GitHub', `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`);
    const repo = GitHubRepository.of('acme/api');

    // WHEN
    new CiDeployRole(scope, 'Role', { provider, jobWorkflowRef: SHARED, subjects: [repo.branch('main'), repo.tag('v*')] });

    // THEN
    expect(trustStatements(scope)).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` },
        Condition: {
          StringEquals: {
            [`${ISSUER}:aud`]: 'sts.amazonaws.com',
            [`${ISSUER}:job_workflow_ref`]: SHARED,
            [`${ISSUER}:sub`]: 'repo:acme/api:ref:refs/heads/main',
          },
        },
      },
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` },
        Condition: {
          StringEquals: {
            [`${ISSUER}:aud`]: 'sts.amazonaws.com',
            [`${ISSUER}:job_workflow_ref`]: SHARED,
          },
          StringLike: { [`${ISSUER}:sub`]: 'repo:acme/api:ref:refs/tags/v*' },
        },
      },
    ]);
  });

  test('works with an enterprise-slug issuer, under its own key prefix', () => {
    // GIVEN
    const scope = stack();
    const provider = new GitHubOidcProvider(scope, 'GitHub', { issuer: GitHubIssuer.enterpriseCloud('acme-corp') });

    // WHEN
    new CiDeployRole(scope, 'Role', { provider, jobWorkflowRef: SHARED, subjects: [GitHubRepository.of('acme/api').environment('production')] });

    // THEN
    expect(trustStatements(scope)).toEqual([{
      Action: 'sts:AssumeRoleWithWebIdentity',
      Effect: 'Allow',
      Principal: { Federated: { Ref: expect.stringMatching(/^GitHub/) } },
      Condition: {
        StringEquals: {
          [`${ISSUER}/acme-corp:aud`]: 'sts.amazonaws.com',
          [`${ISSUER}/acme-corp:job_workflow_ref`]: SHARED,
          [`${ISSUER}/acme-corp:sub`]: 'repo:acme/api:environment:production',
        },
      },
    }]);
  });

  test('CiOidcPrincipal takes the same option', () => {
    // GIVEN
    const scope = stack();
    const provider = new GitHubOidcProvider(scope, 'GitHub');

    // WHEN
    const principal = new CiOidcPrincipal(provider, { jobWorkflowRef: SHARED, subjects: [GitHubRepository.of('acme/api').branch('main')] });

    // THEN
    expect(scope.resolve(principal.policyFragment.conditions)).toEqual({
      StringEquals: {
        [`${ISSUER}:aud`]: 'sts.amazonaws.com',
        [`${ISSUER}:job_workflow_ref`]: SHARED,
        [`${ISSUER}:sub`]: 'repo:acme/api:ref:refs/heads/main',
      },
    });
  });

  test.each([
    ['a tag', 'acme/shared-workflows/.github/workflows/deploy.yml@refs/tags/v1.2.0'],
    ['a commit', 'acme/shared-workflows/.github/workflows/deploy.yaml@0123456789abcdef0123456789abcdef01234567'],
    ['a nested branch', 'Acme_Corp/shared.workflows/.github/workflows/deploy-prod.yml@refs/heads/release/2026'],
  ])('accepts %s', (_label, value) => {
    const scope = stack();
    expect(() => new CiDeployRole(scope, 'Role', {
      provider: new GitHubOidcProvider(scope, 'GitHub'), jobWorkflowRef: value, subjects: [GitHubRepository.of('acme/api').branch('main')],
    })).not.toThrow();
  });

  const FORM = "Allowed form: '<owner>/<repository>/.github/workflows/<file>.yml@<ref>', where <ref> is 'refs/heads/<branch>', " +
    "'refs/tags/<tag>' or a full commit SHA, e.g. 'acme/shared-workflows/.github/workflows/deploy.yml@refs/heads/main'.";

  test.each([
    ['the ref is a short branch name', 'acme/shared/.github/workflows/deploy.yml@main',
      "Invalid jobWorkflowRef 'acme/shared/.github/workflows/deploy.yml@main': '@main' is not a full ref: GitHub writes 'refs/heads/main' or 'refs/tags/main' in the token, or a full commit SHA. "],
    ['the ref is a wildcard', 'acme/shared/.github/workflows/deploy.yml@refs/heads/*',
      "Invalid jobWorkflowRef 'acme/shared/.github/workflows/deploy.yml@refs/heads/*': it contains '*' or '?', and the reusable workflow must be exact. "],
    ['the repository is a wildcard', 'acme/*/.github/workflows/deploy.yml@refs/heads/main',
      "Invalid jobWorkflowRef 'acme/*/.github/workflows/deploy.yml@refs/heads/main': it contains '*' or '?', and the reusable workflow must be exact. "],
    ['there is no ref', 'acme/shared/.github/workflows/deploy.yml',
      "Invalid jobWorkflowRef 'acme/shared/.github/workflows/deploy.yml': it is not a workflow file directly in '.github/workflows/' of a repository, followed by '@<ref>'. "],
    ['the file is in a subdirectory', 'acme/shared/.github/workflows/prod/deploy.yml@refs/heads/main',
      "Invalid jobWorkflowRef 'acme/shared/.github/workflows/prod/deploy.yml@refs/heads/main': it is not a workflow file directly in '.github/workflows/' of a repository, followed by '@<ref>'. "],
    ['the file is not YAML', 'acme/shared/.github/workflows/deploy.json@refs/heads/main',
      "Invalid jobWorkflowRef 'acme/shared/.github/workflows/deploy.json@refs/heads/main': it is not a workflow file directly in '.github/workflows/' of a repository, followed by '@<ref>'. "],
    ['the owner is not a GitHub name', 'acme!/shared/.github/workflows/deploy.yml@refs/heads/main',
      "Invalid jobWorkflowRef 'acme!/shared/.github/workflows/deploy.yml@refs/heads/main': 'acme!/shared' is not a GitHub repository. "],
    ['the ref is a pull request merge ref', 'acme/shared/.github/workflows/deploy.yml@refs/pull/7/merge',
      "Invalid jobWorkflowRef 'acme/shared/.github/workflows/deploy.yml@refs/pull/7/merge': '@refs/pull/7/merge' is neither a branch nor a tag: pin the reusable workflow to a branch, a tag or a commit. "],
    ['the branch is not a git ref name', 'acme/shared/.github/workflows/deploy.yml@refs/heads/a..b',
      "Invalid jobWorkflowRef 'acme/shared/.github/workflows/deploy.yml@refs/heads/a..b': 'a..b' is not a branch or tag name: git does not allow it in a ref name. "],
    ['the commit SHA is one character short', 'acme/shared/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef0123456',
      "Invalid jobWorkflowRef 'acme/shared/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef0123456': '@0123456789abcdef0123456789abcdef0123456' is a short commit SHA: GitHub writes the full 40-character SHA in the token. "],
    ['it holds a policy variable', 'acme/shared/.github/workflows/deploy.yml@refs/heads/${aws:username}',
      "Invalid jobWorkflowRef 'acme/shared/.github/workflows/deploy.yml@refs/heads/${aws:username}': it contains '${', which IAM reads as a policy variable. "],
  ])('fails if %s', (_label, value, message) => {
    const scope = stack();
    expect(() => new CiDeployRole(scope, 'Role', {
      provider: new GitHubOidcProvider(scope, 'GitHub'), jobWorkflowRef: value, subjects: [GitHubRepository.of('acme/api').branch('main')],
    })).toThrow(message + FORM);
  });

  test.each([
    ['GitHub Enterprise Server', (scope: Stack) => new GitHubOidcProvider(scope, 'P', { issuer: GitHubIssuer.enterpriseServer('github.example.com') }),
      'github.example.com/_services/token'],
    ['GHE.com', (scope: Stack) => new GitHubOidcProvider(scope, 'P', { issuer: GitHubIssuer.dataResidency('octocorp') }), 'token.actions.octocorp.ghe.com'],
  ])('fails if the issuer does not pass job_workflow_ref to IAM: %s', (_label, makeProvider: (scope: Stack) => ICiOidcProvider, issuer) => {
    const scope = stack();
    expect(() => new CiDeployRole(scope, 'Role', {
      provider: makeProvider(scope), jobWorkflowRef: SHARED, subjects: [GitHubRepository.of('acme/api').branch('main')],
    })).toThrow(
      `Invalid claim pin of the role 'job_workflow_ref = ${SHARED}': IAM receives no '${issuer}:job_workflow_ref' condition key ` +
      `from issuer '${issuer}' (it receives: aud, sub), so the role could never be assumed. Allowed form: remove jobWorkflowRef: IAM receives ` +
      "job_workflow_ref only from github.com and its enterprise-slug issuers. For this issuer, add 'job_workflow_ref' to the repository's " +
      'OIDC subject template (include_claim_keys) and trust a GitHubSubjectTemplate subject, which requires the workflow through the sub claim.',
    );
  });

  test('fails on a GitLab provider, which never passes job_workflow_ref', () => {
    const scope = stack();
    expect(() => new CiDeployRole(scope, 'Role', {
      provider: new GitLabOidcProvider(scope, 'GitLab'), jobWorkflowRef: SHARED, subjects: [GitLabProject.of('acme/api').branch('main')],
    })).toThrow(/IAM receives no 'gitlab.com:job_workflow_ref' condition key/);
  });
});
