import { ArnFormat, Resource, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IssuerDescription } from './issuer-description';
import { ICiOidcProvider } from '../providers/ci-oidc-provider';
import { CiPlatform } from '../providers/ci-platform';
import { defaultAudience, validateAudience } from '../providers/default-audience';

/** The provider of `issuer` in `account` (default: the stack's), with a partition-aware ARN. */
export function importProviderOfAccount(
  scope: Construct, id: string, issuer: IssuerDescription, account: string | undefined, audience: string | undefined,
): ICiOidcProvider {
  const arn = Stack.of(scope).formatArn({
    service: 'iam',
    region: '',
    account,
    resource: 'oidc-provider',
    resourceName: issuer.issuer,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
  return new ImportedCiOidcProvider(scope, id, arn, issuer, audience);
}

/**
 * The provider with the given ARN. The issuer comes from the caller, never from the
 * ARN (which may be a token); a literal ARN must name that issuer.
 */
export function importProviderByArn(
  scope: Construct, id: string, arn: string, issuer: IssuerDescription, audience: string | undefined, property: string,
): ICiOidcProvider {
  if (!Token.isUnresolved(arn)) {
    const parts = parseProviderArn(arn);
    if (parts === undefined || parts.resourceName !== issuer.issuer) {
      throw new Error(
        `${property} must be the ARN of the provider for issuer '${issuer.issuer}', got '${arn}'. ` +
        `Allowed form: 'arn:<partition>:iam::<account>:oidc-provider/${issuer.issuer}'; ` +
        'pass the matching issuer in the options for another one.',
      );
    }
  }
  return new ImportedCiOidcProvider(scope, id, arn, issuer, audience);
}

function parseProviderArn(arn: string): { resourceName: string } | undefined {
  const match = /^arn:[a-z-]+:iam::\d{12}:oidc-provider\/(.+)$/.exec(arn);
  return match ? { resourceName: match[1] } : undefined;
}

class ImportedCiOidcProvider extends Resource implements ICiOidcProvider {
  public readonly oidcProviderIssuer: string;
  public readonly platform: CiPlatform;
  public readonly issuer: string;
  public readonly audience: string;
  public readonly conditionClaims: string[];

  constructor(scope: Construct, id: string, public readonly oidcProviderArn: string, issuer: IssuerDescription, audience?: string) {
    super(scope, id);
    this.platform = issuer.platform;
    this.issuer = issuer.issuer;
    this.oidcProviderIssuer = issuer.issuer;
    this.conditionClaims = [...issuer.conditionClaims];
    this.audience = audience === undefined ? defaultAudience(this) : validateAudience('audience', audience);
  }
}
