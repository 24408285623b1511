import { ActionVersion } from '../../pipeline/action-version';
import { CiJobOptions } from '../../pipeline/ci-job-options';

/**
 * Options of the GitHub Actions job that a `CiDeployRole` renders.
 */
export interface GitHubActionsJobOptions extends CiJobOptions {
  /**
   * The runner label (`runs-on`).
   *
   * @default 'ubuntu-latest'
   */
  readonly runsOn?: string;

  /**
   * Whether the job starts with `actions/checkout`, which the commands usually need.
   *
   * @default true
   */
  readonly checkout?: boolean;

  /**
   * The version of `actions/checkout`: a major tag, or a commit SHA pinned with its release.
   *
   * @default ActionVersion.major('v7') - the newest major (v7.0.0, 2026-06; Node 24 runtime since v5)
   * @see https://github.com/actions/checkout/releases
   */
  readonly checkoutVersion?: ActionVersion;

  /**
   * The version of `aws-actions/configure-aws-credentials`: a major tag, or a commit SHA pinned with its release.
   *
   * @default ActionVersion.major('v6') - the newest major (v6.0.0 moved to the Node 24 runtime)
   * @see https://github.com/aws-actions/configure-aws-credentials/releases
   */
  readonly configureAwsCredentialsVersion?: ActionVersion;
}
