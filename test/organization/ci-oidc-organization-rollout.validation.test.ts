import { App, Stack } from 'aws-cdk-lib';
import { baselineRoles, github, MANAGEMENT_ACCOUNT, PRODUCTION_OU, rollout, SANDBOX_OU, WORKLOADS_OU } from './rollout-fixture';
import { CiOidcAccountBaseline, CiOidcProviderSource, CiOidcRolloutCallAs, CiOidcRolloutTarget, GitHubRepository } from '../../src';

const planOnly = () => [baselineRoles()[0]];

describe('targets', () => {
  test.each([
    ['ou-ab1-cdef3456', 'the first part is too short'],
    ['ou-ab12-cdef345', 'the second part is too short'],
    ['ou-AB12-cdef3456', 'upper case'],
    ['ou-ab12', 'no second part'],
    ['o-ab12cdef34', 'an organization id'],
    ['123456789012', 'an account id'],
    ['r-ab1', 'a root id that is too short'],
    ['r-Ab12', 'a root id in upper case'],
  ])("fails if an OU or root id is not of the form 'ou-xxxx-xxxxxxxx' or 'r-xxxx': %s (%s)", (id) => {
    expect(() => CiOidcRolloutTarget.organizationalUnits([id])).toThrow(
      `Invalid CiOidcRolloutTarget organizational unit id '${id}': it is not an organizational unit or root id. ` +
      "Allowed form: an OU id 'ou-' + 4 to 32 lowercase letters or digits + '-' + 8 to 32 more (e.g. 'ou-ab12-cdef3456'), or a root id 'r-' + 4 to 32 (e.g. 'r-ab12').",
    );
  });

  test('the shortest and longest OU and root ids pass', () => {
    const longest = `ou-${'a'.repeat(32)}-${'b'.repeat(32)}`;
    expect(CiOidcRolloutTarget.organizationalUnits(['ou-ab12-cdef3456', longest, 'r-ab12', `r-${'c'.repeat(32)}`]).organizationalUnitIds).toHaveLength(4);
    expect(() => CiOidcRolloutTarget.organizationalUnits([`ou-${'a'.repeat(33)}-${'b'.repeat(32)}`])).toThrow(/is not an organizational unit or root id/);
    expect(() => CiOidcRolloutTarget.organizationalUnits([`r-${'c'.repeat(33)}`])).toThrow(/is not an organizational unit or root id/);
  });

  test.each(['12345678901', '1234567890123', '12345678901a', ''])("fails if an account id is not 12 digits: '%s'", (account) => {
    expect(() => CiOidcRolloutTarget.accountsIn([WORKLOADS_OU], [account])).toThrow(
      `Invalid CiOidcRolloutTarget account id '${account}': it is not an AWS account id. Allowed form: 12 digits, e.g. '123456789012'.`,
    );
  });

  test('fails if a target names no OU or no account', () => {
    expect(() => CiOidcRolloutTarget.organizationalUnits([])).toThrow(
      "Invalid CiOidcRolloutTarget organizationalUnitIds '[]': it names no organizational unit or root id. Allowed form: at least one organizational unit or root id.",
    );
    expect(() => CiOidcRolloutTarget.accountsIn([WORKLOADS_OU], [])).toThrow(
      "Invalid CiOidcRolloutTarget accountIds '[]': it names no account id. Allowed form: at least one account id.",
    );
  });

  test('fails if the rollout has no target', () => {
    expect(() => rollout({ targets: [] })).toThrow(
      "Invalid CiOidcOrganizationRollout targets '[]': it names no target. Allowed form: at least one, e.g. [CiOidcRolloutTarget.organizationalUnits(['ou-ab12-cdef3456'])].",
    );
  });

  test('fails if a target names an OU or an account twice', () => {
    expect(() => CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU, SANDBOX_OU])).toThrow(
      `Invalid CiOidcRolloutTarget organizationalUnitIds '${SANDBOX_OU}, ${SANDBOX_OU}': it names '${SANDBOX_OU}' twice. Allowed form: each organizational unit or root id once.`,
    );
    expect(() => CiOidcRolloutTarget.accountsIn([WORKLOADS_OU], ['333333333333', '333333333333'])).toThrow(
      "Invalid CiOidcRolloutTarget accountIds '333333333333, 333333333333': it names '333333333333' twice. Allowed form: each account id once.",
    );
  });

  test('fails if two targets name the same OU or the same account', () => {
    expect(() => rollout({
      roles: planOnly(),
      targets: [CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU]), CiOidcRolloutTarget.organizationalUnitsExcept([SANDBOX_OU], ['333333333333'])],
    })).toThrow(
      `Invalid CiOidcOrganizationRollout targets '${SANDBOX_OU}': two targets name this organizational unit. ` +
      'Allowed form: each organizational unit in one target (narrow with accountsIn for per-account values).',
    );
    expect(() => rollout({
      roles: planOnly(),
      targets: [CiOidcRolloutTarget.accountsIn([WORKLOADS_OU], ['333333333333']), CiOidcRolloutTarget.accountsIn([WORKLOADS_OU], ['333333333333'])],
    })).toThrow("Invalid CiOidcOrganizationRollout targets account '333333333333': two targets name this account. Allowed form: each account in one target.");
  });

  test('fails if the root is a target with another OU', () => {
    expect(() => rollout({
      roles: planOnly(),
      targets: [CiOidcRolloutTarget.organizationalUnits(['r-ab12']), CiOidcRolloutTarget.organizationalUnits([PRODUCTION_OU])],
    })).toThrow(
      `Invalid CiOidcOrganizationRollout targets 'r-ab12, ${PRODUCTION_OU}': the root 'r-ab12' already holds every organizational unit, so their accounts would get two stack instances. ` +
      'Allowed form: the root alone, or organizational units without the root.',
    );
    expect(() => rollout({ roles: planOnly(), targets: [CiOidcRolloutTarget.organizationalUnits(['r-ab12'])] })).not.toThrow();
  });

  test('two targets may narrow the same OU to different accounts, e.g. with different values', () => {
    expect(() => rollout({
      roles: planOnly(),
      targets: [
        CiOidcRolloutTarget.accountsIn([WORKLOADS_OU], ['333333333333'], { roleNameSuffix: '-a' }),
        CiOidcRolloutTarget.accountsIn([WORKLOADS_OU], ['444444444444'], { roleNameSuffix: '-b' }),
      ],
    })).not.toThrow();
  });
});

