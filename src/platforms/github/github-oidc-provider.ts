import { Construct } from 'constructs';
import { GitHubIssuer } from './github-issuer';
import { CiPlatform } from '../../core/ci-platform';
import { ICiOidcProvider } from '../../providers/ci-oidc-provider';
import { CiOidcProviderBase } from '../../providers/ci-oidc-provider-base';
import { CiOidcProviderImportOptions, CiOidcProviderOptions } from '../../providers/ci-oidc-provider-options';
import { IssuerDescription } from '../../providers/issuer-description';
import { checkIssuerOption } from '../../providers/issuer-option';
import { importProviderByArn, importProviderOfAccount } from '../../providers/provider-import';

/**
 * Properties of a `GitHubOidcProvider`.
 */
export interface GitHubOidcProviderProps extends CiOidcProviderOptions {
  /**
   * The GitHub issuer whose tokens the provider accepts.
   *
   * @default - github.com (`https://token.actions.githubusercontent.com`)
   */
  readonly issuer?: GitHubIssuer;
}

/**
 * Options for importing an existing GitHub Actions provider.
 */
export interface GitHubOidcProviderImportOptions extends CiOidcProviderImportOptions {
  /**
   * The GitHub issuer of the existing provider.
   *
   * @default - github.com (`https://token.actions.githubusercontent.com`)
   */
  readonly issuer?: GitHubIssuer;
}

/**
 * Options for importing the GitHub Actions provider of an account.
 */
export interface GitHubOidcProviderFromAccountOptions extends GitHubOidcProviderImportOptions {
  /**
   * The account that holds the provider.
   *
   * @default - the stack's account
   */
  readonly account?: string;
}

/**
 * The IAM OIDC identity provider for GitHub Actions tokens.
 *
 * An account holds one provider per issuer: create it once (it is retained when its stack
 * is deleted) and import it everywhere else with `fromAccount`. A second provider for the
 * same issuer fails in CloudFormation with `EntityAlreadyExists`.
 *
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
 */
export class GitHubOidcProvider extends CiOidcProviderBase {
  /**
   * Imports the GitHub Actions provider of an account, by issuer: its ARN is derived
   * in the stack's partition.
   */
  public static fromAccount(scope: Construct, id: string, options: GitHubOidcProviderFromAccountOptions = {}): ICiOidcProvider {
    checkIssuer('GitHubOidcProvider.fromAccount() options', options);
    return importProviderOfAccount(scope, id, describe(options.issuer), options.account, options.audience);
  }

  /**
   * Imports a GitHub Actions provider by ARN.
   *
   * The issuer comes from the options, never from the ARN (which may be a token);
   * a literal ARN must name that issuer.
   */
  public static fromOidcProviderArn(
    scope: Construct, id: string, oidcProviderArn: string, options: GitHubOidcProviderImportOptions = {},
  ): ICiOidcProvider {
    checkIssuer('GitHubOidcProvider.fromOidcProviderArn() options', options);
    return importProviderByArn(
      scope, id, oidcProviderArn, describe(options.issuer), options.audience, 'GitHubOidcProvider.fromOidcProviderArn(oidcProviderArn)',
    );
  }

  constructor(scope: Construct, id: string, props: GitHubOidcProviderProps = {}) {
    checkIssuer('GitHubOidcProviderProps', props);
    const issuer = props.issuer ?? GitHubIssuer.gitHubDotCom();
    super(scope, id, CiPlatform.GITHUB_ACTIONS, issuer.issuer, issuer.conditionClaims, props);
  }
}

const ISSUER_FORM = "GitHubIssuer.gitHubDotCom(), GitHubIssuer.enterpriseCloud('acme-corp'), GitHubIssuer.dataResidency('octocorp') " +
  "or GitHubIssuer.enterpriseServer('github.example.com')";

/** Throws unless `options` is an object (or nothing) whose `issuer` is a `GitHubIssuer` (or nothing). */
function checkIssuer(property: string, options: { issuer?: GitHubIssuer }): void {
  checkIssuerOption(property, options, (value) => value instanceof GitHubIssuer, 'GitHubIssuer', ISSUER_FORM);
}

function describe(issuer: GitHubIssuer = GitHubIssuer.gitHubDotCom()): IssuerDescription {
  return { platform: CiPlatform.GITHUB_ACTIONS, issuer: issuer.issuer, conditionClaims: issuer.conditionClaims };
}
