/**
 * Trust options that only GitLab's tokens can satisfy.
 */
export interface GitLabTrustOptions {
  /**
   * Whether the token must come from a job on a protected branch or tag (GitLab's
   * `ref_protected` claim is `true`): only members allowed to push or merge to protected
   * refs can then run the job. Recommended for GitLab deploy roles.
   *
   * Only for roles that trust gitlab.com: IAM receives `ref_protected` from no other
   * issuer (AWS STS, 2026-01), so with a self-managed GitLab or a GitHub provider this is a
   * synthesis error rather than a role nobody can assume.
   *
   * @default false
   */
  readonly requireProtectedRef?: boolean;
}
