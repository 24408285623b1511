import { hasWildcard, invalid } from './literal-part';
import { readSubject } from '../audit/subject-reading';
import { CiSubjectKind } from '../core/ci-subject-kind';
import { SubjectContext, SubjectRisk } from '../core/subject-spec';

/*
 * The subject builders ask the audit's reading (CDK-free, shared with CiTrustGuard and the report)
 * what a subject admits, so that a builder never accepts what the guard calls an error and a
 * subject carries the warnings the guard would give it.
 */

/** Throws when the shared reading finds that a claim does not fix its repository, owner, group or project. */
export function checkClaimScope(property: string, claim: string, pattern: boolean): void {
  const reading = readSubject(claim, pattern);
  if (reading.scopeProblem) {
    throw invalid(property, claim, `it ${reading.scopeProblem.why}`, reading.scopeProblem.fix);
  }
}

/** The risks the shared reading finds in the claims, except those whose id `known` already has. */
export function classifiedRisks(claims: string[], pattern: boolean, known: SubjectRisk[]): SubjectRisk[] {
  const risks = [...known];
  for (const claim of claims) {
    for (const risk of readSubject(claim, pattern).risks) {
      if (!risks.some((other) => other.id === risk.id)) {
        risks.push({ id: risk.id, message: risk.message });
      }
    }
  }
  return risks.slice(known.length);
}

/** What a raw claim is, read by the shared reading: the environment's name only when the job's declaration is certain. */
export function claimContext(claim: string, pattern: boolean): SubjectContext {
  const reading = readSubject(claim, pattern);
  const name = reading.contexts?.environmentName;
  if (reading.kind === 'environment') {
    // '%3A' is ':' or a literal '%3A' (GitHub encodes ':' only): the job's declaration is not certain.
    return name !== undefined && !name.includes('%') ? { kind: CiSubjectKind.ENVIRONMENT, name } : { kind: CiSubjectKind.ENVIRONMENT };
  }
  const kinds: Record<string, CiSubjectKind> = {
    branch: CiSubjectKind.BRANCH, tag: CiSubjectKind.TAG, pullRequest: CiSubjectKind.PULL_REQUEST, anyRef: CiSubjectKind.ANY_REF,
  };
  return { kind: kinds[reading.kind] ?? CiSubjectKind.OTHER };
}

/** A branch or tag context: the name when it is literal, else the pattern. */
export function refContext(kind: CiSubjectKind.BRANCH | CiSubjectKind.TAG | 'branch' | 'tag', name: string): SubjectContext {
  return hasWildcard(name) ? { kind, pattern: name } : { kind, name };
}
