/*
 * What a Buildkite `sub` value admits, decided by what it matches (IAM StringLike) over the whole
 * family of job tokens of each kind (any branch, any tag, any pipeline of the organization), rather
 * than by how it is spelled. The subject builders' warnings and the audit's findings both come
 * from here. Plain JSON logic, no aws-cdk-lib.
 */
import { SLUG } from './buildkite-names';
import { BoundedCache } from '../../../core/bounded-cache';
import { ClaimShape, matchesEvery, matchesSome, oneOrMore, ShapePart, text } from '../../../core/claim-shapes';
import { nameWildcardProblem } from '../../../core/name-wildcards';

/** A ref name: git forbids ':' in it. */
const REF_NAME = oneOrMore(':');
const SLUG_PART = oneOrMore(':');
/** A commit SHA, then a step key (which may hold anything). */
const JOB_TAIL: ShapePart[] = [text(':commit:'), oneOrMore(':'), text(':step:'), oneOrMore('')];
const WILDCARD = /[*?]/;

/** How much of a kind of job a subject admits. */
export type Coverage = 'none' | 'some' | 'every';

/** A Buildkite `sub` value, read. */
export interface BuildkiteReading {
  /** The organization slug the value names literally; undefined when it does not (a problem). */
  readonly organization?: string;
  /** Why the value does not fix its organization, the tenancy of the shared issuer. */
  readonly problem?: string;
  /** The one pipeline it names literally, if any. */
  readonly pipeline?: string;
  /** Whether it admits every pipeline of the organization (for some ref). */
  readonly everyPipeline: boolean;
  readonly branch: Coverage;
  readonly tag: Coverage;
}

/**
 * Readings already made: a pure function of the value and the flag, asked for by the subject
 * builder and again by the audit's reading that the role runs over its subjects.
 */
const READINGS = new BoundedCache<BuildkiteReading>(10_000);

/** Reads a `sub` value of Buildkite, exact (`pattern: false`) or an IAM pattern. */
export function readBuildkiteSubject(value: string, pattern: boolean): BuildkiteReading {
  return READINGS.get(`${pattern}:${value}`, () => readUncached(value, pattern));
}

function readUncached(value: string, pattern: boolean): BuildkiteReading {
  const none = { everyPipeline: false, branch: 'none' as Coverage, tag: 'none' as Coverage };
  if (!value.startsWith('organization:')) {
    return { ...none, problem: "it does not start with 'organization:', as every Buildkite subject does" };
  }
  const organization = value.split(':')[1];
  const rest = value.slice(`organization:${organization}`.length);
  if ((pattern && WILDCARD.test(organization)) || !SLUG.test(organization) || !rest.startsWith(':')) {
    return {
      ...none,
      problem: "it names no complete literal organization slug followed by ':', so it matches the jobs of other organizations on the shared issuer " +
        "(IAM's identity-provider controls require the organization for it)",
    };
  }
  const parts = value.split(':');
  const pipeline = parts[2] === 'pipeline' && parts[3] !== undefined && !(pattern && WILDCARD.test(parts[3])) ? parts[3] : undefined;
  const scope = (slug: ShapePart): ShapePart[] => [text(`organization:${organization}:pipeline:`), slug];
  const shape = (slug: ShapePart, ref: string): ClaimShape => [...scope(slug), text(`:ref:${ref}`), REF_NAME, ...JOB_TAIL];
  const own = pipeline === undefined ? SLUG_PART : text(pipeline);
  // A literal slug is followed by ':', which no slug holds: every claim the value matches is of that pipeline, so
  // the search runs under its own slug (a shorter one). An empty slug names no pipeline: any pipeline's shape, as before.
  const anyOf = pipeline === undefined || pipeline === '' ? SLUG_PART : own;
  const coverage = (ref: string): Coverage => {
    if (matchesEvery(value, pattern, shape(own, ref))) {
      return 'every';
    }
    return matchesSome(value, pattern, shape(anyOf, ref)) ? 'some' : 'none';
  };
  const problem = pattern ? nameWildcardProblem(value, ['pipeline'], ['ref']) : undefined;
  if (problem !== undefined) {
    return { ...none, organization, problem };
  }
  // Wildcards stand for whole names only (nameWildcardProblem): a pipeline that is not literal is any pipeline.
  return { organization, pipeline, everyPipeline: pipeline === undefined, branch: coverage('refs/heads/'), tag: coverage('refs/tags/') };
}
