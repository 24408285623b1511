import { RemovalPolicy } from 'aws-cdk-lib';

/**
 * Options shared by the providers of every CI platform.
 */
export interface CiOidcProviderOptions {
  /**
   * The audience (`aud` claim) that the provider accepts and roles require by default.
   *
   * Registered as the provider's only client ID.
   *
   * @default - `sts.amazonaws.com` (`sts.amazonaws.com.cn` in a stack whose region is in China):
   * what `aws-actions/configure-aws-credentials` requests and what a GitLab job sets in `id_tokens`.
   * A value of its own keeps tokens minted for other relying parties out.
   */
  readonly audience?: string;

  /**
   * What happens to the provider when it is removed from the stack.
   *
   * @default RemovalPolicy.RETAIN - an account holds one provider per issuer, and roles of
   * other stacks may trust it; deleting it with one stack would lock them all out.
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * SHA-1 thumbprints (40 hexadecimal characters) of the issuer's certificate chain, at most five.
   *
   * Only needed for an issuer whose TLS certificate IAM cannot verify through its library of
   * trusted certificate authorities, such as a self-managed instance behind a private CA.
   *
   * @default - none: IAM verifies the issuer's certificate with its trusted CAs, and certificate
   * rotations never lock the pipelines out
   */
  readonly thumbprints?: string[];
}

/**
 * Options for importing a provider that already exists.
 */
export interface CiOidcProviderImportOptions {
  /**
   * The audience that roles trusting the imported provider require by default.
   *
   * @default - `sts.amazonaws.com` (`sts.amazonaws.com.cn` in a stack whose region is in China)
   */
  readonly audience?: string;
}
