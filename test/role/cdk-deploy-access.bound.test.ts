import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CdkBootstrapRole, CiDeployRole, GitHubOidcProvider, GitHubRepository } from '../../src';
import { assumeRoleDecision } from '../fixtures/assume-role-decision';

/*
 * allowCdkDeploy() without regions: the region part of the role names is bounded, so that no
 * role of the account other than a bootstrap role of some region is reached (issue 11). The
 * independent evaluator decides each target role.
 */

const ACCOUNT = '123456789012';

function deployRole(stack: Stack): CiDeployRole {
  return new CiDeployRole(stack, 'DeployRole', {
    provider: GitHubOidcProvider.fromAccount(stack, 'GitHub'),
    subjects: [GitHubRepository.of('acme/api').environment('production')],
  });
}

/** The role's identity policy, resolved, with partition literals (the evaluator needs literal ARNs). */
function policyOf(configure: (role: CiDeployRole) => void, region = 'eu-west-1'): unknown {
  const stack = new Stack(new App({ context: { '@aws-cdk/core:enablePartitionLiterals': true } }), 'Stack', { env: { account: ACCOUNT, region } });
  configure(deployRole(stack));
  const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
  return (policy as { Properties: { PolicyDocument: unknown } }).Properties.PolicyDocument;
}

const role = (name: string, account = ACCOUNT, partition = 'aws'): string => `arn:${partition}:iam::${account}:role/${name}`;

describe('allowCdkDeploy() without regions', () => {
  const policy = policyOf((r) => r.allowCdkDeploy());
  const decide = (arn: string): string => assumeRoleDecision(policy, arn, undefined);

  test.each([
    'eu-west-1', 'us-east-1', 'ap-southeast-5', 'il-central-1', 'mx-central-1', 'me-south-1', 'ap-northeast-3', 'eu-north-1',
  ])('reaches the bootstrap roles of %s', (region) => {
    for (const kind of ['deploy', 'file-publishing', 'image-publishing', 'lookup']) {
      expect(decide(role(`cdk-hnb659fds-${kind}-role-${ACCOUNT}-${region}`))).toBe('Allowed');
    }
  });

  test.each([
    ['another name after the account', role(`cdk-hnb659fds-deploy-role-${ACCOUNT}-anything`), 'ImplicitlyDenied'],
    ['a longer region-like suffix', role(`cdk-hnb659fds-deploy-role-${ACCOUNT}-eu-west-12`), 'ImplicitlyDenied'],
    ['a three-letter area', role(`cdk-hnb659fds-deploy-role-${ACCOUNT}-eux-west-1`), 'ImplicitlyDenied'],
    ['an unknown direction', role(`cdk-hnb659fds-deploy-role-${ACCOUNT}-eu-admin-1`), 'ImplicitlyDenied'],
    ['a role under a path spelling a bootstrap role', role(`cdk-hnb659fds-deploy-role-${ACCOUNT}-x/Admin`), 'ExplicitlyDenied'],
    ['a path where the area goes', role(`cdk-hnb659fds-deploy-role-${ACCOUNT}-e/-west-1`), 'ExplicitlyDenied'],
    ['another qualifier', role(`cdk-other-deploy-role-${ACCOUNT}-eu-west-1`), 'ImplicitlyDenied'],
    ['another account', role('cdk-hnb659fds-deploy-role-210987654321-eu-west-1', '210987654321'), 'ImplicitlyDenied'],
    ['the account in the name only', role(`cdk-hnb659fds-deploy-role-${ACCOUNT}-eu-west-1`, '210987654321'), 'ImplicitlyDenied'],
  ])('does not reach %s', (_name, arn, expected) => {
    expect(decide(arn)).toBe(expected);
  });

  test('with regions: only those, and no deny statement is needed (no wildcard)', () => {
    const listed = policyOf((r) => r.allowCdkDeploy({ regions: ['eu-west-1'] }));
    expect(JSON.stringify(listed)).not.toMatch(/[*?]/);
    expect(assumeRoleDecision(listed, role(`cdk-hnb659fds-deploy-role-${ACCOUNT}-eu-west-1`), undefined)).toBe('Allowed');
    expect(assumeRoleDecision(listed, role(`cdk-hnb659fds-deploy-role-${ACCOUNT}-eu-west-2`), undefined)).toBe('ImplicitlyDenied');
  });

  test('in GovCloud, the directions of that partition', () => {
    const gov = policyOf((r) => r.allowCdkDeploy({ roles: [CdkBootstrapRole.DEPLOY] }), 'us-gov-west-1');
    const arn = (region: string): string => role(`cdk-hnb659fds-deploy-role-${ACCOUNT}-${region}`, ACCOUNT, 'aws-us-gov');
    expect(assumeRoleDecision(gov, arn('us-gov-east-1'), undefined)).toBe('Allowed');
    expect(assumeRoleDecision(gov, arn('us-east-1'), undefined)).toBe('ImplicitlyDenied');
  });
});

describe('allowCdkDeploy() with organization paths', () => {
  const paths = ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'];
  const policy = policyOf((r) => r.allowCdkDeploy({ organizationPaths: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111'], regions: ['eu-west-1'] }));

  test('reaches the bootstrap role of an account below the path, not a role under a path that spells one', () => {
    expect(assumeRoleDecision(policy, role('cdk-hnb659fds-deploy-role-333333333333-eu-west-1', '333333333333'), paths)).toBe('Allowed');
    expect(assumeRoleDecision(policy, role('cdk-hnb659fds-deploy-role-333/33333333-eu-west-1', '333333333333'), paths)).toBe('ExplicitlyDenied');
    expect(assumeRoleDecision(policy, role('cdk-hnb659fds-deploy-role-3333333333333-eu-west-1', '333333333333'), paths)).toBe('ImplicitlyDenied');
  });
});

describe('allowCdkDeploy() checks its arguments at run time', () => {
  function allow(options: unknown): () => void {
    const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    return () => deployRole(stack).allowCdkDeploy(options as never);
  }

  test.each([
    [{ roles: ['*'] }, "Invalid CdkDeployAccessOptions.roles[0] '*': it is not one of deploy, file-publishing, image-publishing, lookup."],
    [{ roles: 'deploy' }, "Invalid CdkDeployAccessOptions.roles 'deploy': it is a string, not a list."],
    [{ accounts: [123456789012] }, "Invalid CdkDeployAccessOptions.accounts[0] '123456789012': it is a number, not a string."],
    [{ accounts: '123456789012' }, "Invalid CdkDeployAccessOptions.accounts '123456789012': it is a string, not a list."],
    [{ regions: [null] }, "Invalid CdkDeployAccessOptions.regions[0] 'null': it is null, not a string."],
    [{ qualifier: 12345 }, "Invalid CdkDeployAccessOptions.qualifier '12345': it is a number, not a string."],
    [{ allowSessionTags: 'yes' }, "Invalid CdkDeployAccessOptions.allowSessionTags 'yes': it is a string, not a boolean."],
    [null, "Invalid CdkDeployAccessOptions 'null': it is null, not an object."],
  ])('fails if given %j', (options, message) => {
    expect(allow(options)).toThrow(message);
  });
});
