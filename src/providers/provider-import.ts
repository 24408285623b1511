import { ArnFormat, Resource, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ICiOidcProvider } from './ci-oidc-provider';
import { providerAudience } from './default-audience';
import { IssuerDescription } from './issuer-description';
import { ACCOUNT_ID } from '../core/aws-names';
import { CiPlatform } from '../core/ci-platform';
import { checkKind, checkOptionalKind, invalid } from '../core/runtime-checks';

/** The provider of `issuer` in `account` (default: the stack's), with a partition-aware ARN. */
export function importProviderOfAccount(
  scope: Construct, id: string, issuer: IssuerDescription, account: string | undefined, audience: string | undefined,
): ICiOidcProvider {
  checkOptionalKind('account', account, 'string', "12 digits, e.g. '123456789012'");
  if (account !== undefined && !Token.isUnresolved(account) && !ACCOUNT_ID.test(account)) {
    throw invalid('account', account, 'it is not an AWS account id', "12 digits, e.g. '123456789012'");
  }
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
  checkKind(property, arn, 'string', "'arn:<partition>:iam::<account>:oidc-provider/<issuer>'");
  const named = namedIssuer(arn);
  if (named !== undefined && named !== issuer.issuer) {
    throw invalid(property, arn, `it must be the ARN of the provider for issuer '${issuer.issuer}'`,
      `'arn:<partition>:iam::<account>:oidc-provider/${issuer.issuer}'; pass the matching issuer in the options for another one`);
  }
  return new ImportedCiOidcProvider(scope, id, arn, issuer, audience);
}

/**
 * The issuer an ARN names: a literal ARN must be a provider ARN (else `''`, which names no
 * issuer); a token is checked only when it ends in a literal `:oidc-provider/<issuer>`
 * (e.g. another stack's `formatArn`), and is otherwise undefined: not known here.
 */
function namedIssuer(arn: string): string | undefined {
  if (!Token.isUnresolved(arn)) {
    return /^arn:[a-z-]+:iam::\d{12}:oidc-provider\/(.+)$/.exec(arn)?.[1] ?? '';
  }
  const tail = arn.slice(arn.lastIndexOf('}') + 1);
  return /^[^$]*:oidc-provider\/(.+)$/.exec(tail)?.[1];
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
    this.audience = providerAudience(this, audience);
  }
}
