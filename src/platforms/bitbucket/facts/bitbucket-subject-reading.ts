import { ANY_BITBUCKET_UUID, BITBUCKET_UUID } from './bitbucket-facts';
import { FindingIdValue } from '../../../core/finding-id';
import { ReadingWarning } from '../../../core/finding-texts';
import { scopeProblemReading, SubjectKind, SubjectReading, unrecognizedReading } from '../../../core/subject-reading';

/*
 * How a Bitbucket `sub` value reads, for the raw subjects (`BitbucketSubject.fromClaim`) and the audit:
 * `{repository}[{environment}]:{step}`, the UUIDs lowercase in braces. A wildcard may only stand for the
 * step (which changes with every run): as `{????????-????-????-????-????????????}`, exactly one UUID, or
 * as a final `*`. Never in the repository or environment UUID, where it would match others' UUIDs.
 */

/** What kind of step a Bitbucket subject admits. */
export type BitbucketSubjectKind = 'environment' | 'anyStep' | 'oneStep';

/** A legal but risky Bitbucket subject. */
export interface BitbucketRisk {
  readonly id: FindingIdValue;
  readonly message: string;
  readonly fix: string;
}

/** A Bitbucket `sub` value, read. */
export interface BitbucketSubjectReading {
  readonly repositoryUuid: string;
  readonly environmentUuid?: string;
  readonly kind: BitbucketSubjectKind;
  readonly description: string;
  readonly risks: BitbucketRisk[];
}

/** Why a value is not a Bitbucket subject this library reads, and the form to use. */
export interface BitbucketSubjectProblem {
  readonly why: string;
  readonly fix: string;
}

const FIX = "a Bitbucket subject such as '{<repository UUID>}{<environment UUID>}:{????????-????-????-????-????????????}' " +
  "(BitbucketRepository.of('<repository UUID>').environment('<environment UUID>') builds it)";
const UUID = '\\{[^{}]*\\}';

/** Reads a Bitbucket `sub` value: its parts and risks, or the problem that makes it unusable. */
export function readBitbucketSubject(value: string, pattern: boolean): BitbucketSubjectReading | BitbucketSubjectProblem {
  const parts = new RegExp(`^(${UUID})(${UUID})?:(.*)$`).exec(value);
  if (!parts) {
    return { why: "is not of Bitbucket's form '{<repository UUID>}[{<environment UUID>}]:{<step UUID>}', braces included", fix: FIX };
  }
  const [, repositoryUuid, environmentUuid, step] = parts;
  for (const [what, uuid] of [['repository', repositoryUuid], ['environment', environmentUuid]] as const) {
    if (uuid !== undefined && !BITBUCKET_UUID.test(uuid)) {
      return { why: `has '${uuid}' as ${what} UUID, which is not a lowercase UUID in braces (a wildcard there matches other ${what === 'repository' ? 'repositories' : 'environments'})`, fix: FIX };
    }
  }
  const anyStep = pattern && (step === '*' || step === ANY_BITBUCKET_UUID);
  if (!anyStep && !BITBUCKET_UUID.test(step)) {
    return { why: `has '${step}' as step, which is neither one step's UUID in braces nor '${ANY_BITBUCKET_UUID}' (any step)`, fix: FIX };
  }
  const repository = `Bitbucket repository ${repositoryUuid}`;
  if (environmentUuid !== undefined) {
    return {
      repositoryUuid,
      environmentUuid,
      kind: anyStep ? 'environment' : 'oneStep',
      description: `${repository}, ${anyStep ? '' : 'one step of '}environment ${environmentUuid}`,
      risks: [],
    };
  }
  if (!anyStep) {
    return { repositoryUuid, kind: 'oneStep', description: `${repository}, step ${step}`, risks: [] };
  }
  return {
    repositoryUuid,
    kind: 'anyStep',
    description: `${repository}, any step without a deployment environment`,
    risks: [ReadingWarning.anyRef(`${repository} (steps without a deployment environment)`, false,
      "Trust a deployment environment (BitbucketRepository.of(...).environment('<environment UUID>')), whose deployment permissions say which branches may deploy.")],
  };
}

/** Whether a reading is a problem. */
export function isBitbucketProblem(reading: BitbucketSubjectReading | BitbucketSubjectProblem): reading is BitbucketSubjectProblem {
  return 'why' in reading;
}

const AUDIT_KINDS: Record<BitbucketSubjectKind, SubjectKind> = { environment: 'environment', anyStep: 'anyRef', oneStep: 'other' };

/**
 * A Bitbucket `sub` value as the audit reads it: a pattern the grammar refuses is an error (its
 * wildcard may stand for another repository or environment), an exact value it refuses matches no token.
 */
export function readBitbucketSubjectForAudit(value: string, pattern: boolean): SubjectReading {
  const reading = readBitbucketSubject(value, pattern);
  if (isBitbucketProblem(reading)) {
    return pattern && /[*?]/.test(value)
      ? scopeProblemReading(value, pattern, reading.why, reading.fix)
      : unrecognizedReading(value, pattern, `${reading.why}, so no Bitbucket token carries it`);
  }
  return { value, pattern, description: reading.description, kind: AUDIT_KINDS[reading.kind], risks: reading.risks };
}
