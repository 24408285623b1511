/**
 * Which form of GitHub's `sub` claim a role accepts.
 *
 * Repositories created, renamed or transferred on or after 2026-07-15, and those whose
 * owner opted in, get an immutable subject, `repo:OWNER@OWNER_ID/REPO@REPO_ID:<context>`,
 * which a recycled name cannot match; the others keep `repo:OWNER/REPO:<context>`.
 * A repository changes form when it is renamed or transferred, so a role that accepts
 * both keeps working through the change.
 */
export enum GitHubSubjectFormat {
  /** Only `repo:OWNER/REPO:<context>`. */
  LEGACY = 'LEGACY',
  /** Only `repo:OWNER@OWNER_ID/REPO@REPO_ID:<context>`; needs the ids. */
  IMMUTABLE = 'IMMUTABLE',
  /** Either form; needs the ids. */
  LEGACY_AND_IMMUTABLE = 'LEGACY_AND_IMMUTABLE',
}
