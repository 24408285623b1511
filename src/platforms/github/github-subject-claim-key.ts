/**
 * A claim key of a GitHub OIDC subject template (`include_claim_keys` of the OIDC
 * customization API); its value is the key's part of the customized `sub` claim.
 *
 * Keys whose value changes with every run (`run_id`, `sha`, ...) are left out: a role
 * could never name them in advance.
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository
 */
export enum GitHubSubjectClaimKey {
  /** `repo:<owner>/<repository>`, or `repo:<owner>@<owner id>/<repository>@<repository id>` for immutable subjects. */
  REPO = 'repo',
  /** What follows the repository in the default subject: `ref:refs/heads/<branch>`, `ref:refs/tags/<tag>`, `environment:<name>` or `pull_request`. */
  CONTEXT = 'context',
  /** `repository:<owner>/<repository>`. */
  REPOSITORY = 'repository',
  /** `repository_id:<id>`. */
  REPOSITORY_ID = 'repository_id',
  /** `repository_owner:<owner>`. */
  REPOSITORY_OWNER = 'repository_owner',
  /** `repository_owner_id:<id>`. */
  REPOSITORY_OWNER_ID = 'repository_owner_id',
  /** `repository_visibility:<public|private|internal>`. */
  REPOSITORY_VISIBILITY = 'repository_visibility',
  /** `environment:<name>`; GitHub issues no token to a job without an environment. */
  ENVIRONMENT = 'environment',
  /** `ref:<full ref>`, e.g. `ref:refs/heads/main`. */
  REF = 'ref',
  /** `ref_type:<branch|tag>`. */
  REF_TYPE = 'ref_type',
  /** `job_workflow_ref:<owner>/<repository>/.github/workflows/<file>@<ref>`: the reusable workflow the job runs. */
  JOB_WORKFLOW_REF = 'job_workflow_ref',
  /** `workflow_ref:<owner>/<repository>/.github/workflows/<file>@<ref>`: the caller's workflow file. */
  WORKFLOW_REF = 'workflow_ref',
  /** `workflow:<name>`: the workflow's name. */
  WORKFLOW = 'workflow',
  /** `event_name:<event>`, e.g. `event_name:push`. */
  EVENT_NAME = 'event_name',
  /** `runner_environment:<github-hosted|self-hosted>`. */
  RUNNER_ENVIRONMENT = 'runner_environment',
  /** `enterprise:<slug>`. */
  ENTERPRISE = 'enterprise',
  /** `enterprise_id:<id>`. */
  ENTERPRISE_ID = 'enterprise_id',
}
