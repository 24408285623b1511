import { CiJobOptions } from '../../pipeline/ci-job-options';

/**
 * Options of the Bitbucket Pipelines step that a `CiDeployRole` renders.
 */
export interface BitbucketPipelinesStepOptions extends CiJobOptions {
  /**
   * The step's Docker image; its shell must be POSIX, and the AWS CLI is needed only with `roleSessionDuration`.
   *
   * @default 'amazon/aws-cli' - Atlassian's OIDC example
   */
  readonly image?: string;

  /**
   * The deployment environment the step deploys to, by name (`deployment: <name>`): required when the
   * role trusts environment subjects, whose `sub` names the environment's UUID.
   *
   * @default - none: a step that deploys to no environment
   */
  readonly deployment?: string;

  /**
   * The branch whose pipeline runs the step (`pipelines: branches: <branch>:`).
   *
   * @default - the default pipeline (`pipelines: default:`), which runs for every branch without a pipeline of its own
   */
  readonly branch?: string;
}
