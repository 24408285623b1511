import { ClaimPin, SubjectRisk } from '../../../core/subject-spec';

/** What the factories of a scope fill in: the `repo:` prefixes, the pins and plain words. */
export interface GitHubScopeParts {
  /** The fixed start of every accepted `sub`, up to and including the `:` before the context. */
  readonly prefixes: string[];
  readonly pins: ClaimPin[];
  /** e.g. `acme/api` or `every repository of acme` */
  readonly label: string;
  /** Risks that every subject of this scope carries (e.g. a whole owner). */
  readonly risks: SubjectRisk[];
  /** Property name in errors, e.g. `GitHubRepository(acme/api)`. */
  readonly source: string;
}
