import { parseGitLabUrl } from './gitlab-url';

/**
 * The issuer of a GitLab CI/CD ID token: gitlab.com or a self-managed instance (GitLab
 * Dedicated included). GitLab's `iss` claim is the instance's URL.
 *
 * @see https://docs.gitlab.com/ci/secrets/id_token_authentication/
 * @see https://docs.gitlab.com/ci/cloud_services/aws/
 */
export class GitLabIssuer {
  /**
   * gitlab.com's issuer, `https://gitlab.com`.
   */
  public static gitLabDotCom(): GitLabIssuer {
    return new GitLabIssuer(parseGitLabUrl('GitLabIssuer.gitLabDotCom()', undefined));
  }

  /**
   * The issuer of a self-managed instance (or GitLab Dedicated), by its https URL, e.g.
   * `https://gitlab.example.com`, without port, query or credentials; a trailing `/` is
   * dropped.
   *
   * It must be literal: IAM names the condition keys after it (`gitlab.example.com:sub`).
   * AWS passes no claims besides `aud` and `sub` to IAM for such issuers, so roles trusting
   * them cannot pin `project_id`, `namespace_id` or `ref_protected`.
   *
   * @param url the instance's URL, e.g. `https://gitlab.example.com`
   */
  public static selfManaged(url: string): GitLabIssuer {
    return new GitLabIssuer(parseGitLabUrl('GitLabIssuer.selfManaged(url)', url));
  }

  /**
   * The issuer without `https://`: host and path, e.g. `gitlab.example.com`.
   */
  public readonly issuer: string;

  /**
   * The claims, besides `aud` and `sub`, that AWS STS passes to IAM as condition keys for this issuer.
   */
  public readonly conditionClaims: string[];

  /**
   * The instance URL, `https://` followed by `issuer`.
   */
  public readonly url: string;

  private constructor(parts: { issuer: string; conditionClaims: string[] }) {
    this.issuer = parts.issuer;
    this.conditionClaims = parts.conditionClaims;
    this.url = `https://${parts.issuer}`;
  }
}
