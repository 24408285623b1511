import { Duration } from 'aws-cdk-lib';

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

  /**
   * The role session name the job passes to STS, which CloudTrail records with every call of the session.
   *
   * IAM's grammar: 2 to 64 of letters, digits and `_+=,.@-`.
   *
   * @default - GitHub: the action's default, `GitHubActions`; GitLab: `gitlab-<project id>-<job id>`
   */
  readonly roleSessionName?: string;

  /**
   * How long the credentials last: from 15 minutes to the role's maximum session duration
   * (`maxSessionDuration`, 1 hour unless raised), which STS enforces; a token-valued maximum is
   * not checked here. In whole seconds.
   *
   * For GitLab the job then calls `aws sts assume-role-with-web-identity` itself, with
   * `--duration-seconds`, and exports the credentials (the image needs the AWS CLI): the SDKs'
   * web-identity providers take no duration from the environment.
   *
   * @default - GitHub: the action's default for OIDC, 1 hour; GitLab: STS's default, 1 hour, renewed by the SDKs when it ends
   */
  readonly roleSessionDuration?: Duration;
}
