import { Construct } from 'constructs';
import { checkAudienceTenancy, genericIssuer } from './generic-issuer';
import { checkKind } from '../../core/runtime-checks';
import { ICiOidcProvider } from '../../providers/ci-oidc-provider';
import { CiOidcProviderBase } from '../../providers/ci-oidc-provider-base';
import { CiOidcProviderImportOptions, CiOidcProviderOptions } from '../../providers/ci-oidc-provider-options';
import { importProviderByArn, importProviderOfAccount } from '../../providers/provider-import';

/**
 * Properties of a `GenericOidcProvider`.
 */
export interface GenericOidcProviderProps extends CiOidcProviderOptions {
  /**
   * The issuer's https URL, exactly as its tokens' `iss` claim: e.g. `https://vstoken.dev.azure.com/<organization-id>`
   * (Azure DevOps), `https://jenkins.example.com/oidc` (Jenkins), `https://acme.app.spacelift.io` (Spacelift),
   * `https://api.pulumi.com/oidc` (Pulumi Cloud).
   *
   * Without port, query or credentials; a trailing `/` is kept, because IAM compares `iss` with the
   * provider URL and names the condition keys after it. It must be literal. Refused: the issuers of
   * GitHub and GitLab (use their providers), those IAM has built in (Google, Cognito) and Microsoft
   * Sentinel's, whose tenancy claim is `sts:RoleSessionName`. For the shared issuers of IAM's
   * identity-provider controls that name the tenant in `aud` (Pulumi Cloud, Vercel), the audience must
   * be given and be the tenant's own.
   */
  readonly url: string;
}

/**
 * Options for importing an existing generic provider.
 */
export interface GenericOidcProviderImportOptions extends CiOidcProviderImportOptions {
  /**
   * The issuer's https URL of the existing provider, exactly as it was created.
   */
  readonly url: string;
}

/**
 * Options for importing the generic provider of an account.
 */
export interface GenericOidcProviderFromAccountOptions extends GenericOidcProviderImportOptions {
  /**
   * The account that holds the provider.
   *
   * @default - the stack's account
   */
  readonly account?: string;
}

/**
 * The IAM OIDC identity provider of any other OIDC issuer: Azure DevOps, Jenkins, Spacelift, Harness,
 * Codefresh, Semaphore, env0, Pulumi Cloud or a company's own.
 *
 * Roles trusting it take `GenericSubject`s: an exact `sub` or a pattern whose wildcards come after
 * two complete parts. IAM receives only `aud` and `sub` (and `amr`) as condition keys for these
 * issuers. For a shared issuer (one URL for every tenant), IAM's identity-provider controls are
 * checked at synthesis: the tenant must be named by the `aud` or the `sub` patterns, as the issuer
 * documents it.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
 */
export class GenericOidcProvider extends CiOidcProviderBase {
  /**
   * Imports the generic provider of an account, by issuer URL: its ARN is derived in the stack's partition.
   */
  public static fromAccount(scope: Construct, id: string, options: GenericOidcProviderFromAccountOptions): ICiOidcProvider {
    checkKind('GenericOidcProvider.fromAccount() options', options, 'object', "an object with the issuer's url");
    const issuer = genericIssuer('GenericOidcProvider.fromAccount() url', options.url);
    const provider = importProviderOfAccount(scope, id, issuer, options.account, options.audience);
    checkAudienceTenancy('GenericOidcProvider.fromAccount() audience', issuer.issuer, provider.audience);
    return provider;
  }

  /**
   * Imports a generic provider by ARN.
   *
   * The issuer comes from `options.url`, never from the ARN (which may be a token); a literal ARN must name that issuer.
   */
  public static fromOidcProviderArn(
    scope: Construct, id: string, oidcProviderArn: string, options: GenericOidcProviderImportOptions,
  ): ICiOidcProvider {
    checkKind('GenericOidcProvider.fromOidcProviderArn() options', options, 'object', "an object with the issuer's url");
    const issuer = genericIssuer('GenericOidcProvider.fromOidcProviderArn() url', options.url);
    const provider = importProviderByArn(scope, id, oidcProviderArn, issuer, options.audience, 'GenericOidcProvider.fromOidcProviderArn(oidcProviderArn)');
    checkAudienceTenancy('GenericOidcProvider.fromOidcProviderArn() audience', issuer.issuer, provider.audience);
    return provider;
  }

  /**
   * The issuer's URL, `https://` followed by the issuer.
   */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: GenericOidcProviderProps) {
    checkKind('GenericOidcProviderProps', props, 'object', "an object with the issuer's url");
    const issuer = genericIssuer('GenericOidcProvider url', props.url);
    super(scope, id, issuer.platform, issuer.issuer, issuer.conditionClaims, props);
    checkAudienceTenancy('GenericOidcProvider audience', this.issuer, this.audience);
    this.url = `https://${this.issuer}`;
  }
}
