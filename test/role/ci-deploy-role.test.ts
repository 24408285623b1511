import { Annotations as CoreAnnotations, aws_iam as iam, Duration, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CiDeployRole, CiOidcPrincipal, CiSubject, GitHubOidcProvider, GitHubOwner, GitHubRepository } from '../../src';
import { GITHUB_ISSUER, newStack, refOf, trustStatementsOf, webIdentity } from '../fixtures/github-stack';

const repo = GitHubRepository.of('acme/api');
const WARNING_PATH = '/TestStack/DeployRole/Resource';

function setup(): { stack: Stack; provider: GitHubOidcProvider } {
  const stack = newStack();
  return { stack, provider: new GitHubOidcProvider(stack, 'GitHub') };
}

function roleWith(...subjects: CiSubject[]): CiDeployRole {
  const { stack, provider } = setup();
  return new CiDeployRole(stack, 'DeployRole', { provider, subjects });
}

describe('CiDeployRole', () => {
  test('an iam.Role with a one-hour session and no physical name', () => {
    // GIVEN
    const { stack, provider } = setup();

    // WHEN
    const role = new CiDeployRole(stack, 'DeployRole', { provider, subjects: [repo.branch('main')] });

    // THEN
    expect(role).toBeInstanceOf(iam.Role);
    expect(role.provider).toBe(provider);
    expect(role.principal).toBeInstanceOf(CiOidcPrincipal);
    const resource = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(role.node.defaultChild as iam.CfnRole)];
    expect(resource).toEqual({
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [
            webIdentity(refOf(provider), {
              StringEquals: { [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com', [`${GITHUB_ISSUER}:sub`]: 'repo:acme/api:ref:refs/heads/main' },
            }),
          ],
          Version: '2012-10-17',
        },
        MaxSessionDuration: 3600,
      },
    });
  });

  test('passes the Role options through', () => {
    // GIVEN
    const { stack, provider } = setup();
    const boundary = iam.ManagedPolicy.fromManagedPolicyName(stack, 'Boundary', 'deploy-boundary');

    // WHEN
    const role = new CiDeployRole(stack, 'DeployRole', {
      provider,
      subjects: [repo.environment('production')],
      roleName: 'acme-api-deploy',
      path: '/ci/',
      description: 'Deploys acme/api',
      maxSessionDuration: Duration.hours(2),
      permissionsBoundary: boundary,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
      inlinePolicies: {
        Describe: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['cloudformation:DescribeStacks'], resources: ['*'] })] }),
      },
    });

    // THEN
    const properties = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(role.node.defaultChild as iam.CfnRole)].Properties;
    expect(properties.RoleName).toBe('acme-api-deploy');
    expect(properties.Path).toBe('/ci/');
    expect(properties.Description).toBe('Deploys acme/api');
    expect(properties.MaxSessionDuration).toBe(7200);
    expect(stack.resolve(properties.PermissionsBoundary)).toEqual(stack.resolve(boundary.managedPolicyArn));
    expect(properties.ManagedPolicyArns).toHaveLength(1);
    expect(properties.Policies).toEqual([{
      PolicyName: 'Describe',
      PolicyDocument: { Statement: [{ Action: 'cloudformation:DescribeStacks', Effect: 'Allow', Resource: '*' }], Version: '2012-10-17' },
    }]);
  });

  test('grants work as on any role', () => {
    // GIVEN
    const role = roleWith(repo.branch('main'));

    // WHEN
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::acme-artifacts/*'] }));

    // THEN
    Template.fromStack(Stack.of(role)).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 's3:GetObject', Effect: 'Allow', Resource: 'arn:aws:s3:::acme-artifacts/*' }], Version: '2012-10-17' },
    });
  });

  describe('maxSessionDuration', () => {
    test.each([
      [Duration.hours(1), 3600],
      [Duration.hours(12), 43200],
    ])('%s is the boundary that passes', (maxSessionDuration, seconds) => {
      // GIVEN
      const { stack, provider } = setup();

      // WHEN
      new CiDeployRole(stack, 'DeployRole', { provider, subjects: [repo.branch('main')], maxSessionDuration });

      // THEN
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: seconds });
    });

    test.each([
      [Duration.minutes(59), '59 minutes'],
      [Duration.seconds(43201), '12 hours 1 second'],
    ])('fails if it is %s', (maxSessionDuration, shown) => {
      const { stack, provider } = setup();
      expect(() => new CiDeployRole(stack, 'DeployRole', { provider, subjects: [repo.branch('main')], maxSessionDuration })).toThrow(
        `Invalid maxSessionDuration '${shown}': IAM allows 1 to 12 hours. Allowed form: Duration.hours(1) to Duration.hours(12).`,
      );
    });
  });

  describe('trustPolicySizeQuota', () => {
    test.each([[2048], [4096]])('%d is accepted', (trustPolicySizeQuota) => {
      const { stack, provider } = setup();
      expect(() => new CiDeployRole(stack, 'DeployRole', { provider, subjects: [repo.branch('main')], trustPolicySizeQuota })).not.toThrow();
    });

    test.each([[2047], [4097], [3000.5], [NaN]])('fails if it is %d', (trustPolicySizeQuota) => {
      const { stack, provider } = setup();
      expect(() => new CiDeployRole(stack, 'DeployRole', { provider, subjects: [repo.branch('main')], trustPolicySizeQuota })).toThrow(
        `Invalid trustPolicySizeQuota '${trustPolicySizeQuota}': it must be a whole number in range. Allowed form: 2048 (IAM's default) to 4096 (the most AWS grants).`,
      );
    });
  });

  describe('subjects', () => {
    test('fails synthesis if the role has no subject', () => {
      // GIVEN
      const { stack, provider } = setup();

      // WHEN
      new CiDeployRole(stack, 'DeployRole', { provider });

      // THEN
      const message = "CiDeployRole 'TestStack/DeployRole' has no subject: pass props.subjects or call addSubject(), e.g. GitHubRepository.of('acme/api').branch('main').";
      expect(() => Template.fromStack(stack)).toThrow(message);
      expect(() => Stage.of(stack)!.synth()).toThrow(message);
    });

    test('fails synthesis if subjects is an empty array', () => {
      const { stack, provider } = setup();
      new CiDeployRole(stack, 'DeployRole', { provider, subjects: [] });
      expect(() => Template.fromStack(stack)).toThrow("CiDeployRole 'TestStack/DeployRole' has no subject");
    });

    test('a role without subjects becomes valid with addSubject', () => {
      // GIVEN
      const { stack, provider } = setup();
      const role = new CiDeployRole(stack, 'DeployRole', { provider });

      // WHEN
      role.addSubject(repo.environment('production'));

      // THEN
      expect(trustStatementsOf(role)).toEqual([
        webIdentity(refOf(provider), {
          StringEquals: { [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com', [`${GITHUB_ISSUER}:sub`]: 'repo:acme/api:environment:production' },
        }),
      ]);
      expect(role.subjects.map(String)).toEqual(['acme/api, environment production']);
    });

    test('changing the props.subjects array after construction does not change the role', () => {
      // GIVEN
      const { stack, provider } = setup();
      const subjects = [repo.branch('main')];
      const role = new CiDeployRole(stack, 'DeployRole', { provider, subjects });

      // WHEN
      subjects.push(GitHubOwner.of('acme').anyRef());
      subjects[0] = repo.pullRequest();

      // THEN
      expect(trustStatementsOf(role)).toEqual([
        webIdentity(refOf(provider), {
          StringEquals: { [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com', [`${GITHUB_ISSUER}:sub`]: 'repo:acme/api:ref:refs/heads/main' },
        }),
      ]);
    });

    test('the subjects getter returns a copy', () => {
      const role = roleWith(repo.branch('main'));
      role.subjects.push(GitHubOwner.of('acme').anyRef());
      expect(role.subjects.map(String)).toEqual(['acme/api, branch main']);
    });

    test('reading trustPolicySize does not freeze the subjects', () => {
      // GIVEN
      const role = roleWith(repo.branch('main'));
      const before = role.trustPolicySize;

      // WHEN
      role.addSubject(repo.branch('dev'));

      // THEN
      expect(role.trustPolicySize).toBe(before + '[,]'.length + JSON.stringify('repo:acme/api:ref:refs/heads/dev').length);
      expect(JSON.stringify(trustStatementsOf(role))).toContain('repo:acme/api:ref:refs/heads/dev');
    });

    test('fails if a subject was not built by this library', () => {
      const { stack, provider } = setup();
      const fake = { _spec: undefined, toString: () => 'fake' } as unknown as CiSubject;
      expect(() => new CiDeployRole(stack, 'DeployRole', { provider, subjects: [fake] })).toThrow(
        "Invalid subject 'fake': it is not a subject built by this library. Allowed form: a subject of GitHubRepository, GitHubOwner, GitLabProject, GitLabGroup or the fromClaim factories.",
      );
    });
  });
});

describe('CiDeployRole warnings', () => {
  test.each([
    ['pullRequest', repo.pullRequest(), 'cdk-ci-oidc:pullRequestSubject',
      'acme/api: pull_request jobs run code that has not been reviewed yet; give this role read-only permissions.'],
    ['anyRef', repo.anyRef(), 'cdk-ci-oidc:anyRefSubject',
      'acme/api: any branch or tag may assume this role, so anyone who can push a branch can.'],
    ['whole owner', GitHubOwner.of('acme').environment('production'), 'cdk-ci-oidc:wholeOwnerSubject',
      "Every repository of 'acme', including ones created later, may assume this role; prefer GitHubRepository.of('acme/<repository>')."],
    ["branch('*')", repo.branch('*'), 'cdk-ci-oidc:anyBranch', "acme/api: branch '*' matches every branch."],
  ])('%s warns with a stable id that can be acknowledged', (_kind, subject, id, message) => {
    // GIVEN
    const role = roleWith(subject);
    const stack = Stack.of(role);

    // THEN
    Annotations.fromStack(stack).hasWarning(WARNING_PATH, `${message} [TestStack/DeployRole] [ack: ${id}]`);

    // WHEN
    CoreAnnotations.of(role).acknowledgeWarning(id, 'reviewed');

    // THEN
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('an acknowledgement made before addSubject() also holds', () => {
    // GIVEN
    const role = roleWith(repo.branch('main'));
    CoreAnnotations.of(role).acknowledgeWarning('cdk-ci-oidc:pullRequestSubject');

    // WHEN
    role.addSubject(repo.pullRequest());

    // THEN
    Annotations.fromStack(Stack.of(role)).hasNoWarning('*', Match.anyValue());
  });

  test('an acknowledgement on the stack holds for every role in it', () => {
    // GIVEN
    const { stack, provider } = setup();
    CoreAnnotations.of(stack).acknowledgeWarning('cdk-ci-oidc:anyRefSubject');

    // WHEN
    new CiDeployRole(stack, 'DeployRole', { provider, subjects: [repo.anyRef()] });

    // THEN
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('acknowledging one id leaves the others', () => {
    // GIVEN
    const role = roleWith(GitHubOwner.of('acme').pullRequest());

    // WHEN
    CoreAnnotations.of(role).acknowledgeWarning('cdk-ci-oidc:wholeOwnerSubject');

    // THEN
    const warnings = Annotations.fromStack(Stack.of(role)).findWarning('*', Match.anyValue());
    expect(warnings.map((w) => w.entry.data)).toEqual([
      'every repository of acme: pull_request jobs run code that has not been reviewed yet; give this role read-only permissions. ' +
      '[TestStack/DeployRole] [ack: cdk-ci-oidc:pullRequestSubject]',
    ]);
  });

  test('exact subjects of one repository do not warn', () => {
    // (without an environment: a branch next to an environment of the same repository is warned, see below)
    const role = roleWith(repo.branch('main'), repo.tag('v*'), repo.branch('release/*'));
    Annotations.fromStack(Stack.of(role)).hasNoWarning('*', Match.anyValue());
  });

  test('a branch and an environment of one repository warn once: the branch jobs skip the environment\'s reviewers', () => {
    const role = roleWith(repo.branch('main'), repo.tag('v*'), repo.environment('production'), repo.branch('release/*'));
    expect(Annotations.fromStack(Stack.of(role)).findWarning('*', Match.anyValue()).map((m) => m.entry.data)).toEqual([
      "acme/api: both branch or tag jobs and environment jobs may assume this role, so a job that names no environment skips the environment's " +
      'reviewers and protection rules. [TestStack/DeployRole] [ack: cdk-ci-oidc:branchAndEnvironment]',
    ]);
  });

  test('environments of one repository and branches of another do not warn', () => {
    const role = roleWith(repo.environment('production'), GitHubRepository.of('acme/web').branch('main'));
    Annotations.fromStack(Stack.of(role)).hasNoWarning('*', Match.anyValue());
  });
});
