/**
 * Which form of GitLab's `sub` claim a project's ID tokens carry.
 *
 * A project chooses it with its `ci_id_token_sub_claim_components` setting (projects API,
 * Maintainer role). The default, `["project_path", "ref_type", "ref"]`, gives
 * `project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>`;
 * `["project_id", "ref_type", "ref"]` gives `project_id:<id>:ref_type:<branch|tag>:ref:<name>`,
 * which survives renames and transfers, and is GitLab's fix when it refuses to issue tokens
 * for a path that another project used before. Other component lists are not covered by
 * the typed factories: use `GitLabSubject.fromClaim()`.
 *
 * A project that switches form can be trusted in both forms during the change: add a
 * subject of each form to the role.
 *
 * @see https://docs.gitlab.com/ci/secrets/id_token_authentication/#error-id-token-issuance-is-disabled
 */
export enum GitLabSubjectFormat {
  /** `project_path:<group>/<project>:ref_type:<type>:ref:<name>`, GitLab's default. */
  PROJECT_PATH = 'PROJECT_PATH',
  /** `project_id:<id>:ref_type:<type>:ref:<name>`; needs the project's id. */
  PROJECT_ID = 'PROJECT_ID',
}
