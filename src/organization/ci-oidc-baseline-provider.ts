import { Construct } from 'constructs';
import { CiPlatform } from '../core/ci-platform';
import { BuildkiteOidcProviderProps } from '../platforms/buildkite/buildkite-oidc-provider';
import { buildkiteProviderDefinition } from '../platforms/buildkite/buildkite-provider-definition';
import { GitHubOidcProviderProps } from '../platforms/github/github-oidc-provider';
import { gitHubProviderDefinition } from '../platforms/github/github-provider-definition';
import { GitLabOidcProviderProps } from '../platforms/gitlab/gitlab-oidc-provider';
import { gitLabProviderDefinition } from '../platforms/gitlab/gitlab-provider-definition';
import { HcpTerraformOidcProviderProps } from '../platforms/hcp-terraform/hcp-terraform-oidc-provider';
import { hcpTerraformProviderDefinition } from '../platforms/hcp-terraform/hcp-terraform-provider-definition';
import { ICiOidcProvider } from '../providers/ci-oidc-provider';
import { ProviderDefinition } from '../providers/provider-definition';

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
    return new CiOidcBaselineProvider(gitHubProviderDefinition(props));
  }

  /**
   * A GitLab CI/CD provider (gitlab.com by default).
   *
   * `removalPolicy` and `thumbprints` apply when the baseline creates the provider; with
   * `CiOidcProviderSource.USE_EXISTING` only `issuer` and `audience` count.
   */
  public static gitLab(props: GitLabOidcProviderProps = {}): CiOidcBaselineProvider {
    return new CiOidcBaselineProvider(gitLabProviderDefinition(props));
  }

  /**
   * An HCP Terraform provider (app.terraform.io by default, or a Terraform Enterprise host).
   *
   * `removalPolicy` and `thumbprints` apply when the baseline creates the provider; with
   * `CiOidcProviderSource.USE_EXISTING` only `issuer` and `audience` count.
   */
  public static hcpTerraform(props: HcpTerraformOidcProviderProps = {}): CiOidcBaselineProvider {
    return new CiOidcBaselineProvider(hcpTerraformProviderDefinition(props));
  }

  /**
   * The Buildkite provider (agent.buildkite.com).
   *
   * `removalPolicy` and `thumbprints` apply when the baseline creates the provider; with
   * `CiOidcProviderSource.USE_EXISTING` only `audience` counts.
   */
  public static buildkite(props: BuildkiteOidcProviderProps = {}): CiOidcBaselineProvider {
    return new CiOidcBaselineProvider(buildkiteProviderDefinition(props));
  }

  /** The CI platform. */
  public readonly platform: CiPlatform;

  /** The issuer without `https://`. */
  public readonly issuer: string;

  // Each static factory delegates to its platform's definition (src/platforms/<platform>/).
  private readonly define: ProviderDefinition['define'];

  private constructor(definition: ProviderDefinition) {
    this.platform = definition.platform;
    this.issuer = definition.issuer;
    this.define = definition.define;
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
