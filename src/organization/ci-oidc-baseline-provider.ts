import { Construct } from 'constructs';
import { CiPlatform } from '../core/ci-platform';
import { GitHubIssuer } from '../platforms/github/github-issuer';
import { GitHubOidcProvider, GitHubOidcProviderProps } from '../platforms/github/github-oidc-provider';
import { GitLabIssuer } from '../platforms/gitlab/gitlab-issuer';
import { GitLabOidcProvider, GitLabOidcProviderProps } from '../platforms/gitlab/gitlab-oidc-provider';
import { ICiOidcProvider } from '../providers/ci-oidc-provider';

/**
 * A CI OIDC provider of an account baseline: which platform and issuer, and how to create it.
 *
 * The same object is named by the roles that trust it (`CiOidcBaselineRoleProps.provider`).
 */
export class CiOidcBaselineProvider {
  /**
   * A GitHub Actions provider (github.com by default).
   *
   * `removalPolicy` and `thumbprints` apply when the baseline creates the provider; with
   * `CiOidcProviderSource.USE_EXISTING` only `issuer` and `audience` count.
   */
  public static gitHub(props: GitHubOidcProviderProps = {}): CiOidcBaselineProvider {
    const issuer = props.issuer ?? GitHubIssuer.gitHubDotCom();
    return new CiOidcBaselineProvider(CiPlatform.GITHUB_ACTIONS, issuer.issuer, (scope, id, create) => (create
      ? new GitHubOidcProvider(scope, id, props)
      : GitHubOidcProvider.fromAccount(scope, id, { issuer: props.issuer, audience: props.audience })));
  }

  /**
   * A GitLab CI/CD provider (gitlab.com by default).
   *
   * `removalPolicy` and `thumbprints` apply when the baseline creates the provider; with
   * `CiOidcProviderSource.USE_EXISTING` only `issuer` and `audience` count.
   */
  public static gitLab(props: GitLabOidcProviderProps = {}): CiOidcBaselineProvider {
    const issuer = props.issuer ?? GitLabIssuer.gitLabDotCom();
    return new CiOidcBaselineProvider(CiPlatform.GITLAB_CI, issuer.issuer, (scope, id, create) => (create
      ? new GitLabOidcProvider(scope, id, props)
      : GitLabOidcProvider.fromAccount(scope, id, { issuer: props.issuer, audience: props.audience })));
  }

  /** The CI platform. */
  public readonly platform: CiPlatform;

  /** The issuer without `https://`. */
  public readonly issuer: string;

  private constructor(
    platform: CiPlatform, issuer: string,
    private readonly define: (scope: Construct, id: string, create: boolean) => Construct | ICiOidcProvider,
  ) {
    this.platform = platform;
    this.issuer = issuer;
  }

  /**
   * Defines the provider in `scope`: creates it or not, and in both cases returns the
   * account's provider by its ARN, so that roles never depend on how it came to be.
   *
   * @internal
   */
  public _defineIn(scope: Construct, id: string, create: boolean): { provider: ICiOidcProvider; created?: Construct } {
    const created = create ? this.define(scope, id, true) as Construct : undefined;
    const provider = this.define(scope, `${id}Ref`, false) as ICiOidcProvider;
    return { provider, created };
  }
}
