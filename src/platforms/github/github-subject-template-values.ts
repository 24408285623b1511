import { GitHubSubjectFormat } from './github-subject-format';

/**
 * The values of a customized GitHub subject: one for each claim key of the template.
 *
 * Every value is literal (no wildcards) and written as GitHub writes it in the token;
 * a value that no key of the template uses is an error, so that nothing looks required
 * that is not.
 */
export interface GitHubSubjectTemplateValues {
  /**
   * `owner/repository`, for `REPO` and `REPOSITORY` (and `REPOSITORY_OWNER` when `owner` is not given).
   *
   * @default - none; required by `REPO` and `REPOSITORY`
   */
  readonly repository?: string;

  /**
   * The owner's name, for `REPOSITORY_OWNER`.
   *
   * @default - the owner of `repository`
   */
  readonly owner?: string;

  /**
   * The owner's numeric id, for `REPOSITORY_OWNER_ID` and the immutable form of `REPO`.
   *
   * @default - none; required by `REPOSITORY_OWNER_ID`
   */
  readonly ownerId?: number;

  /**
   * The repository's numeric id, for `REPOSITORY_ID` and the immutable form of `REPO`.
   *
   * @default - none; required by `REPOSITORY_ID`
   */
  readonly repositoryId?: number;

  /**
   * Which form of the `repo` part the role accepts (GitHub always writes the ids into it
   * for repositories with immutable subjects, even in a customized subject).
   *
   * @default - `LEGACY_AND_IMMUTABLE` when `ownerId` and `repositoryId` are given, otherwise `LEGACY`
   */
  readonly subjectFormat?: GitHubSubjectFormat;

  /**
   * Whether `ownerId` and `repositoryId`, when the template uses them, are also required as the
   * condition keys `repository_owner_id` and `repository_id`, as `GitHubRepository` does: then a
   * recycled owner or repository name cannot match, even in the legacy `repo` form.
   *
   * IAM receives those keys only from github.com's issuer and its enterprise-slug form (AWS STS,
   * 2026-01); requiring them for another issuer is a synthesis error. Set `false` there: the ids
   * then serve only in the subject.
   *
   * @default true
   */
  readonly pinIds?: boolean;

  /**
   * A branch's short name, for `CONTEXT` (when no environment is given), `REF` and `REF_TYPE`.
   *
   * @default - none
   */
  readonly branch?: string;

  /**
   * A tag's short name, for `CONTEXT` (when no environment is given), `REF` and `REF_TYPE`.
   *
   * @default - none
   */
  readonly tag?: string;

  /**
   * An environment's name, for `ENVIRONMENT` and `CONTEXT` (a job that names an environment
   * has `environment:<name>` as its context). `:` is written `%3A`, as GitHub does.
   *
   * @default - none
   */
  readonly environment?: string;

  /**
   * Whether the context is `pull_request` (runs of `pull_request` and `pull_request_target` events).
   *
   * @default false
   */
  readonly pullRequest?: boolean;

  /**
   * The reusable workflow, for `JOB_WORKFLOW_REF`: `<owner>/<repository>/.github/workflows/<file>.yml@<ref>`,
   * where `<ref>` is `refs/heads/<branch>`, `refs/tags/<tag>` or a full commit SHA.
   *
   * @default - none; required by `JOB_WORKFLOW_REF`
   */
  readonly jobWorkflowRef?: string;

  /**
   * The caller's workflow file, for `WORKFLOW_REF`, in the same form as `jobWorkflowRef`.
   *
   * @default - none; required by `WORKFLOW_REF`
   */
  readonly workflowRef?: string;

  /**
   * The workflow's name, for `WORKFLOW`.
   *
   * @default - none; required by `WORKFLOW`
   */
  readonly workflow?: string;

  /**
   * The repository's visibility, for `REPOSITORY_VISIBILITY`: `public`, `private` or `internal`.
   *
   * @default - none; required by `REPOSITORY_VISIBILITY`
   */
  readonly visibility?: string;

  /**
   * The triggering event, for `EVENT_NAME`, e.g. `push` or `workflow_dispatch`.
   *
   * @default - none; required by `EVENT_NAME`
   */
  readonly eventName?: string;

  /**
   * The runner type, for `RUNNER_ENVIRONMENT`: `github-hosted` or `self-hosted`.
   *
   * @default - none; required by `RUNNER_ENVIRONMENT`
   */
  readonly runnerEnvironment?: string;

  /**
   * The enterprise's slug, for `ENTERPRISE`.
   *
   * @default - none; required by `ENTERPRISE`
   */
  readonly enterprise?: string;

  /**
   * The enterprise's numeric id, for `ENTERPRISE_ID`.
   *
   * @default - none; required by `ENTERPRISE_ID`
   */
  readonly enterpriseId?: number;
}
