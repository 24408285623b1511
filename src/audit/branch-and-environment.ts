/*
 * One role that trusts both branch (or tag) jobs and environment jobs of the same repository: the
 * branch jobs never wait for the environment's reviewers, so the environment's protection rules
 * protect nothing. Shared by the audit (hand-written roles) and CiDeployRole.
 */
import { identityScope } from './identity-keys';
import { branchAndEnvironmentRisk, ContextRisk } from './subject-contexts';
import { readSubject } from './subject-reading';
import { BoundedCache } from '../core/bounded-cache';
import { globMatches } from '../core/claim-shapes';

/** A `sub` value of a role, and whether IAM compares it as a pattern. */
export interface RoleSubjectValue {
  readonly value: string;
  readonly pattern: boolean;
}

/** A branch (or tag) subject and an environment subject of one repository, and the warning for them. */
export interface BranchAndEnvironment {
  readonly branch: string;
  readonly environment: string;
  readonly risk: ContextRisk;
}

/** What the pair check needs of one value. */
interface PairingFacts {
  readonly value: string;
  readonly scope?: string;
  readonly refs: boolean;
  readonly environment: boolean;
  readonly label: string;
}

/**
 * Facts already worked out, by pattern flag and value: a pure function of both, and CiDeployRole
 * checks all its subjects again on every `addSubject()`.
 */
const FACTS = new BoundedCache<PairingFacts>(10_000);

/** The first pair of subjects (distinct values) that trust a branch or tag and an environment of one repository, if any. */
export function branchAndEnvironment(values: RoleSubjectValue[]): BranchAndEnvironment | undefined {
  if (values.length < 2) {
    // A pair needs two distinct values: nothing to read (CiDeployRole asks on every subject, its first included).
    return undefined;
  }
  const read = values.map(({ value, pattern }) => FACTS.get(`${pattern}:${value}`, () => pairingFacts(value, pattern)));
  for (const branch of read.filter((r) => r.refs && r.scope !== undefined)) {
    for (const environment of read.filter((r) => r.environment && r.scope !== undefined && r.value !== branch.value)) {
      // A whole-owner subject ('repo:acme/*') covers every repository of the owner.
      if (globMatches(environment.scope!, branch.scope!) || globMatches(branch.scope!, environment.scope!)) {
        return { branch: branch.value, environment: environment.value, risk: branchAndEnvironmentRisk(branch.label) };
      }
    }
  }
  return undefined;
}

function pairingFacts(value: string, pattern: boolean): PairingFacts {
  const reading = readSubject(value, pattern);
  const contexts = reading.contexts;
  const scope = reading.scopeProblem ? undefined : identityScope(value);
  return {
    value,
    // Immutable and legacy forms name the same repository: compare without the ids.
    scope: scope === undefined ? undefined : `${scope.key}:${scope.value.split('/').map((part) => part.replace(/@\d+$/, '')).join('/')}`,
    refs: contexts !== undefined && (contexts.branch !== 'none' || contexts.tag !== 'none'),
    environment: contexts !== undefined && contexts.environment !== 'none',
    label: reading.description.split(', ')[0],
  };
}
