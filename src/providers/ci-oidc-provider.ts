import { aws_iam as iam } from 'aws-cdk-lib';
import { CiPlatform } from '../core/ci-platform';

/**
 * An IAM OpenID Connect identity provider for a CI platform.
 *
 * Besides the ARN, it carries what a trust policy needs to know about the issuer:
 * the platform, the literal issuer (the prefix of every condition key) and the
 * audience that roles must require.
 */
export interface ICiOidcProvider extends iam.IOidcProvider {
  /**
   * The CI platform that issues the tokens.
   */
  readonly platform: CiPlatform;

  /**
   * The issuer without `https://`: host and path, e.g. `token.actions.githubusercontent.com`.
   *
   * It is a literal string, never a token, because IAM names the condition keys
   * after it (`token.actions.githubusercontent.com:sub`).
   */
  readonly issuer: string;

  /**
   * The audience (`aud` claim) that roles trusting this provider require by default.
   */
  readonly audience: string;

  /**
   * The claims, besides `aud` and `sub`, that AWS STS passes to IAM as condition keys
   * for tokens of this issuer.
   *
   * Empty for issuers for which AWS documents no further keys (GitHub Enterprise
   * Server, GHE.com, self-managed GitLab): a condition on a key that IAM never
   * receives makes the role unusable.
   */
  readonly conditionClaims: string[];
}
