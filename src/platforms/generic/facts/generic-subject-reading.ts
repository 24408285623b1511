/*
 * How the audit reads a `sub` value of a generic issuer: an exact value names one token's `sub`; a
 * pattern is held to the rule of `GenericSubject.pattern` and warned, as the library knows no grammar
 * of these issuers. CDK-free.
 */
import { genericPatternProblem } from './generic-subject-rules';
import { FindingId } from '../../../core/finding-id';
import { scopeProblemReading, SubjectReading } from '../../../core/subject-reading';

const PATTERN_FIX = "Fix at least two complete parts before the first wildcard, and start the wildcard after ':' or '/', e.g. 'space:prod:stack:network:*'";

/** The reading of a value of a statement that trusts a generic issuer. */
export function readGenericSubject(value: string, pattern: boolean): SubjectReading {
  if (!pattern || !/[*?]/.test(value)) {
    return { value, pattern, kind: 'other', description: `sub ${value}`, risks: [] };
  }
  const problem = genericPatternProblem(value);
  if (problem !== undefined) {
    return scopeProblemReading(value, pattern, problem, PATTERN_FIX);
  }
  return {
    value,
    pattern,
    kind: 'other',
    description: `sub ${value}`,
    risks: [{
      id: FindingId.RAW_PATTERN,
      message: `The subject '${value}' is a pattern of an issuer whose 'sub' grammar the library does not know.`,
      fix: "Check in the issuer's documentation what the pattern matches, or trust exact subjects.",
    }],
  };
}
