import { Construct } from 'constructs';
import { GitLabIssuer } from './gitlab-issuer';
import { CiPlatform } from '../../core/ci-platform';
import { invalid, shownValue } from '../../core/runtime-checks';
import { ICiOidcProvider } from '../../providers/ci-oidc-provider';
import { CiOidcProviderBase } from '../../providers/ci-oidc-provider-base';
import { CiOidcProviderImportOptions, CiOidcProviderOptions } from '../../providers/ci-oidc-provider-options';
import { IssuerDescription } from '../../providers/issuer-description';
import { checkIssuerOption } from '../../providers/issuer-option';
import { importProviderByArn, importProviderOfAccount } from '../../providers/provider-import';

/**
 * Properties of a `GitLabOidcProvider`.
 */
export interface GitLabOidcProviderProps extends CiOidcProviderOptions {
  /**
   * The GitLab issuer whose jobs' ID tokens the provider accepts: the `iss` claim.
   *
   * `GitLabIssuer.selfManaged('https://gitlab.example.com')` for a self-managed instance (or
   * GitLab Dedicated). AWS passes no claims besides `aud` and `sub` to IAM for such issuers,
   * so roles trusting them cannot pin `project_id`, `namespace_id` or `ref_protected`.
   *
   * @default - gitlab.com (`https://gitlab.com`)
   */
  readonly issuer?: GitLabIssuer;
}

/**
 * Options for importing an existing GitLab provider.
 */
export interface GitLabOidcProviderImportOptions extends CiOidcProviderImportOptions {
  /**
   * The GitLab issuer of the existing provider.
   *
   * @default - gitlab.com (`https://gitlab.com`)
   */
  readonly issuer?: GitLabIssuer;
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
    checkIssuer('GitLabOidcProvider.fromAccount() options', options);
    return importProviderOfAccount(scope, id, describe(options.issuer), options.account, options.audience);
  }

  /**
   * Imports a GitLab provider by ARN.
   *
   * The issuer comes from `options.issuer`, never from the ARN (which may be a token);
   * a literal ARN must name that issuer.
   */
  public static fromOidcProviderArn(
    scope: Construct, id: string, oidcProviderArn: string, options: GitLabOidcProviderImportOptions = {},
  ): ICiOidcProvider {
    checkIssuer('GitLabOidcProvider.fromOidcProviderArn() options', options);
    return importProviderByArn(
      scope, id, oidcProviderArn, describe(options.issuer), options.audience,
      'GitLabOidcProvider.fromOidcProviderArn(oidcProviderArn)',
    );
  }

  /**
   * The instance URL, `https://` followed by the issuer.
   */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: GitLabOidcProviderProps = {}) {
    checkIssuer('GitLabOidcProviderProps', props);
    const issuer = props.issuer ?? GitLabIssuer.gitLabDotCom();
    super(scope, id, CiPlatform.GITLAB_CI, issuer.issuer, issuer.conditionClaims, props);
    this.url = issuer.url;
  }
}

const ISSUER_FORM = "GitLabIssuer.gitLabDotCom() or GitLabIssuer.selfManaged('https://gitlab.example.com')";

/**
 * Throws unless `options` is an object (or nothing) whose `issuer` is a `GitLabIssuer` (or nothing).
 * The `url` option of 0.x releases is refused, not ignored: ignored, it would make a provider for gitlab.com.
 */
function checkIssuer(property: string, options: { issuer?: GitLabIssuer }): void {
  checkIssuerOption(property, options, (value) => value instanceof GitLabIssuer, 'GitLabIssuer', ISSUER_FORM);
  const url = (options as { url?: unknown } | undefined)?.url;
  if (url !== undefined) {
    throw invalid(`${property}.url`, shownValue(url), 'the url option is replaced by issuer', `issuer: ${ISSUER_FORM}`);
  }
}

function describe(issuer: GitLabIssuer = GitLabIssuer.gitLabDotCom()): IssuerDescription {
  return { platform: CiPlatform.GITLAB_CI, issuer: issuer.issuer, conditionClaims: issuer.conditionClaims };
}
