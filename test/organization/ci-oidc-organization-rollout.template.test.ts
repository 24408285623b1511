import { Annotations, App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match, Template } from 'aws-cdk-lib/assertions';
import {
  baselineRoles, github, gitlab, innerTemplate, MANAGEMENT_ACCOUNT, NAMESPACE_ID, outerTemplate, OWNER_ID, PRODUCTION_OU,
  PROJECT_ID, REPOSITORY_ID, resourcesOfType, rollout, SANDBOX_OU, WORKLOADS_OU,
} from './rollout-fixture';
import { CiOidcAccountBaseline, CiOidcProviderSource, CiOidcRolloutCallAs, CiOidcRolloutTarget } from '../../src';
import { decide, trustPoliciesOfTemplate, TrustPolicy } from '../evaluator/iam-evaluator';
import { gitHubToken } from '../fixtures/tokens/github-token';
import { gitLabToken } from '../fixtures/tokens/gitlab-token';

const GH = 'token.actions.githubusercontent.com';

/** The ARN of the account's provider, as a CloudFormation expression of the instance template. */
function accountProviderArn(issuer: string): unknown {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:oidc-provider/${issuer}`]] };
}

/** The role of the instance template whose logical id starts with `Baseline<id>`. */
function roleOf(template: Record<string, any>, id: string): [string, Record<string, any>] {
  const found = Object.entries(resourcesOfType(template, 'AWS::IAM::Role')).filter(([logicalId]) => new RegExp(`^Baseline${id}[0-9A-F]{8}$`).test(logicalId));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('the StackSet', () => {
  test('is service-managed, auto-deploys, retains stacks, stops at the first failure and has one instance set per target in one region', () => {
    // GIVEN / WHEN
    const template = outerTemplate(rollout());

    // THEN: nothing but the StackSet, no Lambda, custom resource or asset
    const types = Object.values(template.Resources as Record<string, any>).map((res) => res.Type);
    expect(types).toEqual(['AWS::CloudFormation::StackSet']);
    const [stackSet] = Object.values(template.Resources as Record<string, any>);
    const { TemplateBody, StackSetName, ...properties } = stackSet.Properties;
    expect(typeof TemplateBody).toBe('string');
    expect(StackSetName).toMatch(/^[a-zA-Z][-a-zA-Z0-9]*$/);
    expect(properties).toEqual({
      PermissionModel: 'SERVICE_MANAGED',
      CallAs: 'SELF',
      Description: 'CI OIDC providers and baseline roles (cdk-ci-oidc)',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: true },
      Capabilities: ['CAPABILITY_IAM'],
      ManagedExecution: { Active: true },
      OperationPreferences: {
        FailureToleranceCount: 0,
        MaxConcurrentPercentage: 10,
        ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE',
        RegionConcurrencyType: 'SEQUENTIAL',
      },
      StackInstancesGroup: [
        [SANDBOX_OU, 'sandbox'], [WORKLOADS_OU, 'workloads'], [PRODUCTION_OU, 'production'],
      ].map(([ou, environment]) => ({
        DeploymentTargets: { OrganizationalUnitIds: [ou] },
        Regions: ['us-east-1'],
        ParameterOverrides: [{ ParameterKey: 'AccountEnvironment', ParameterValue: environment }],
      })),
    });
  });

  test('takes the delegated administrator, failure tolerance and concurrency options', () => {
    const template = outerTemplate(rollout({
      callAs: CiOidcRolloutCallAs.DELEGATED_ADMIN,
      managementAccountId: MANAGEMENT_ACCOUNT,
      failureTolerancePercentage: 5,
      maxConcurrentCount: 20,
      autoDeployment: false,
      region: 'eu-west-1',
    }, new Stack(new App(), 'Delegated', { env: { account: '222222222222', region: 'eu-west-1' } })));
    const [stackSet] = Object.values(template.Resources as Record<string, any>);
    expect(stackSet.Properties.CallAs).toBe('DELEGATED_ADMIN');
    expect(stackSet.Properties.AutoDeployment).toEqual({ Enabled: false });
    expect(stackSet.Properties.OperationPreferences).toEqual({
      FailureTolerancePercentage: 5, MaxConcurrentCount: 20, ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE', RegionConcurrencyType: 'SEQUENTIAL',
    });
    expect(stackSet.Properties.StackInstancesGroup.map((group: any) => group.Regions)).toEqual([['eu-west-1'], ['eu-west-1'], ['eu-west-1']]);
  });

  test('narrows an OU to some accounts (INTERSECTION) or excludes some (DIFFERENCE)', () => {
    const template = outerTemplate(rollout({
      roles: [baselineRoles()[0]],
      targets: [
        CiOidcRolloutTarget.accountsIn([WORKLOADS_OU], ['333333333333', '444444444444']),
        CiOidcRolloutTarget.organizationalUnitsExcept([SANDBOX_OU], ['555555555555']),
      ],
    }));
    const [stackSet] = Object.values(template.Resources as Record<string, any>);
    expect(stackSet.Properties.StackInstancesGroup).toEqual([
      { DeploymentTargets: { OrganizationalUnitIds: [WORKLOADS_OU], Accounts: ['333333333333', '444444444444'], AccountFilterType: 'INTERSECTION' }, Regions: ['us-east-1'] },
      { DeploymentTargets: { OrganizationalUnitIds: [SANDBOX_OU], Accounts: ['555555555555'], AccountFilterType: 'DIFFERENCE' }, Regions: ['us-east-1'] },
    ]);
  });
});

describe('the instance template', () => {
  test('needs no bootstrap: no CDK metadata, no bootstrap version rule or parameter, no asset', () => {
    const template = innerTemplate(rollout());
    expect(Object.keys(template).sort()).toEqual(['Conditions', 'Description', 'Parameters', 'Resources']);
    expect(Object.keys(template.Parameters)).toEqual(['AccountEnvironment']);
    expect(template.Parameters.AccountEnvironment).toEqual({
      Type: 'String',
      AllowedValues: ['production', 'sandbox', 'workloads'],
      Description: 'The environment of the account; roles restricted to environments exist only in theirs',
    });
    const types = Object.values(template.Resources as Record<string, any>).map((res) => res.Type).sort();
    expect(types).toEqual(['AWS::IAM::OIDCProvider', 'AWS::IAM::OIDCProvider', 'AWS::IAM::Role', 'AWS::IAM::Role', 'AWS::IAM::Role']);
    for (const resource of Object.values(template.Resources as Record<string, any>)) {
      expect(resource.Metadata).toBeUndefined();
    }
  });

  test('creates the providers, retained, and the roles name them by their deterministic ARN after they exist', () => {
    const template = innerTemplate(rollout());
    const providers = Object.entries(resourcesOfType(template, 'AWS::IAM::OIDCProvider'));
    expect(providers.map(([, res]) => res)).toEqual([
      { Type: 'AWS::IAM::OIDCProvider', Properties: { ClientIdList: ['sts.amazonaws.com'], Url: `https://${GH}` }, UpdateReplacePolicy: 'Retain', DeletionPolicy: 'Retain' },
      { Type: 'AWS::IAM::OIDCProvider', Properties: { ClientIdList: ['sts.amazonaws.com'], Url: 'https://gitlab.com' }, UpdateReplacePolicy: 'Retain', DeletionPolicy: 'Retain' },
    ]);
    const [, plan] = roleOf(template, 'Plan');
    expect(plan.DependsOn).toEqual([providers[0][0]]);
    expect(plan.Condition).toBeUndefined();
    expect(plan.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: accountProviderArn(GH) },
        Condition: {
          StringEquals: {
            [`${GH}:aud`]: 'sts.amazonaws.com',
            [`${GH}:sub`]: ['repo:acme/infrastructure:pull_request', `repo:acme@${OWNER_ID}/infrastructure@${REPOSITORY_ID}:pull_request`],
            [`${GH}:repository_id`]: String(REPOSITORY_ID),
            [`${GH}:repository_owner_id`]: String(OWNER_ID),
          },
        },
      }],
    });
    const [, gitLabDeploy] = roleOf(template, 'GitLabDeploy');
    expect(gitLabDeploy.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Federated: accountProviderArn('gitlab.com') });
    expect(gitLabDeploy.DependsOn).toEqual([providers[1][0]]);
  });

  test('in a China region, the providers and roles use the China audience', () => {
    const template = innerTemplate(rollout({ region: 'cn-north-1' }));
    for (const provider of Object.values(resourcesOfType(template, 'AWS::IAM::OIDCProvider'))) {
      expect(provider.Properties.ClientIdList).toEqual(['sts.amazonaws.com.cn']);
    }
    expect(roleOf(template, 'Plan')[1].Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals[`${GH}:aud`]).toBe('sts.amazonaws.com.cn');
  });

  test('uses the providers the accounts already hold: none created, the same ARNs', () => {
    const template = innerTemplate(rollout({ providerSource: CiOidcProviderSource.USE_EXISTING }));
    expect(resourcesOfType(template, 'AWS::IAM::OIDCProvider')).toEqual({});
    const [, plan] = roleOf(template, 'Plan');
    expect(plan.DependsOn).toBeUndefined();
    expect(plan.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Federated: accountProviderArn(GH) });
  });

  test('creates the deploy roles, and their policies, only in accounts whose environment parameter is production', () => {
    const r = rollout();
    r.role('Deploy').addToPolicy(new iam.PolicyStatement({ actions: ['cloudformation:DescribeStacks'], resources: ['*'] }));
    const template = innerTemplate(r);
    const [, deploy] = roleOf(template, 'Deploy');
    const [, gitLabDeploy] = roleOf(template, 'GitLabDeploy');
    const [policy] = Object.values(resourcesOfType(template, 'AWS::IAM::Policy'));
    for (const resource of [deploy, gitLabDeploy, policy]) {
      expect(template.Conditions[resource.Condition]).toEqual({ 'Fn::Equals': [{ Ref: 'AccountEnvironment' }, 'production'] });
    }
    expect(Object.keys(template.Conditions)).toHaveLength(2);
  });

  test('names roles with the per-account suffix parameter', () => {
    const roles = baselineRoles();
    const r = rollout({
      roles: [{ ...roles[0], roleName: 'ci-plan' }],
      targets: [
        CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU]),
        CiOidcRolloutTarget.organizationalUnits([PRODUCTION_OU], { roleNameSuffix: '-prod' }),
      ],
    });
    const template = innerTemplate(r);
    expect(template.Parameters).toEqual({
      RoleNameSuffix: {
        Type: 'String',
        Default: '',
        AllowedPattern: '[\\w+=,.@-]*',
        MaxLength: 64 - 'ci-plan'.length,
        Description: 'Appended to the names of the baseline roles that have one',
      },
    });
    expect(roleOf(template, 'Plan')[1].Properties.RoleName).toEqual({ 'Fn::Join': ['', ['ci-plan', { Ref: 'RoleNameSuffix' }]] });
    const [stackSet] = Object.values(outerTemplate(r).Resources as Record<string, any>);
    expect(stackSet.Properties.Capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
    expect(stackSet.Properties.StackInstancesGroup.map((group: any) => group.ParameterOverrides)).toEqual([
      undefined, [{ ParameterKey: 'RoleNameSuffix', ParameterValue: '-prod' }],
    ]);
  });

  test("repeats the roles' own warnings on the StackSet, acknowledgeable there", () => {
    const r = rollout();
    const warnings = AssertAnnotations.fromStack(Stack.of(r)).findWarning('*', Match.stringLikeRegexp('pull_request'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].id).toBe('/Organization/Rollout/Resource');
    expect(String(warnings[0].entry.data)).toMatch(/\(in the StackSet template: \/Instance\/Baseline\/Plan\/Resource\) \[ack: cdk-ci-oidc:pullRequestSubject\]$/);

    const acknowledged = rollout();
    Annotations.of(acknowledged).acknowledgeWarning('cdk-ci-oidc:pullRequestSubject', 'read-only plan role');
    expect(AssertAnnotations.fromStack(Stack.of(acknowledged)).findWarning('*', Match.stringLikeRegexp('pull_request'))).toHaveLength(0);
  });
});

