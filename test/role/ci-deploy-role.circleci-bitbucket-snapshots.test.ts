import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BitbucketOidcProvider, BitbucketRepository, CiDeployRole, CircleCiOidcProvider, CircleCiOrganization, CircleCiProject } from '../../src';
import { ENVIRONMENT, REPOSITORY, WORKSPACE_UUID } from '../fixtures/tokens/bitbucket-token';
import { ORG, PROJECT } from '../fixtures/tokens/circleci-token';

/**
 * One whole template per supported CircleCI and Bitbucket configuration. The specific assertions live
 * in test/platforms/; these catch any unintended change of the synthesized output.
 */
describe('CircleCI and Bitbucket snapshots', () => {
  function newStack(): Stack {
    return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
  }

  test('CircleCI provider, a branch-and-tag role and a whole-organization role', () => {
    const stack = newStack();
    const provider = new CircleCiOidcProvider(stack, 'CircleCi', { organizationId: ORG });
    const project = CircleCiProject.of({ organizationId: ORG, projectId: PROJECT, vcsOrigin: 'github.com/acme/api' });
    new CiDeployRole(stack, 'DeployRole', { provider, subjects: [project.branch('main'), project.tag('v*')] });
    new CiDeployRole(stack, 'OrganizationRole', { provider, subjects: [CircleCiOrganization.of(ORG).anyJob()] });
    expect(Template.fromStack(stack).toJSON().Resources).toMatchSnapshot();
  });

  test('Bitbucket provider, an environment role and an any-step role with an audience of its own', () => {
    const stack = newStack();
    const repository = BitbucketRepository.of(REPOSITORY);
    new CiDeployRole(stack, 'DeployRole', {
      provider: new BitbucketOidcProvider(stack, 'Bitbucket', { workspace: 'acme', workspaceUuid: WORKSPACE_UUID }),
      subjects: [repository.environment(ENVIRONMENT)],
    });
    new CiDeployRole(stack, 'BuildRole', {
      provider: BitbucketOidcProvider.fromAccount(stack, 'Imported', { workspace: 'acme', audience: 'sts.amazonaws.com' }),
      subjects: [repository.anyStep()],
    });
    expect(Template.fromStack(stack).toJSON().Resources).toMatchSnapshot();
  });
});
