import { ClaimPin, SubjectRisk } from '../../../core/subject-spec';

/** What the factories of a GitLab scope fill in: the `sub` prefix, the pins and plain words. */
export interface GitLabScopeParts {
  /**
   * The fixed start of every accepted `sub`, up to and including the `:` before
   * `ref_type`, e.g. `project_path:acme/api:` or `project_path:acme/*:`.
   */
  readonly prefix: string;
  readonly pins: ClaimPin[];
  /** e.g. `acme/api` or `every project of acme`. */
  readonly label: string;
  /** Risks that every subject of this scope carries (e.g. a whole group). */
  readonly risks: SubjectRisk[];
  /** Property name in errors, e.g. `GitLabProject.of('acme/api')`. */
  readonly source: string;
}
