import { aws_iam as iam, RemovalPolicy, Resource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ICiOidcProvider } from './ci-oidc-provider';
import { CiPlatform } from './ci-platform';
import { providerAudience } from './default-audience';
import { checkOptionalList, checkOptions } from '../private/runtime-checks';

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

/**
 * The IAM OIDC provider of a CI platform, as a native `AWS::IAM::OIDCProvider`
 * (no Lambda, no custom resource, no thumbprint).
 */
export abstract class CiOidcProviderBase extends Resource implements ICiOidcProvider {
  /**
   * The ARN of the IAM OIDC provider.
   *
   * @attribute
   */
  public readonly oidcProviderArn: string;

  /**
   * The issuer of the IAM OIDC provider, without `https://`.
   *
   * @attribute
   */
  public readonly oidcProviderIssuer: string;

  public readonly platform: CiPlatform;
  public readonly issuer: string;
  public readonly audience: string;
  public readonly conditionClaims: string[];

  /**
   * @param platform the platform that issues the tokens
   * @param issuer the issuer without `https://`
   * @param conditionClaims the claims, besides `aud` and `sub`, that IAM receives as condition keys
   */
  protected constructor(
    scope: Construct, id: string, platform: CiPlatform, issuer: string, conditionClaims: string[], options: CiOidcProviderOptions,
  ) {
    checkOptions('CiOidcProviderOptions', options, { audience: 'string', removalPolicy: Object.values(RemovalPolicy), thumbprints: 'array' });
    checkOptionalList('CiOidcProviderOptions.thumbprints', options.thumbprints, 'string', 'SHA-1 thumbprints, 40 hexadecimal characters each');
    super(scope, id);
    this.platform = platform;
    this.issuer = issuer;
    this.conditionClaims = [...conditionClaims];
    this.audience = providerAudience(this, options.audience);

    const provider = new iam.OidcProviderNative(this, 'Resource', {
      url: `https://${issuer}`,
      clientIds: [this.audience],
      thumbprints: options.thumbprints && [...options.thumbprints],
    });
    provider.applyRemovalPolicy(options.removalPolicy ?? RemovalPolicy.RETAIN);
    this.oidcProviderArn = provider.oidcProviderArn;
    this.oidcProviderIssuer = issuer;
  }
}
