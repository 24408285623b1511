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
  /** CircleCI: one issuer per organization, `oidc.circleci.com/org/<organization id>`. */
  CIRCLECI = 'CIRCLECI',
  /** Bitbucket Pipelines (Bitbucket Cloud): one issuer per workspace. */
  BITBUCKET_PIPELINES = 'BITBUCKET_PIPELINES',
  /** HCP Terraform (app.terraform.io) and Terraform Enterprise hosts: workload identity tokens of runs. */
  HCP_TERRAFORM = 'HCP_TERRAFORM',
  /** Buildkite Pipelines (agent.buildkite.com): OIDC tokens that jobs request from the agent. */
  BUILDKITE = 'BUILDKITE',
  /** Any other OIDC issuer (Azure DevOps, Jenkins, Spacelift, Pulumi, a company's own issuer ...), through `GenericOidcProvider`. */
  GENERIC_OIDC = 'GENERIC_OIDC',
}
