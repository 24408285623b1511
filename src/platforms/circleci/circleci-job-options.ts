import { CiJobOptions } from '../../pipeline/ci-job-options';

/**
 * Options of the CircleCI configuration that a `CiDeployRole` renders.
 */
export interface CircleCiJobOptions extends CiJobOptions {
  /**
   * The job's Docker image.
   *
   * @default 'cimg/base:current'
   */
  readonly image?: string;

  /**
   * Whether the job assumes the role with the `aws-cli/setup` command of CircleCI's AWS CLI orb
   * (`role_arn`, which exchanges `$CIRCLE_OIDC_TOKEN_V2`), or by handing the token to the AWS SDKs
   * and CLI through `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN`, which call STS themselves.
   *
   * @default true
   */
  readonly useOrb?: boolean;

  /**
   * The version of the `circleci/aws-cli` orb, e.g. `5.1.1`.
   *
   * @default '5.1.1' - the version of CircleCI's OIDC guide, which exchanges `$CIRCLE_OIDC_TOKEN_V2`
   */
  readonly orbVersion?: string;

  /**
   * The contexts the workflow gives the job (CircleCI's restricted contexts can require an approval
   * or a security group).
   *
   * @default - none
   */
  readonly contexts?: string[];
}
