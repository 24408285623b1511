import { aws_iam as iam, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CiDeployRole, GitHubIssuer, GitHubOidcProvider, GitHubOwner, GitHubRepository, ICiOidcProvider } from '../../src';
import { newStack } from '../fixtures/github-stack';

/**
 * One whole template per supported GitHub configuration. The specific assertions live in
 * the other tests; these catch any unintended change of the synthesized output.
 */
describe('GitHub snapshots', () => {
  const repo = GitHubRepository.of('acme/api', { ownerId: 1234567, repositoryId: 89012345 });

  function deployRole(stack: Stack, provider: ICiOidcProvider, subjects = [repo.environment('production'), repo.branch('main'), repo.tag('v*')]) {
    return new CiDeployRole(stack, 'DeployRole', { provider, subjects });
  }

  test('github.com provider and role', () => {
    const stack = newStack();
    deployRole(stack, new GitHubOidcProvider(stack, 'GitHub'));
    expect(Template.fromStack(stack).toJSON().Resources).toMatchSnapshot();
  });

  test('GitHub Enterprise Cloud with an enterprise slug', () => {
    const stack = newStack();
    deployRole(stack, new GitHubOidcProvider(stack, 'GitHub', { issuer: GitHubIssuer.enterpriseCloud('acme-corp') }));
    expect(Template.fromStack(stack).toJSON().Resources).toMatchSnapshot();
  });

  test('GHE.com data residency, ids only in the subject', () => {
    const stack = newStack();
    const ghe = GitHubRepository.of('acme/api', { ownerId: 1234567, repositoryId: 89012345, pinIds: false });
    deployRole(stack, new GitHubOidcProvider(stack, 'GitHub', { issuer: GitHubIssuer.dataResidency('octocorp') }), [ghe.environment('production')]);
    expect(Template.fromStack(stack).toJSON().Resources).toMatchSnapshot();
  });

  test('GitHub Enterprise Server with pinIds false', () => {
    const stack = newStack();
    const ghes = GitHubRepository.of('acme/api', { ownerId: 1234567, repositoryId: 89012345, pinIds: false });
    deployRole(stack, new GitHubOidcProvider(stack, 'GitHub', { issuer: GitHubIssuer.enterpriseServer('github.example.com') }), [
      ghes.environment('production'),
      GitHubOwner.of('acme', { ownerId: 1234567, pinIds: false }).tag('v*'),
    ]);
    expect(Template.fromStack(stack).toJSON().Resources).toMatchSnapshot();
  });

  test('imported provider', () => {
    const stack = newStack();
    deployRole(stack, GitHubOidcProvider.fromAccount(stack, 'GitHub'));
    expect(Template.fromStack(stack).toJSON().Resources).toMatchSnapshot();
  });

  test('role with every option', () => {
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');
    const boundary = new iam.ManagedPolicy(stack, 'Boundary', {
      statements: [new iam.PolicyStatement({ actions: ['cloudformation:*', 's3:*'], resources: ['*'] })],
    });
    const role = new CiDeployRole(stack, 'DeployRole', {
      provider,
      subjects: [repo.environment('production')],
      audience: 'acme-deploy',
      trustPolicySizeQuota: 4096,
      roleName: 'acme-api-deploy',
      path: '/ci/',
      description: 'Deploys acme/api from GitHub Actions',
      maxSessionDuration: Duration.hours(2),
      permissionsBoundary: boundary,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
      inlinePolicies: {
        Deploy: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ['cloudformation:DescribeStacks'], resources: [stack.formatArn({ service: 'cloudformation', resource: 'stack', resourceName: 'acme-api/*' })] })],
        }),
      },
    });
    role.addSubject(repo.branch('main'));
    expect(Template.fromStack(stack).toJSON().Resources).toMatchSnapshot();
  });
});
