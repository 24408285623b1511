import { Token } from 'aws-cdk-lib';
import { GITHUB_DOT_COM_CONDITION_CLAIMS, GITHUB_DOT_COM_HOST } from './facts/github-issuers';
import { checkKind, invalid } from '../../core/runtime-checks';
import { hostnameProblem } from '../../providers/hostname';

/** An enterprise slug or GHE.com subdomain: lowercase letters and digits, single inner hyphens. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The issuer of a GitHub Actions OIDC token: github.com, a GitHub Enterprise Cloud
 * enterprise, a GHE.com (data residency) enterprise or a GitHub Enterprise Server.
 *
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect
 */
export class GitHubIssuer {
  /**
   * github.com's issuer, `https://token.actions.githubusercontent.com`.
   */
  public static gitHubDotCom(): GitHubIssuer {
    return new GitHubIssuer(GITHUB_DOT_COM_HOST, [...GITHUB_DOT_COM_CONDITION_CLAIMS]);
  }

  /**
   * The issuer of a GitHub Enterprise Cloud enterprise that uses a unique issuer URL:
   * `https://token.actions.githubusercontent.com/<enterpriseSlug>`.
   *
   * @param enterpriseSlug the enterprise's slug, as in `https://github.com/enterprises/<enterpriseSlug>`
   * @see https://docs.github.com/en/enterprise-cloud@latest/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#switching-to-a-unique-token-url
   */
  public static enterpriseCloud(enterpriseSlug: string): GitHubIssuer {
    checkSlug('GitHubIssuer.enterpriseCloud(enterpriseSlug)', enterpriseSlug, 'acme-corp');
    return new GitHubIssuer(`${GITHUB_DOT_COM_HOST}/${enterpriseSlug}`, [...GITHUB_DOT_COM_CONDITION_CLAIMS]);
  }

  /**
   * The issuer of a GitHub Enterprise Cloud enterprise with data residency on GHE.com:
   * `https://token.actions.<subdomain>.ghe.com`.
   *
   * AWS documents no condition keys beyond `aud` and `sub` for this issuer.
   *
   * @param subdomain the enterprise's subdomain, as in `https://<subdomain>.ghe.com`
   */
  public static dataResidency(subdomain: string): GitHubIssuer {
    checkSlug('GitHubIssuer.dataResidency(subdomain)', subdomain, 'octocorp');
    return new GitHubIssuer(`token.actions.${subdomain}.ghe.com`, []);
  }

  /**
   * The issuer of a GitHub Enterprise Server instance: `https://<hostname>/_services/token`.
   *
   * AWS documents no condition keys beyond `aud` and `sub` for this issuer.
   *
   * @param hostname the instance's host name, without scheme, port or path, e.g. `github.example.com`
   * @see https://docs.github.com/en/enterprise-server@latest/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect
   */
  public static enterpriseServer(hostname: string): GitHubIssuer {
    checkKind('GitHubIssuer.enterpriseServer(hostname)', hostname, 'string', "a host name such as 'github.example.com'");
    const problem = Token.isUnresolved(hostname) ? 'a token' : hostnameProblem(hostname);
    if (problem) {
      throw invalid('GitHubIssuer.enterpriseServer(hostname)', hostname, `it must be a literal host name (${problem})`,
        "lowercase DNS labels separated by dots, without scheme, port or path, e.g. 'github.example.com'");
    }
    return new GitHubIssuer(`${hostname}/_services/token`, []);
  }

  /**
   * The issuer URL, `https://` followed by `issuer`.
   */
  public readonly url: string;

  private constructor(
    /**
     * The issuer without `https://`: host and path, e.g. `token.actions.githubusercontent.com`.
     */
    public readonly issuer: string,
    /**
     * The claims, besides `aud` and `sub`, that AWS STS passes to IAM as condition keys for this issuer.
     */
    public readonly conditionClaims: string[],
  ) {
    this.url = `https://${issuer}`;
  }
}

function checkSlug(property: string, value: string, example: string): void {
  checkKind(property, value, 'string', `a slug such as '${example}'`);
  if (Token.isUnresolved(value) || !SLUG.test(value) || value.length > 63) {
    throw invalid(property, value, 'it must be a literal slug',
      `lowercase letters, digits and single inner hyphens (at most 63 characters), e.g. '${example}'`);
  }
}
