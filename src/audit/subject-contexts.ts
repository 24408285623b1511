/*
 * Which jobs a subject admits, decided by what it matches rather than by how it is spelled: the
 * value is matched (IAM StringLike semantics) against the whole family of claims of each context
 * the platform presents (any branch, any tag, any environment, pull requests) of the repository or
 * project it names. The subject builders' warnings and the audit's findings both come from here.
 */
import { IdentityScope } from './identity-keys';
import { CiPlatformFacts } from '../core/ci-platform-facts';
import { ClaimShape, matchesEvery, matchesSome, oneOrMore, ShapePart, someMatch, text } from '../core/claim-shapes';
import { ReadingWarning } from '../core/finding-texts';
import { ContextKind, ContextMatch, ContextRisk, Coverage } from '../core/subject-reading';

export type { ContextKind, ContextMatch, ContextRisk, Coverage } from '../core/subject-reading';

const ANYTHING = oneOrMore('');

const WILDCARD = /[*?]/;

/** The claims' start up to the context: the named repository or project, or every one of an owner or group. */
function scopeShape(scope: IdentityScope): ShapePart[] {
  if (scope.whole && /\/\*+$/.test(scope.value)) {
    const fixed = scope.value.replace(/\*+$/, '');
    return [text(`${scope.key}:${fixed}`), scope.platform.subjects.identity.wholeRest, text(':')];
  }
  return [text(`${scope.key}:${scope.value}:`)];
}

/**
 * The jobs a `sub` value admits, for values whose first key names the repository or project
 * (`scope.keyIndex === 0`); undefined otherwise. Patterns must have passed `identityProblem`.
 */
export function matchContexts(value: string, pattern: boolean, scope: IdentityScope): ContextMatch | undefined {
  if (scope.keyIndex !== 0) {
    return undefined;
  }
  const platform = scope.platform.subjects.contexts;
  const start = scopeShape(scope);
  // Keys a customized template adds after the context; only after a literal repository, where no '*' can reach back.
  const extended = start.length === 1;
  const coverage = (shapes: ShapePart[][]): Coverage => {
    if (shapes.length === 0) {
      return 'none';
    }
    if (matchesEvery(value, pattern, [...start, ...shapes[0]])) {
      return 'every';
    }
    const some = shapes.some((shape) => matchesSome(value, pattern, [...start, ...shape])
      || (extended && matchesSome(value, pattern, [...start, ...shape, text(':'), ANYTHING])));
    return some ? 'some' : 'none';
  };
  const environment = coverage(platform.environment);
  const environmentName = environment === 'some' ? literalEnvironment(value, pattern, scope) : undefined;
  const environmentExample = environment !== 'none' && environmentName === undefined
    ? platform.environment.map((shape) => someMatch(value, pattern, [...start, ...shape])).find((claim) => claim !== undefined)
    : undefined;
  return {
    branch: coverage(platform.branch),
    tag: coverage(platform.tag),
    environment,
    pullRequest: coverage(platform.pullRequest) !== 'none',
    anyJob: matchesEvery(value, pattern, [...start, ANYTHING] as ClaimShape),
    environmentName,
    environmentExample,
  };
}

/** The environment name written literally right after the scope (`...:environment:<name>[:...]`), if any. */
function literalEnvironment(value: string, pattern: boolean, scope: IdentityScope): string | undefined {
  const rest = value.split(':').slice(scope.keyIndex + 2).join(':');
  if (!rest.startsWith('environment:')) {
    return undefined;
  }
  const name = rest.slice('environment:'.length).split(':')[0];
  return name.length > 0 && !(pattern && WILDCARD.test(name)) ? name : undefined;
}

/** The kind of job a match stands for, or undefined when it matches no context of the platform's formats. */
export function contextKind(match: ContextMatch, platform: CiPlatformFacts): ContextKind | undefined {
  const refs = match.branch !== 'none' || match.tag !== 'none';
  const kinds = [match.branch !== 'none', match.tag !== 'none', match.environment !== 'none', match.pullRequest].filter(Boolean).length;
  if (kinds === 0) {
    return undefined;
  }
  // Every job: every branch and tag, and every environment and pull request where the platform has them.
  const shapes = platform.subjects.contexts;
  if (match.branch === 'every' && match.tag === 'every' && match.anyJob
    && (shapes.environment.length === 0 || match.environment === 'every') && (shapes.pullRequest.length === 0 || match.pullRequest)) {
    return 'anyJob';
  }
  if (match.branch === 'every' && match.tag === 'every' && kinds === 2) {
    return 'anyRef';
  }
  if (kinds > 1) {
    return 'other';
  }
  if (match.environment !== 'none') {
    return match.environmentName !== undefined ? 'environment' : 'environmentPattern';
  }
  if (match.pullRequest) {
    return 'pullRequest';
  }
  return refs && match.branch !== 'none' ? 'branch' : 'tag';
}

/** The risks of a match, in words for `label` (e.g. `acme/api`). */
export function contextRisks(match: ContextMatch, label: string, platform: CiPlatformFacts): ContextRisk[] {
  const risks: ContextRisk[] = [];
  const texts = platform.findings;
  if (match.branch === 'every' && match.tag === 'every') {
    risks.push(ReadingWarning.anyRef(label, match.anyJob, texts.anyRefFix));
  } else {
    for (const kind of ['branch', 'tag'] as const) {
      if (match[kind] === 'every') {
        risks.push(ReadingWarning.everyRef(label, kind, texts.everyRefFix(kind)));
      }
    }
    if (match.branch !== 'none' && match.tag !== 'none') {
      risks.push(ReadingWarning.refTypeNotFixed(label, texts.refTypeFix));
    }
  }
  // Every job: the any-ref warning says so; the environment and pull request findings below would repeat it.
  if (match.anyJob) {
    return match.pullRequest ? [...risks, ReadingWarning.pullRequest(label)] : risks;
  }
  // With pull requests admitted, any writer is in already: an environment pattern adds no one (e.g. 'repo:acme/*:pull_request',
  // whose '*' also spans 'x:environment', so it matches an environment named 'pull_request').
  if (match.environment !== 'none' && match.environmentName === undefined && !match.pullRequest) {
    risks.push(ReadingWarning.environmentPattern(label, match.environmentExample, texts.environmentPatternFix ?? ''));
  }
  if (match.pullRequest) {
    risks.push(ReadingWarning.pullRequest(label));
  }
  if ((match.branch !== 'none' || match.tag !== 'none') && match.environment !== 'none') {
    risks.push(branchAndEnvironmentRisk(label));
  }
  return risks;
}

/** The warning for trusting branches (or tags) and environments of one repository at once. */
export function branchAndEnvironmentRisk(label: string): ContextRisk {
  return ReadingWarning.branchAndEnvironment(label);
}
