/**
 * A role that `cdk bootstrap` creates in every bootstrapped environment, which the CDK CLI
 * assumes to deploy, publish assets or look up context.
 *
 * @see https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping-env.html
 */
export enum CdkBootstrapRole {
  /** `cdk-<qualifier>-deploy-role-<account>-<region>`: creates and updates the CloudFormation stacks. */
  DEPLOY = 'deploy',
  /** `cdk-<qualifier>-file-publishing-role-<account>-<region>`: uploads file assets to the staging bucket. */
  FILE_PUBLISHING = 'file-publishing',
  /** `cdk-<qualifier>-image-publishing-role-<account>-<region>`: pushes image assets to the staging repository. */
  IMAGE_PUBLISHING = 'image-publishing',
  /** `cdk-<qualifier>-lookup-role-<account>-<region>`: reads context values (VPCs, AMIs ...) during synthesis. */
  LOOKUP = 'lookup',
}

/**
 * Which CDK bootstrap roles a CI role may assume, to run `cdk deploy` without rights of its own.
 *
 * The target environments must trust the CI role's account: `cdk bootstrap --trust <account>`.
 * Give either `accounts` or `organizationPaths`, not both.
 */
export interface CdkDeployAccessOptions {
  /**
   * The bootstrap qualifier, as given to `cdk bootstrap --qualifier`: 1 to 10 of
   * `A-Z a-z 0-9 _ -` (the bootstrap template's `AllowedPattern`).
   *
   * @default - the context value `@aws-cdk/core:bootstrapQualifier` if set (what
   * `DefaultStackSynthesizer` uses), otherwise `hnb659fds`
   */
  readonly qualifier?: string;

  /**
   * The accounts whose bootstrap roles may be assumed (12 digits each, or tokens).
   *
   * Each role ARN is listed: no wildcard in the account position.
   *
   * @default - the account of the role's stack, unless `organizationPaths` is given
   */
  readonly accounts?: string[];

  /**
   * The regions whose bootstrap roles may be assumed, e.g. `['eu-west-1', 'us-east-1']`.
   *
   * With regions, every role ARN is listed. Without, there is one ARN per direction of the
   * regions of the stack's partition (the commercial partition in an environment-agnostic
   * stack, as aws-cdk-lib's `RegionInfo` lists them), with `?` for the area and the number:
   * `cdk-hnb659fds-deploy-role-123456789012-??-west-?`. Each `?` is exactly one character, so
   * what matches is a role named `cdk-<qualifier>-<kind>-role-<account>-` followed by a
   * region's shape (two characters, `-`, a direction such as `east`, `southeast`, `gov-west`,
   * `-`, one character): the bootstrap roles of every region of the partition, today's and
   * later ones in those directions, and roles named like them. Never another name (a `*` would
   * match `...-123456789012-anything`), and never a role under a path: a second statement denies
   * roles whose path holds `cdk-<qualifier>-` (bootstrap roles have no path).
   *
   * @default - every region of the partition that aws-cdk-lib knows, as above
   */
  readonly regions?: string[];

  /**
   * AWS Organizations paths whose accounts' bootstrap roles may be assumed, e.g.
   * `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`: every account in that organizational unit and
   * the units below it.
   *
   * The role ARNs then have a wildcard account (`arn:aws:iam::*:role/cdk-hnb659fds-deploy-role-????????????-eu-west-1`:
   * twelve `?` for the account in the name), bounded by `ForAnyValue:StringLike` on
   * `aws:ResourceOrgPaths`, the Organizations path of the account that owns the assumed role.
   * A role in an account outside the organization carries no such path and is refused. A second
   * statement denies roles under a path that holds `cdk-<qualifier>-`, the only roles a `?`
   * could otherwise reach: bootstrap roles have no path.
   *
   * @default - no organization path: the `accounts` are listed
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgpaths
   */
  readonly organizationPaths?: string[];

  /**
   * The bootstrap roles that may be assumed.
   *
   * `cdk deploy` needs `DEPLOY` and the publishing roles of the asset types the app has; `LOOKUP`
   * is needed when synthesis runs context lookups in CI.
   *
   * @default - all four: DEPLOY, FILE_PUBLISHING, IMAGE_PUBLISHING and LOOKUP
   */
  readonly roles?: CdkBootstrapRole[];

  /**
   * Also allow `sts:TagSession`, for synthesizers configured to pass session tags
   * (`deployRoleAdditionalOptions: { Tags: [...] }` and the like).
   *
   * @default false - the CDK CLI passes session tags only when the synthesizer is told to
   */
  readonly allowSessionTags?: boolean;
}
