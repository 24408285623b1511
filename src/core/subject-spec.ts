import { CiPlatform } from './ci-platform';
import { CiSubjectKind } from './ci-subject-kind';
import { FindingIdValue } from './finding-id';

/** A claim, besides `sub`, that a subject requires with `StringEquals`. */
export interface ClaimPin {
  /** The claim name, e.g. `repository_id`; the condition key is `<issuer>:<claim>`. */
  readonly claim: string;
  readonly value: string;
  /** What to do when the issuer does not pass this claim to IAM (for an optional pin: the warning). */
  readonly whenUnsupported: string;
  /**
   * Pinned only where the issuer passes the claim; elsewhere the `sub` alone decides and the
   * role warns with `whenUnsupported`. A required pin on such an issuer is a synthesis error.
   */
  readonly optional?: boolean;
}

/** A legal but risky choice, reported as an acknowledgeable warning. */
export interface SubjectRisk {
  /** Stable id for `Annotations.acknowledgeWarning`. */
  readonly id: FindingIdValue;
  readonly message: string;
}

/**
 * What kind of job a subject stands for, set by the builder that knows it (never re-read from
 * the `sub` text): the pipeline job declares the environment by this name.
 */
export interface SubjectContext {
  /** The enum member or its value (`'branch'`, `'anyRef'` ...): both are the same string at run time. */
  readonly kind: CiSubjectKind | `${CiSubjectKind}`;
  /** The branch, tag or environment name as the job declares it (`prod:eu`, not `prod%3Aeu`), when there is exactly one. */
  readonly name?: string;
  /** The branch or tag name pattern (IAM `*` and `?`) the builder was given, e.g. `release/*`. */
  readonly pattern?: string;
}

/** What a subject is made of; built by the platforms' subject factories. */
export interface SubjectSpec {
  readonly platform: CiPlatform;
  /** The accepted `sub` values: one, or two when a repository has a legacy and an immutable form. */
  readonly claims: string[];
  readonly pattern: boolean;
  readonly pins: ClaimPin[];
  readonly description: string;
  readonly risks: SubjectRisk[];
  readonly context: SubjectContext;
}

/** Copies a spec so that no caller can change a subject after it was validated. */
export function freezeSpec(spec: SubjectSpec): SubjectSpec {
  return Object.freeze({
    ...spec,
    claims: Object.freeze([...spec.claims]) as string[],
    pins: Object.freeze(spec.pins.map((pin) => Object.freeze({ ...pin }))) as ClaimPin[],
    risks: Object.freeze(spec.risks.map((risk) => Object.freeze({ ...risk }))) as SubjectRisk[],
    context: Object.freeze({ ...spec.context }),
  });
}
