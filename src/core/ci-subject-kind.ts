/**
 * What kind of job a subject stands for, as the builder that made it knows it.
 *
 * Set by the subject factories (never re-read from the `sub` text), so that a pipeline job
 * can declare the branch, tag or environment the trust expects.
 */
export enum CiSubjectKind {
  /** Jobs of one branch, or of the branches a name pattern matches. */
  BRANCH = 'branch',
  /** Jobs of one tag, or of the tags a name pattern matches. */
  TAG = 'tag',
  /** Jobs that declare one deployment environment (or an environment pattern). */
  ENVIRONMENT = 'environment',
  /** Jobs that run for a pull request or merge request. */
  PULL_REQUEST = 'pullRequest',
  /** Jobs of any branch or tag. */
  ANY_REF = 'anyRef',
  /** Any other subject, e.g. a raw claim whose kind is not certain or a customized template without a ref. */
  OTHER = 'other',
}