describe('decisions on the roles of the instance template (the corpus evaluator)', () => {
  const policies = trustPoliciesOfTemplate(innerTemplate(rollout()) as any);
  const policy = (id: string): TrustPolicy => policies[Object.keys(policies).find((logicalId) => new RegExp(`^Baseline${id}[0-9A-F]{8}$`).test(logicalId))!];
  const repo = { repository: 'acme/infrastructure', ownerId: OWNER_ID, repositoryId: REPOSITORY_ID };

  test('the plan role admits pull requests of the repository, legacy and immutable subjects', () => {
    expect(decide(policy('Plan'), gitHubToken({ ...repo, event: 'pull_request' }))).toBe('ALLOWED');
    expect(decide(policy('Plan'), gitHubToken({ ...repo, event: 'pull_request', immutableSubject: true }))).toBe('ALLOWED');
  });

  test.each([
    ['a push to main', { ...repo }],
    ['a look-alike owner', { ...repo, repository: 'acme-evil/infrastructure', event: 'pull_request' }],
    ['the same name under another owner id (a re-created owner)', { ...repo, ownerId: 999, event: 'pull_request' }],
    ['another repository of the owner', { ...repo, repository: 'acme/infrastructure-fork', repositoryId: 5, event: 'pull_request' }],
    ['another audience', { ...repo, event: 'pull_request', audience: 'https://github.com/acme' }],
  ])('the plan role denies %s', (_name, run) => {
    expect(decide(policy('Plan'), gitHubToken(run))).toBe('DENIED');
  });

  test('the deploy role admits the production environment only', () => {
    expect(decide(policy('Deploy'), gitHubToken({ ...repo, environment: 'production' }))).toBe('ALLOWED');
    expect(decide(policy('Deploy'), gitHubToken({ ...repo, environment: 'staging' }))).toBe('DENIED');
    expect(decide(policy('Deploy'), gitHubToken({ ...repo, environment: 'production', repository: 'acme/other' }))).toBe('DENIED');
    expect(decide(policy('Deploy'), gitHubToken({ ...repo, event: 'pull_request' }))).toBe('DENIED');
  });

  test('the GitLab deploy role admits protected version tags of the project only', () => {
    const job = { project: 'acme-group/platform/api', projectId: PROJECT_ID, namespaceId: NAMESPACE_ID, refType: 'tag' as const, ref: 'v1.2.0', refProtected: true };
    expect(decide(policy('GitLabDeploy'), gitLabToken(job))).toBe('ALLOWED');
    expect(decide(policy('GitLabDeploy'), gitLabToken({ ...job, refProtected: false }))).toBe('DENIED');
    expect(decide(policy('GitLabDeploy'), gitLabToken({ ...job, refType: 'branch', ref: 'v1.2.0' }))).toBe('DENIED');
    expect(decide(policy('GitLabDeploy'), gitLabToken({ ...job, projectId: PROJECT_ID + 1 }))).toBe('DENIED');
    expect(decide(policy('GitLabDeploy'), gitLabToken({ ...job, project: 'acme-group/platform/api-evil' }))).toBe('DENIED');
  });

  test('a GitHub token never opens a GitLab role, nor the reverse', () => {
    expect(decide(policy('GitLabDeploy'), gitHubToken({ ...repo, environment: 'production' }))).toBe('DENIED');
    expect(decide(policy('Deploy'), gitLabToken({ project: 'acme-group/platform/api', projectId: PROJECT_ID, refType: 'tag', ref: 'v1', refProtected: true }))).toBe('DENIED');
  });
});

