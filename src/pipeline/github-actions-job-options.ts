import { CiJobOptions } from './ci-job-options';

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
}
