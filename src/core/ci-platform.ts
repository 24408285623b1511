/**
 * The CI platform whose OIDC tokens a provider issues and a subject describes.
 *
 * A role only accepts subjects of its provider's platform: a GitLab subject on a
 * GitHub provider would compare claims that the token never carries.
 */
export enum CiPlatform {
  /** GitHub Actions: github.com, GitHub Enterprise Cloud (also on GHE.com) and GitHub Enterprise Server. */
  GITHUB_ACTIONS = 'GITHUB_ACTIONS',
  /** GitLab CI/CD: gitlab.com and self-managed GitLab instances. */
  GITLAB_CI = 'GITLAB_CI',
  /** Any other OIDC issuer (Azure DevOps, Jenkins, Spacelift, Pulumi, a company's own issuer ...), through `GenericOidcProvider`. */
  GENERIC_OIDC = 'GENERIC_OIDC',
}
