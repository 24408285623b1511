/**
 * Trust options that only GitHub's tokens can satisfy.
 */
export interface GitHubTrustOptions {
  /**
   * The reusable GitHub workflow the job must run, exactly as GitHub writes the
   * `job_workflow_ref` claim: `<owner>/<repository>/.github/workflows/<file>.yml@<ref>`,
   * where `<ref>` is `refs/heads/<branch>`, `refs/tags/<tag>` or a full commit SHA
   * (GitHub writes `@refs/heads/main` in the token for `uses: ...@main`).
   *
   * Required with `StringEquals` on `<issuer>:job_workflow_ref`, in addition to the
   * subjects: only jobs of the trusted repositories that call this workflow, at this ref,
   * can assume the role. A job that runs no reusable workflow has its own workflow file
   * there, and is refused. Names are compared with their case.
   *
   * Only for roles that trust github.com or its enterprise-slug issuer: IAM receives
   * `job_workflow_ref` from no other issuer (AWS STS, 2026-01), so elsewhere this is a
   * synthesis error; there, put `job_workflow_ref` into the repository's OIDC subject
   * template and use `GitHubSubjectTemplate`.
   *
   * @default - any workflow of the trusted subjects
   * @see https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-with-reusable-workflows
   */
  readonly jobWorkflowRef?: string;
}
