/*
 * What the audit reads out of one `sub` value: what it admits in plain words, what kind of job it
 * stands for, and its risks. The shapes only; each platform's facts say how to read its own forms
 * (src/platforms/<platform>/facts/) and src/audit/subject-reading.ts reads a value with them.
 */
import { FindingIdValue } from './finding-id';

/** How much of a kind of job a subject admits. */
export type Coverage = 'none' | 'some' | 'every';

/** The jobs of the named repository or project (or of every one of its owner or group) that a subject admits. */
export interface ContextMatch {
  readonly branch: Coverage;
  readonly tag: Coverage;
  readonly environment: Coverage;
  readonly pullRequest: boolean;
  /** Whether it matches every job: whatever follows the repository or project. */
  readonly anyJob: boolean;
  /** The environment's name as the token writes it, when the subject admits environment jobs of one literal name only. */
  readonly environmentName?: string;
  /** A token `sub` of an environment job that the subject admits, when it admits environments by a pattern. */
  readonly environmentExample?: string;
}

/** What a subject is, for the admin check and the report: `environment` only for one literal environment. */
export type ContextKind = 'branch' | 'tag' | 'environment' | 'environmentPattern' | 'pullRequest' | 'anyRef' | 'anyJob' | 'other';

/**
 * What kind of job a subject admits, decided by what it matches: `environment` only for one
 * literal environment name (environment patterns are `environmentPattern`, never environment-gated).
 */
export type SubjectKind = ContextKind;

/** A legal but risky subject, reported as a warning: the builders' and the audit's shared words. */
export interface SubjectRiskReading {
  readonly id: FindingIdValue;
  readonly message: string;
  readonly fix: string;
}

/** A risk in the builders' and the audit's shared words. */
export type ContextRisk = SubjectRiskReading;

/** Why a value's owner, repository, group or project is not fixed, and what to write instead. */
export interface IdentityProblem {
  readonly why: string;
  readonly fix: string;
}

/** One `sub` value, read. */
export interface SubjectReading {
  readonly value: string;
  /** Whether the value is compared as an IAM pattern (`StringLike`). */
  readonly pattern: boolean;
  /** In plain words, e.g. `acme/api, branch main`. */
  readonly description: string;
  readonly kind: SubjectKind;
  /** Why the owner, repository, group or project is not fixed (an error), and the fix. */
  readonly scopeProblem?: IdentityProblem;
  /** Why the audit cannot tell what the value admits. */
  readonly unrecognized?: string;
  readonly risks: SubjectRiskReading[];
  /** The jobs it admits of the repository or project it names, when its first key names one. */
  readonly contexts?: ContextMatch;
  /**
   * Whether it admits only jobs that a gate outside the job's code stands before, as a protected
   * environment does: HCP Terraform's apply phase, which a run reaches only after its plan and the
   * workspace's apply rules, and never for a speculative plan of a pull request.
   */
  readonly gated?: boolean;
}

/** A reading of a value whose owner, repository, group or project is not fixed: an error. */
export function scopeProblemReading(value: string, pattern: boolean, why: string, fix: string): SubjectReading {
  return { value, pattern, kind: 'other', description: `sub ${value}`, scopeProblem: { why, fix }, risks: [] };
}

/** A reading of a value the audit cannot tell the jobs of: a warning. */
export function unrecognizedReading(value: string, pattern: boolean, why: string): SubjectReading {
  return { value, pattern, kind: 'other', description: `sub ${value}`, unrecognized: why, risks: [] };
}

