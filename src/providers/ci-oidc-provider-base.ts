import { aws_iam as iam, RemovalPolicy, Resource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ICiOidcProvider } from './ci-oidc-provider';
import { CiOidcProviderOptions } from './ci-oidc-provider-options';
import { providerAudience } from './default-audience';
import { CiPlatform } from '../core/ci-platform';
import { checkOptionalList, checkOptions } from '../core/runtime-checks';

/**
 * The IAM OIDC provider of a CI platform, as a native `AWS::IAM::OIDCProvider`
 * (no Lambda, no custom resource, no thumbprint).
 *
 * Not part of the API: jsii copies its members into each platform's provider class.
 *
 * @internal
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
