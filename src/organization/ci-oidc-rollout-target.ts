import { checkAccountId, checkIdList, checkOrganizationalUnitId } from './organization-ids';

/**
 * The per-account values of a rollout target, passed to its stack instances as StackSet
 * parameters.
 */
export interface CiOidcRolloutTargetOptions {
  /**
   * The environment of the target's accounts (e.g. `sandbox`, `production`).
   *
   * Roles restricted to environments (`CiOidcBaselineRoleProps.environments`) are created only
   * in the accounts whose environment is one of theirs. Letters, digits, `_` and `-`, at most 64.
   *
   * @default - none; required when any role of the rollout is restricted to environments
   */
  readonly environment?: string;

  /**
   * Appended to the name of every role of the baseline that has a `roleName`.
   *
   * Letters, digits and `+=,.@_-` (IAM's role name characters); the whole name stays within
   * IAM's 64 characters.
   *
   * @default '' - the role names as given
   */
  readonly roleNameSuffix?: string;
}

/** How a target selects accounts: CloudFormation's `AccountFilterType`. */
export enum CiOidcTargetFilter {
  /** Every account of the organizational units. */
  NONE = 'NONE',
  /** Only the given accounts, which must belong to the organizational units. */
  INTERSECTION = 'INTERSECTION',
  /** Every account of the organizational units except the given ones. */
  DIFFERENCE = 'DIFFERENCE',
}

/**
 * Where a rollout deploys: organizational units (or the organization root), optionally narrowed
 * to or excluding some of their accounts. Each target becomes one StackSet instance set, with its
 * own parameter values.
 *
 * StackSets with service-managed permissions always address accounts through organizational
 * units, and never deploy to the management account.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudformation-stackset-deploymenttargets.html
 */
export class CiOidcRolloutTarget {
  /**
   * Every account of the given organizational units (and of their child OUs), including those
   * that join later when auto-deployment is on.
   *
   * @param organizationalUnitIds OU ids (`ou-xxxx-xxxxxxxx`) or the root id (`r-xxxx`)
   */
  public static organizationalUnits(organizationalUnitIds: string[], options: CiOidcRolloutTargetOptions = {}): CiOidcRolloutTarget {
    return new CiOidcRolloutTarget(organizationalUnitIds, [], CiOidcTargetFilter.NONE, options);
  }

  /**
   * Only the given accounts of the given organizational units (CloudFormation's `INTERSECTION`).
   *
   * @param organizationalUnitIds the OUs (or root) that hold the accounts
   * @param accountIds 12-digit account ids
   */
  public static accountsIn(organizationalUnitIds: string[], accountIds: string[], options: CiOidcRolloutTargetOptions = {}): CiOidcRolloutTarget {
    return new CiOidcRolloutTarget(organizationalUnitIds, accountIds, CiOidcTargetFilter.INTERSECTION, options);
  }

  /**
   * Every account of the given organizational units except the given ones (CloudFormation's
   * `DIFFERENCE`), e.g. accounts that already hold a provider for the issuer.
   *
   * @param organizationalUnitIds the OUs (or root)
   * @param excludedAccountIds 12-digit account ids to leave out
   */
  public static organizationalUnitsExcept(
    organizationalUnitIds: string[], excludedAccountIds: string[], options: CiOidcRolloutTargetOptions = {},
  ): CiOidcRolloutTarget {
    return new CiOidcRolloutTarget(organizationalUnitIds, excludedAccountIds, CiOidcTargetFilter.DIFFERENCE, options);
  }

  /** The organizational unit or root ids. */
  public readonly organizationalUnitIds: string[];

  /** The accounts the filter names (none for `NONE`). */
  public readonly accountIds: string[];

  /** How the accounts narrow the organizational units. */
  public readonly filter: CiOidcTargetFilter;

  /** The account's environment, if given. */
  public readonly environment?: string;

  /** The role-name suffix, if given. */
  public readonly roleNameSuffix?: string;

  private constructor(organizationalUnitIds: string[], accountIds: string[], filter: CiOidcTargetFilter, options: CiOidcRolloutTargetOptions) {
    checkIdList('CiOidcRolloutTarget organizationalUnitIds', organizationalUnitIds, 'organizational unit or root id');
    organizationalUnitIds.forEach((id) => checkOrganizationalUnitId('CiOidcRolloutTarget organizational unit id', id));
    if (filter !== CiOidcTargetFilter.NONE) {
      checkIdList('CiOidcRolloutTarget accountIds', accountIds, 'account id');
      accountIds.forEach((id) => checkAccountId('CiOidcRolloutTarget account id', id));
    }
    this.organizationalUnitIds = [...organizationalUnitIds];
    this.accountIds = [...accountIds];
    this.filter = filter;
    this.environment = options.environment;
    this.roleNameSuffix = options.roleNameSuffix;
  }
}
