import { Construct } from 'constructs';
import { parseGitLabUrl } from './gitlab-url';
import { CiPlatform } from '../../core/ci-platform';
import { checkOptionalKind } from '../../core/runtime-checks';
import { ICiOidcProvider } from '../../providers/ci-oidc-provider';
import { CiOidcProviderBase } from '../../providers/ci-oidc-provider-base';
import { CiOidcProviderImportOptions, CiOidcProviderOptions } from '../../providers/ci-oidc-provider-options';
import { IssuerDescription } from '../../providers/issuer-description';
import { importProviderByArn, importProviderOfAccount } from '../../providers/provider-import';

/**
 * Properties of a `GitLabOidcProvider`.
 */
export interface GitLabOidcProviderProps extends CiOidcProviderOptions {
  /**
   * The URL of the GitLab instance whose jobs' ID tokens the provider accepts: the `iss` claim.
   *
   * A self-managed instance (or GitLab Dedicated) is given by its https URL, e.g.
   * `https://gitlab.example.com`, without port, query or credentials; a trailing `/` is
   * dropped. It must be literal: IAM names the condition keys after it (`gitlab.example.com:sub`).
   * AWS passes no claims besides `aud` and `sub` to IAM for such issuers, so roles trusting
   * them cannot pin `project_id`, `namespace_id` or `ref_protected`.
   *
   * @default 'https://gitlab.com'
   */
  readonly url?: string;
}

/**
 * Options for importing an existing GitLab provider.
 */
export interface GitLabOidcProviderImportOptions extends CiOidcProviderImportOptions {
  /**
   * The URL of the GitLab instance of the existing provider.
   *
   * @default 'https://gitlab.com'
   */
  readonly url?: string;
}

/**
 * Options for importing the GitLab provider of an account.
 */
export interface GitLabOidcProviderFromAccountOptions extends GitLabOidcProviderImportOptions {
  /**
   * The account that holds the provider.
   *
   * @default - the stack's account
   */
  readonly account?: string;
}

/**
 * The IAM OIDC identity provider for GitLab CI/CD ID tokens, of gitlab.com or a
 * self-managed instance.
 *
 * Jobs request a token with `id_tokens` in `.gitlab-ci.yml` and set its audience there
 * (`aud: sts.amazonaws.com`, the default audience of this provider). An account holds one
 * provider per instance URL: create it once (it is retained when its stack is deleted)
 * and import it everywhere else with `fromAccount`.
 *
 * @see https://docs.gitlab.com/ci/secrets/id_token_authentication/
 * @see https://docs.gitlab.com/ci/cloud_services/aws/
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
 */
export class GitLabOidcProvider extends CiOidcProviderBase {
  /**
   * Imports the GitLab provider of an account, by instance URL: its ARN is derived in
   * the stack's partition.
   */
  public static fromAccount(scope: Construct, id: string, options: GitLabOidcProviderFromAccountOptions = {}): ICiOidcProvider {
    checkOptionalKind('GitLabOidcProvider.fromAccount() options', options, 'object', 'an object of options, or nothing');
    return importProviderOfAccount(scope, id, describe('GitLabOidcProvider.fromAccount() url', options.url), options.account, options.audience);
  }

  /**
   * Imports a GitLab provider by ARN.
   *
   * The issuer comes from `options.url`, never from the ARN (which may be a token);
   * a literal ARN must name that issuer.
   */
  public static fromOidcProviderArn(
    scope: Construct, id: string, oidcProviderArn: string, options: GitLabOidcProviderImportOptions = {},
  ): ICiOidcProvider {
    checkOptionalKind('GitLabOidcProvider.fromOidcProviderArn() options', options, 'object', 'an object of options, or nothing');
    return importProviderByArn(
      scope, id, oidcProviderArn, describe('GitLabOidcProvider.fromOidcProviderArn() url', options.url), options.audience,
      'GitLabOidcProvider.fromOidcProviderArn(oidcProviderArn)',
    );
  }

  /**
   * The instance URL, `https://` followed by the issuer.
   */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: GitLabOidcProviderProps = {}) {
    checkOptionalKind('GitLabOidcProviderProps', props, 'object', 'an object of options, or nothing');
    const parsed = parseGitLabUrl('GitLabOidcProvider url', props.url);
    super(scope, id, CiPlatform.GITLAB_CI, parsed.issuer, parsed.conditionClaims, props);
    this.url = `https://${parsed.issuer}`;
  }
}

function describe(property: string, url: string | undefined): IssuerDescription {
  const parsed = parseGitLabUrl(property, url);
  return { platform: CiPlatform.GITLAB_CI, issuer: parsed.issuer, conditionClaims: parsed.conditionClaims };
}
