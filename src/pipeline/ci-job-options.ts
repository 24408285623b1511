/**
 * What every rendered CI job needs to know besides the role.
 */
export interface CiJobOptions {
  /**
   * The region the job's AWS calls go to.
   *
   * @default - the region of the role's stack; required for an environment-agnostic stack
   */
  readonly region?: string;

  /**
   * The role's ARN, written into the job.
   *
   * The ARN is only known at synthesis when the role has a `roleName` and its stack an
   * account; otherwise take it from the stack output (`addArnOutput()`) after a deployment.
   * When the ARN is known, a different value is refused.
   *
   * @default - built from the role's name and path and the stack's account and partition
   */
  readonly roleArn?: string;

  /**
   * The job's name (its key in the pipeline file).
   *
   * @default 'deploy'
   */
  readonly jobName?: string;

  /**
   * Shell commands that run once the job has the role's credentials, e.g.
   * `['npm ci', 'npx cdk deploy --all --require-approval never']`.
   *
   * @default - none: add your own steps after the credentials
   */
  readonly commands?: string[];
}
