import { GitHubSubjectFormat } from './github-subject-format';

/**
 * How a GitHub scope uses numeric ids.
 */
export interface GitHubIdOptions {
  /**
   * The owner's numeric id (`repository_owner_id` claim).
   *
   * Pinned with `StringEquals` on `<issuer>:repository_owner_id` (see `pinIds`) and used in
   * the immutable subject form, so that a deleted and re-registered owner name cannot match.
   *
   * @default - no owner id: the name alone identifies the owner
   */
  readonly ownerId?: number;

  /**
   * Which form of the `sub` claim roles accept.
   *
   * @default - `LEGACY_AND_IMMUTABLE` when the ids the immutable form needs are given, otherwise `LEGACY`
   */
  readonly subjectFormat?: GitHubSubjectFormat;

  /**
   * Whether the given ids are also required as condition keys (`repository_owner_id`,
   * `repository_id`), in addition to `sub`.
   *
   * IAM receives those keys only from github.com's issuer and its enterprise-slug form
   * (AWS STS, 2026-01); a role that requires a key IAM never receives is unusable, so
   * pinning ids for another issuer is a synthesis error. Set `false` there: the ids then
   * serve only in the immutable subject form.
   *
   * @default true
   */
  readonly pinIds?: boolean;
}