describe('providers and roles in two StackSets', () => {
  test('the roles StackSet depends on the providers StackSet, for joining accounts too', () => {
    // GIVEN / WHEN: providers everywhere but an account that already holds them
    const r = rollout({
      stackSetName: 'ci-oidc',
      separateProviderStackSet: true,
      providerTargets: [
        CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU]),
        CiOidcRolloutTarget.organizationalUnits([WORKLOADS_OU]),
        CiOidcRolloutTarget.organizationalUnitsExcept([PRODUCTION_OU], ['666666666666']),
      ],
    });
    const resources = outerTemplate(r).Resources as Record<string, any>;
    const byName = (name: string) => Object.entries(resources).find(([, res]) => res.Properties.StackSetName === name)!;
    const [providersId, providers] = byName('ci-oidc-providers');
    const [rolesId, roles] = byName('ci-oidc');

    // THEN
    expect(Object.keys(resources)).toHaveLength(2);
    expect(roles.DependsOn).toEqual([providersId]);
    expect(roles.Properties.AutoDeployment).toEqual({
      Enabled: true,
      RetainStacksOnAccountRemoval: true,
      DependsOn: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudformation:us-east-1:111111111111:stackset/', { 'Fn::GetAtt': [providersId, 'StackSetId'] }]] }],
    });
    expect(providers.Properties.StackInstancesGroup[2].DeploymentTargets).toEqual({
      OrganizationalUnitIds: [PRODUCTION_OU], Accounts: ['666666666666'], AccountFilterType: 'DIFFERENCE',
    });
    expect(providers.Properties.StackInstancesGroup[0].ParameterOverrides).toBeUndefined();
    const providerTemplate = innerTemplate(r, providersId);
    expect(Object.values(providerTemplate.Resources as Record<string, any>).map((res) => res.Type)).toEqual(['AWS::IAM::OIDCProvider', 'AWS::IAM::OIDCProvider']);
    expect(providerTemplate.Parameters).toBeUndefined();
    const roleTemplate = innerTemplate(r, rolesId);
    expect(resourcesOfType(roleTemplate, 'AWS::IAM::OIDCProvider')).toEqual({});
    expect(Object.keys(resourcesOfType(roleTemplate, 'AWS::IAM::Role'))).toHaveLength(3);
    expect(r.providerTemplateBody).toBe(providers.Properties.TemplateBody);
    expect(r.templateBody).toBe(roles.Properties.TemplateBody);
  });
});

