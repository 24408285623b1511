import { CiJobOptions } from '../../pipeline/ci-job-options';

/**
 * Options of the GitLab CI/CD job that a `CiDeployRole` renders.
 */
export interface GitLabCiJobOptions extends CiJobOptions {
  /**
   * The job's container image, e.g. `node:22`.
   *
   * @default - the runner's default image
   */
  readonly image?: string;

  /**
   * The job's stage.
   *
   * @default - GitLab's default stage, `test`
   */
  readonly stage?: string;
}