describe('the management account', () => {
  const expected = `Invalid CiOidcOrganizationRollout targets account '${MANAGEMENT_ACCOUNT}': it is the organization's management account, which StackSets never deploy to. ` +
    'Allowed form: a member account; deploy CiOidcAccountBaseline in a stack of the management account for the same content.';

  test("fails if it is a target: known as the stack's account", () => {
    expect(() => rollout({ roles: planOnly(), targets: [CiOidcRolloutTarget.accountsIn([WORKLOADS_OU], ['333333333333', MANAGEMENT_ACCOUNT])] })).toThrow(expected);
  });

  test('fails if it is a target: given to a delegated administrator', () => {
    const stack = new Stack(new App(), 'Delegated', { env: { account: '222222222222', region: 'us-east-1' } });
    expect(() => rollout({
      roles: planOnly(),
      callAs: CiOidcRolloutCallAs.DELEGATED_ADMIN,
      managementAccountId: MANAGEMENT_ACCOUNT,
      targets: [CiOidcRolloutTarget.accountsIn([WORKLOADS_OU], [MANAGEMENT_ACCOUNT])],
    }, stack)).toThrow(expected);
  });

  test('fails if accounts are targets and the management account is not known', () => {
    const stack = new Stack(new App(), 'Agnostic', { env: { region: 'us-east-1' } });
    expect(() => rollout({ roles: planOnly(), targets: [CiOidcRolloutTarget.accountsIn([WORKLOADS_OU], ['333333333333'])] }, stack)).toThrow(
      "Invalid CiOidcOrganizationRollout managementAccountId 'undefined': the rollout targets accounts, but the management account is not known, and StackSets never deploy to it. " +
      "Allowed form: props.managementAccountId, e.g. '111111111111', or a stack with env.account (with callAs SELF).",
    );
    // Whole OUs need no management account: StackSets skip it there.
    expect(() => rollout({ roles: planOnly(), targets: [CiOidcRolloutTarget.organizationalUnits([WORKLOADS_OU])] }, new Stack(new App(), 'A', { env: { region: 'us-east-1' } }))).not.toThrow();
  });

  test('fails if a stack called as SELF is in another account than the management account given', () => {
    expect(() => rollout({ roles: planOnly(), managementAccountId: '999999999999' })).toThrow(
      "Invalid CiOidcOrganizationRollout managementAccountId '999999999999': the stack is in account 111111111111, and a StackSet called as SELF lives in the management account. " +
      "Allowed form: the stack's account, or callAs: CiOidcRolloutCallAs.DELEGATED_ADMIN.",
    );
  });
});

