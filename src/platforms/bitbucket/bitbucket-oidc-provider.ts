import { Construct } from 'constructs';
import { checkBitbucketUuid, checkWorkspace } from './bitbucket-names';
import { bitbucketIssuer, workspaceAudience } from './facts/bitbucket-facts';
import { CiPlatform } from '../../core/ci-platform';
import { checkOptionalKind, invalid } from '../../core/runtime-checks';
import { ICiOidcProvider } from '../../providers/ci-oidc-provider';
import { CiOidcProviderBase } from '../../providers/ci-oidc-provider-base';
import { CiOidcProviderOptions } from '../../providers/ci-oidc-provider-options';
import { IssuerDescription } from '../../providers/issuer-description';
import { importProviderByArn, importProviderOfAccount } from '../../providers/provider-import';

const WHERE = 'the part after workspace/ of the Audience in Repository settings > OpenID Connect';
const FORM = 'an object with workspace and workspaceUuid';

/**
 * Properties of a `BitbucketOidcProvider`.
 */
export interface BitbucketOidcProviderProps extends CiOidcProviderOptions {
  /**
   * The workspace id, as in the Identity provider URL of Repository settings > OpenID Connect
   * (`https://api.bitbucket.org/2.0/workspaces/<workspace>/pipelines-config/identity/oidc`).
   *
   * Bitbucket gives every workspace an issuer of its own; IAM names the condition keys after it.
   */
  readonly workspace: string;

  /**
   * The workspace UUID, with or without braces: the audience of the workspace's tokens is
   * `ari:cloud:bitbucket::workspace/<UUID>` (Repository settings > OpenID Connect > Audience).
   *
   * @default - none: then `audience` is required
   */
  readonly workspaceUuid?: string;
}

/**
 * Options for importing an existing Bitbucket provider.
 */
export interface BitbucketOidcProviderImportOptions {
  /**
   * The workspace id of the existing provider.
   */
  readonly workspace: string;

  /**
   * The workspace UUID, for the default audience.
   *
   * @default - none: then `audience` is required
   */
  readonly workspaceUuid?: string;

  /**
   * The audience that roles trusting the imported provider require by default.
   *
   * @default - `ari:cloud:bitbucket::workspace/<workspaceUuid>`, the audience of the workspace's tokens
   */
  readonly audience?: string;
}

/**
 * Options for importing the Bitbucket provider of an account.
 */
export interface BitbucketOidcProviderFromAccountOptions extends BitbucketOidcProviderImportOptions {
  /**
   * The account that holds the provider.
   *
   * @default - the stack's account
   */
  readonly account?: string;
}

/**
 * The IAM OIDC identity provider for the OIDC tokens of one Bitbucket Cloud workspace's Pipelines.
 *
 * The issuer is per workspace; its tokens carry `ari:cloud:bitbucket::workspace/<workspace UUID>` as
 * their audience unless a step asks for others (`oidc: audiences:`), so that is the provider's default
 * audience. AWS STS passes no claim besides `aud` and `sub` for these issuers: the repository and
 * environment UUIDs in `sub` decide. No thumbprint is needed: IAM verifies api.bitbucket.org's
 * certificate with its trusted CAs (Atlassian's guide still shows "Get thumbprint").
 *
 * @example
 * import { BitbucketOidcProvider } from 'cdk-ci-oidc';
 *
 * const provider = new BitbucketOidcProvider(this, 'Bitbucket', {
 *   workspace: 'acme',
 *   workspaceUuid: '{0a1b2c3d-1111-4a2b-8c3d-0123456789ab}',
 * });
 *
 * @see https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/
 * @see https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/
 */
export class BitbucketOidcProvider extends CiOidcProviderBase {
  /**
   * Imports the Bitbucket provider of an account, by workspace: its ARN is derived in the stack's partition.
   */
  public static fromAccount(scope: Construct, id: string, options: BitbucketOidcProviderFromAccountOptions): ICiOidcProvider {
    checkOptionalKind('BitbucketOidcProvider.fromAccount() options', options ?? null, 'object', FORM);
    const issuer = describe('BitbucketOidcProvider.fromAccount()', options.workspace);
    return importProviderOfAccount(scope, id, issuer, options.account, audienceOf('BitbucketOidcProvider.fromAccount()', options));
  }

  /**
   * Imports a Bitbucket provider by ARN.
   *
   * The issuer comes from `options.workspace`, never from the ARN (which may be a token); a literal
   * ARN must name that issuer.
   */
  public static fromOidcProviderArn(
    scope: Construct, id: string, oidcProviderArn: string, options: BitbucketOidcProviderImportOptions,
  ): ICiOidcProvider {
    checkOptionalKind('BitbucketOidcProvider.fromOidcProviderArn() options', options ?? null, 'object', FORM);
    const issuer = describe('BitbucketOidcProvider.fromOidcProviderArn()', options.workspace);
    return importProviderByArn(scope, id, oidcProviderArn, issuer, audienceOf('BitbucketOidcProvider.fromOidcProviderArn()', options),
      'BitbucketOidcProvider.fromOidcProviderArn(oidcProviderArn)');
  }

  /**
   * The workspace id.
   */
  public readonly workspace: string;

  constructor(scope: Construct, id: string, props: BitbucketOidcProviderProps) {
    checkOptionalKind('BitbucketOidcProviderProps', props ?? null, 'object', FORM);
    const issuer = describe('BitbucketOidcProvider', props.workspace);
    const audience = audienceOf('BitbucketOidcProvider', props);
    super(scope, id, CiPlatform.BITBUCKET_PIPELINES, issuer.issuer, issuer.conditionClaims, { ...props, audience });
    this.workspace = props.workspace;
  }
}

function describe(source: string, workspace: string): IssuerDescription {
  checkWorkspace(`${source} workspace`, workspace);
  return { platform: CiPlatform.BITBUCKET_PIPELINES, issuer: bitbucketIssuer(workspace), conditionClaims: [] };
}

/** The audience given, else the workspace's; one of the two is needed. */
function audienceOf(source: string, options: { readonly workspaceUuid?: string; readonly audience?: string }): string {
  if (options.workspaceUuid === undefined) {
    if (options.audience === undefined) {
      throw invalid(`${source} workspaceUuid`, 'undefined', 'it is needed for the audience ari:cloud:bitbucket::workspace/<UUID> of the workspace\'s tokens, and no audience is given', 'workspaceUuid, or an audience');
    }
    return options.audience;
  }
  const uuid = checkBitbucketUuid(`${source} workspaceUuid`, options.workspaceUuid, WHERE);
  return options.audience ?? workspaceAudience(uuid);
}
