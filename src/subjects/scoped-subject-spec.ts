import { hasWildcard } from './literal-part';
import { classifiedRisks } from './subject-classification';
import { CiPlatform } from '../core/ci-platform';
import { ClaimPin, SubjectContext, SubjectRisk, SubjectSpec } from '../core/subject-spec';

/** What a repository, owner, project or group scope gives each of its subjects. */
export interface SubjectScope {
  /** The fixed starts of the accepted `sub` values (one per subject form), before the job's part. */
  readonly prefixes: string[];
  readonly pins: ClaimPin[];
  /** e.g. `acme/api` or `every repository of acme`. */
  readonly label: string;
  /** Risks that every subject of the scope carries (e.g. a whole owner or group). */
  readonly risks: SubjectRisk[];
}

/** What one factory of a scope (`branch`, `tag`, `environment` ...) adds to the scope's parts. */
export interface ScopedSubject {
  /** The job's part of the `sub`, after the scope's prefix, e.g. `ref:refs/heads/main`. */
  readonly claimSuffix: string;
  /** The job in plain words, e.g. `branch main`. */
  readonly words: string;
  /** Whether the job's part is a pattern (the scope's prefix may be one too). */
  readonly pattern: boolean;
  readonly risks: SubjectRisk[];
  readonly pins: ClaimPin[];
  readonly context: SubjectContext;
}

/**
 * The spec of a subject that a scope's typed factory built: the factory's own warnings, then
 * what the guard would find besides them (the audit's reading decides by what the claims match).
 */
export function scopedSubjectSpec(platform: CiPlatform, scope: SubjectScope, subject: ScopedSubject): SubjectSpec {
  const claims = scope.prefixes.map((prefix) => `${prefix}${subject.claimSuffix}`);
  const pattern = subject.pattern || scope.prefixes.some(hasWildcard);
  const own = [...scope.risks, ...subject.risks];
  return {
    platform,
    claims,
    pattern,
    pins: [...scope.pins, ...subject.pins],
    description: `${scope.label}, ${subject.words}`,
    risks: [...own, ...classifiedRisks(claims, pattern, own)],
    context: subject.context,
  };
}