describe('regions', () => {
  const several = "it names several regions; IAM is global, and a second region would create the same providers and roles again. Allowed form: one region, e.g. 'us-east-1'.";

  test('fails if several regions are given', () => {
    expect(() => rollout({ region: ['us-east-1', 'eu-west-1'] as unknown as string })).toThrow(`Invalid CiOidcOrganizationRollout region 'us-east-1,eu-west-1': ${several}`);
    expect(() => rollout({ region: 'us-east-1,eu-west-1' })).toThrow(`Invalid CiOidcOrganizationRollout region 'us-east-1,eu-west-1': ${several}`);
    expect(() => rollout({ region: 'us-east-1 eu-west-1' })).toThrow(`Invalid CiOidcOrganizationRollout region 'us-east-1 eu-west-1': ${several}`);
  });

  test('fails if the region is not a region name, or not known', () => {
    expect(() => rollout({ region: 'useast1' })).toThrow("Invalid CiOidcOrganizationRollout region 'useast1': it is not a region name. Allowed form: e.g. 'us-east-1'.");
    expect(() => rollout({}, new Stack(new App(), 'Agnostic'))).toThrow(
      "Invalid CiOidcOrganizationRollout region 'a token': the stack's region is not known. Allowed form: props.region, e.g. 'us-east-1', or a stack with env.region.",
    );
  });
});

describe('per-account values', () => {
  test('fails if roles are restricted to environments and a target names none', () => {
    expect(() => rollout({ targets: [CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU]), CiOidcRolloutTarget.organizationalUnits([PRODUCTION_OU], { environment: 'production' })] })).toThrow(
      `Invalid CiOidcOrganizationRollout target '${SANDBOX_OU}': it names no environment, but the rollout uses environments (production). ` +
      "Allowed form: an environment for every target, e.g. { environment: 'sandbox' }.",
    );
  });

  test('fails if an environment or a suffix has characters CloudFormation or IAM refuse', () => {
    expect(() => rollout({ targets: [CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU], { environment: 'prod eu' })] })).toThrow(
      "Invalid CiOidcRolloutTarget environment 'prod eu': it is not an environment name. Allowed form: 1 to 64 letters, digits, '_' or '-', e.g. 'production'.",
    );
    expect(() => rollout({ roles: planOnly(), targets: [CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU], { roleNameSuffix: '/eu' })] })).toThrow(
      "Invalid CiOidcRolloutTarget roleNameSuffix '/eu': it has characters IAM refuses in role names. Allowed form: letters, digits and '+=,.@_-', e.g. '-eu'.",
    );
  });

  test('the longest role name with its suffix is 64 characters; one more fails', () => {
    const name = 'r'.repeat(60);
    const roles = [{ ...baselineRoles()[0], roleName: name }];
    expect(() => rollout({ roles, targets: [CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU], { roleNameSuffix: '-eu1' })] })).not.toThrow();
    expect(() => rollout({ roles, targets: [CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU], { roleNameSuffix: '-eu12' })] })).toThrow(
      "Invalid CiOidcRolloutTarget roleNameSuffix '-eu12': the longest roleName (60 characters) with it exceeds IAM's 64. Allowed form: a shorter suffix or roleName.",
    );
  });

  test('fails if a role is restricted to no environment or to more than 10', () => {
    const role = baselineRoles()[1];
    expect(() => rollout({ roles: [{ ...role, environments: [] }] })).toThrow(
      "Invalid CiOidcAccountBaseline role 'Deploy' environments '': it must name 1 to 10 environments. Allowed form: e.g. ['production'].",
    );
    const eleven = Array.from({ length: 11 }, (_, i) => `env${i}`);
    expect(() => rollout({ roles: [{ ...role, environments: eleven }], targets: [CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU], { environment: 'env0' })] }))
      .toThrow(/^Invalid CiOidcAccountBaseline role 'Deploy' environments 'env0, env1, .*, env10': it must name 1 to 10 environments/);
  });
});

