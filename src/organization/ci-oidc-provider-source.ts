/**
 * Whether a baseline creates the CI OIDC providers or uses those the accounts already hold.
 *
 * An account holds one provider per issuer: creating a second one fails in CloudFormation with
 * `EntityAlreadyExists`. Either way the roles name their account's provider by its
 * deterministic ARN (`arn:<partition>:iam::<account>:oidc-provider/<issuer>`).
 */
export enum CiOidcProviderSource {
  /** The baseline creates the providers (retained when the stack or stack instance is deleted). */
  CREATE = 'CREATE',
  /** The accounts already hold the providers; the baseline only references them. */
  USE_EXISTING = 'USE_EXISTING',
}
