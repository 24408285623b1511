import { CiOidcBaselineProvider } from './ci-oidc-baseline-provider';
import { GitHubTrustOptions } from '../platforms/github/github-trust-options';
import { GitLabTrustOptions } from '../platforms/gitlab/gitlab-trust-options';
import { CiDeployRoleOptions } from '../role/ci-deploy-role-options.generated';
import { CiTrustOptions } from '../role/ci-trust-options';
import { CiSubject } from '../subjects/ci-subject';

/**
 * A `CiDeployRole` that an account baseline defines in every account it reaches.
 */
export interface CiOidcBaselineRoleProps extends CiDeployRoleOptions, CiTrustOptions, GitHubTrustOptions, GitLabTrustOptions {
  /**
   * The role's construct id, unique in the baseline; also the start of its logical id.
   */
  readonly id: string;

  /**
   * The provider of the baseline whose tokens the role trusts.
   */
  readonly provider: CiOidcBaselineProvider;

  /**
   * The jobs that may assume the role.
   */
  readonly subjects: CiSubject[];

  /**
   * The account environments the role exists in (e.g. only `production` for a deploy role).
   *
   * In a rollout, the role gets a CloudFormation condition on the account's environment
   * parameter; in a `CiOidcAccountBaseline` with a literal environment, it is left out of the
   * other environments' accounts. At most 10.
   *
   * @default - every account
   */
  readonly environments?: string[];

  /**
   * The trust-policy length quota of the accounts, in characters.
   *
   * @default 2048 - IAM's default quota
   */
  readonly trustPolicySizeQuota?: number;
}