describe('options', () => {
  test('fails if both forms of a rate are given, or a rate is out of range', () => {
    expect(() => rollout({ failureToleranceCount: 1, failureTolerancePercentage: 5 })).toThrow(
      "Invalid CiOidcOrganizationRollout failureToleranceCount '1': it is given with failureTolerancePercentage. Allowed form: failureToleranceCount or failureTolerancePercentage, not both.");
    expect(() => rollout({ maxConcurrentCount: 1, maxConcurrentPercentage: 5 })).toThrow(
      "Invalid CiOidcOrganizationRollout maxConcurrentCount '1': it is given with maxConcurrentPercentage. Allowed form: maxConcurrentCount or maxConcurrentPercentage, not both.");
    expect(() => rollout({ maxConcurrentPercentage: 101 })).toThrow("Invalid CiOidcOrganizationRollout maxConcurrentPercentage '101': it is not a whole percentage from 1 to 100. Allowed form: 1 to 100.");
    expect(() => rollout({ maxConcurrentCount: 0 })).toThrow("Invalid CiOidcOrganizationRollout maxConcurrentCount '0': it is not a whole number of at least 1. Allowed form: 1 or more.");
    expect(() => rollout({ failureToleranceCount: -1 })).toThrow("Invalid CiOidcOrganizationRollout failureToleranceCount '-1': it is not a whole number of at least 0. Allowed form: 0 or more.");
  });

  test('fails if providerTargets come without a separate StackSet, or a separate StackSet has no provider to create', () => {
    expect(() => rollout({ providerTargets: [CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU])] })).toThrow(
      "Invalid CiOidcOrganizationRollout separateProviderStackSet 'undefined': providerTargets need separateProviderStackSet: true. " +
      'Allowed form: separateProviderStackSet: true with providerTargets, or no providerTargets.',
    );
    expect(() => rollout({ separateProviderStackSet: true, providerSource: CiOidcProviderSource.USE_EXISTING })).toThrow(
      "Invalid CiOidcOrganizationRollout separateProviderStackSet 'true': with providerSource USE_EXISTING there is no provider to deploy. " +
      'Allowed form: providerSource CREATE (the default), or no separate StackSet.',
    );
  });

  test('fails if the StackSet name is not one', () => {
    expect(() => rollout({ stackSetName: '1-ci' })).toThrow("Invalid CiOidcOrganizationRollout stackSetName '1-ci': it is not a StackSet name. Allowed form: a letter, then up to 127 letters, digits or '-'.");
  });
});

describe('the baseline', () => {
  test('fails if it has no provider, a provider twice, or a role of a provider it does not hold', () => {
    const stack = () => new Stack(new App(), 'Plain');
    expect(() => new CiOidcAccountBaseline(stack(), 'B', { providers: [] })).toThrow(
      "Invalid CiOidcAccountBaseline providers '[]': it names no provider. Allowed form: at least one, e.g. [CiOidcBaselineProvider.gitHub()].",
    );
    expect(() => new CiOidcAccountBaseline(stack(), 'B', { providers: [github, github] })).toThrow(
      "Invalid CiOidcAccountBaseline providers 'token.actions.githubusercontent.com': it names this issuer twice (an account holds one provider per issuer). Allowed form: each issuer once.",
    );
    expect(() => new CiOidcAccountBaseline(stack(), 'B', { providers: [github], roles: [baselineRoles()[2]], environment: 'production' })).toThrow(
      "Invalid CiOidcAccountBaseline role 'GitLabDeploy' provider 'gitlab.com': it is not one of the baseline's providers. Allowed form: a provider listed in props.providers.",
    );
  });

  test('fails if a role is restricted to environments and the baseline has none', () => {
    expect(() => new CiOidcAccountBaseline(new Stack(new App(), 'Plain'), 'B', { providers: [github], roles: [baselineRoles()[1]] })).toThrow(
      "Invalid CiOidcAccountBaseline role 'Deploy' environments 'production': the role is restricted to them, but the baseline 'Plain/B' has no environment. Allowed form: props.environment, e.g. 'production'.",
    );
  });

  test('fails if two roles have the same id', () => {
    const role = { id: 'Plan', provider: github, subjects: [GitHubRepository.of('acme/api').branch('main')] };
    expect(() => new CiOidcAccountBaseline(new Stack(new App(), 'Plain'), 'B', { providers: [github], roles: [role, role] })).toThrow(
      "Invalid CiOidcAccountBaseline role id 'Plan': another role or provider of the baseline has it. Allowed form: a unique id per role.",
    );
  });

  test("a role with no subject fails the StackSet's synthesis with the role's own message", () => {
    const r = rollout({ roles: [{ id: 'Empty', provider: github, subjects: [] }], targets: [CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU])] });
    expect(() => r.templateBody).toThrow(
      /^The StackSet template of 'Organization\/Rollout\/Resource' cannot be synthesized: Validation failed with the following errors:\n {2}\[Instance\/Baseline\/Empty\] CiDeployRole 'Instance\/Baseline\/Empty' has no subject/,
    );
  });
});