describe('the same content as a plain stack', () => {
  test('CiOidcAccountBaseline in the management account holds the same roles, those of its environment only', () => {
    // GIVEN / WHEN: environment-agnostic stacks, so that the account is AWS::AccountId as in the StackSet
    const sandbox = new CiOidcAccountBaseline(new Stack(new App(), 'Plain'), 'Baseline', { providers: [github, gitlab], roles: baselineRoles(), environment: 'sandbox' });
    const production = new CiOidcAccountBaseline(new Stack(new App(), 'Plain'), 'Baseline', { providers: [github, gitlab], roles: baselineRoles(), environment: 'production' });

    // THEN
    expect(sandbox.roles.map((role) => role.node.id)).toEqual(['Plan']);
    expect(production.roles.map((role) => role.node.id)).toEqual(['Plan', 'Deploy', 'GitLabDeploy']);
    const plain = Template.fromStack(Stack.of(production)).toJSON();
    const inner = innerTemplate(rollout());
    // The trust policies are the same, token for token, and no role of the plain stack is conditional.
    const trust = (template: Record<string, any>) => Object.values(resourcesOfType(template, 'AWS::IAM::Role')).map((role) => role.Properties.AssumeRolePolicyDocument);
    expect(trust(plain)).toEqual(trust(inner));
    expect(plain.Conditions).toBeUndefined();
  });
});
