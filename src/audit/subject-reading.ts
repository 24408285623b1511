/*
 * Reads a `sub` value of a CI token back into what it admits: the platform's default format (each
 * platform's `CiSubjectFacts`: prefixes, contexts, words), a customized template, or a custom
 * subject. Shared by the audit (guard, report, explain) and the subject builders.
 */
import { identityProblem, identityScope, IdentityScope } from './identity-keys';
import { contextKind, contextRisks, matchContexts } from './subject-contexts';
import { BoundedCache } from '../core/bounded-cache';
import { CiPlatformFacts, CiSubjectForm } from '../core/ci-platform-facts';
import { scopeProblemReading, SubjectReading, SubjectRiskReading, unrecognizedReading } from '../core/subject-reading';
import { CI_PLATFORMS, FORMATTED_PLATFORMS, platformOfSubject } from '../platforms/registry';

export { globMatches } from '../core/claim-shapes';
export type { SubjectKind, SubjectReading, SubjectRiskReading } from '../core/subject-reading';

const WILDCARD = /[*?]/;

/**
 * Readings already made, by pattern flag and value. Reading is a pure function of both, and a
 * role re-reads all its subjects on every `addSubject()` (the branch-and-environment check):
 * without this, a role of 80 subjects spends seconds reading the same values again.
 */
const READINGS = new BoundedCache<SubjectReading>(10_000);

/**
 * Reads a `sub` value of a CI token: a platform's default format (GitHub's `repo:<owner>/<repo>:<context>`,
 * GitLab's `project_path:<path>:<context>` ...), a customized template, anything else as a custom subject;
 * or, given the platform whose issuer the statement trusts, with that platform's own reader (`CiSubjectFacts.read`).
 */
export function readSubject(value: string, pattern: boolean, platform?: CiPlatformFacts): SubjectReading {
  // A platform of its own grammar reads its values itself: its issuer says the value is of that grammar.
  const own = platform?.subjects.read;
  const key = own === undefined ? `${pattern}:${value}` : `${platform!.id}:${pattern}:${value}`;
  return READINGS.get(key, () => own?.(value, pattern) ?? readUncached(value, pattern));
}

function readUncached(value: string, pattern: boolean): SubjectReading {
  const platform = platformOfSubject(value);
  // A platform whose grammar the shared reading does not fit reads its values itself, identity rule included.
  const own = platform?.subjects.read?.(value, pattern);
  if (own !== undefined) {
    return own;
  }
  const wrong = identityProblem(value, pattern);
  if (wrong) {
    return scopeProblemReading(value, pattern, wrong.why, wrong.fix);
  }
  if (platform !== undefined) {
    return readDefault(value, pattern, platform, platform.subjects.forms.find((form) => value.startsWith(form.prefix))!);
  }
  const identity = pattern ? identityScope(value) : undefined;
  if (identity?.keyIndex === 0) {
    return readKeyed(value, identity);
  }
  return (pattern ? undefined : readTemplate(value)) ?? readCustom(value, pattern);
}

/** An exact subject of some platform's customized template, if one reads it. */
function readTemplate(value: string): SubjectReading | undefined {
  for (const platform of CI_PLATFORMS) {
    const reading = platform.subjects.readTemplate?.(value);
    if (reading !== undefined) {
      return reading;
    }
  }
  return undefined;
}

/** A pattern of a customized template whose first key names the repository, owner, project or group (`repository_owner:acme:*`). */
function readKeyed(value: string, identity: IdentityScope): SubjectReading {
  const platform = identity.platform;
  const whole = identity.whole;
  const label = whole ? `every ${platform.subjects.identity.noun} of ${whole.name}` : `${identity.key} ${identity.value}`;
  const risks: SubjectRiskReading[] = whole ? [platform.findings.templateWholeRisk(whole.name)] : [];
  const context = value.split(':').slice(2).join(':');
  return readContext(value, true, label, context, platform, identity, risks);
}

/** A value of one of the platform's default-format prefixes. */
function readDefault(value: string, pattern: boolean, platform: CiPlatformFacts, form: CiSubjectForm): SubjectReading {
  const rest = value.slice(form.prefix.length);
  const colon = rest.indexOf(':');
  const scope = colon === -1 ? rest : rest.slice(0, colon);
  const identity = identityScope(value);
  if (pattern && identity?.whole) {
    // identityProblem allows a wildcard here only as the whole repository or project name after the owner's or group's '/'.
    const name = identity.whole.name;
    const context = colon === -1 ? '*' : rest.slice(colon + 1);
    return readContext(value, pattern, `every ${platform.subjects.identity.noun} of ${name}`, context, platform, identity, [platform.findings.wholeRisk(name)]);
  }
  const label = form.label(scope);
  if (label === undefined || colon === -1 || identity === undefined) {
    return (pattern ? undefined : platform.subjects.readTemplate?.(value)) ?? unrecognizedReading(value, pattern, form.malformed);
  }
  if (!pattern && WILDCARD.test(scope)) {
    return unrecognizedReading(value, pattern, "has '*' or '?' under StringEquals, which compares them literally, so it matches no token");
  }
  return readContext(value, pattern, label, rest.slice(colon + 1), platform, identity, []);
}

/** A subject of a custom template (e.g. GitHub's `repository_owner:acme:...`): only its first value is checked. */
function readCustom(value: string, pattern: boolean): SubjectReading {
  const wildcard = pattern ? value.search(WILDCARD) : -1;
  if (wildcard !== -1 && !/^[^:*?]+:[^:/*?]+[:/]/.test(value.slice(0, wildcard))) {
    return scopeProblemReading(value, pattern, 'has a wildcard before its first value is complete, so it matches the subjects of other owners, ' +
      'repositories or projects, or of every one', `Start it with a complete owner and repository, e.g. '${CI_PLATFORMS[0].subjects.identity.scopeExample}'`);
  }
  return unrecognizedReading(value, pattern, `is not in the default subject format of ${defaultFormats()}, so the audit cannot tell which jobs it admits`);
}

/** `GitHub ('repo:...') or GitLab ('project_path:...', 'project_id:...')`. */
function defaultFormats(): string {
  const formats = FORMATTED_PLATFORMS.map((p) => `${p.name} (${p.subjects.forms.map((form) => `'${form.prefix}...'`).join(', ')})`);
  return formats.length === 1 ? formats[0] : `${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}`;
}

function readContext(
  value: string, pattern: boolean, label: string, context: string,
  platform: CiPlatformFacts, identity: IdentityScope, scopeRisks: SubjectRiskReading[],
): SubjectReading {
  const subjects = platform.subjects;
  const contexts = matchContexts(value, pattern, identity);
  const kind = contexts === undefined ? undefined : contextKind(contexts, platform);
  const read = (words: string, unknown?: string): SubjectReading => ({
    value,
    pattern,
    kind: kind ?? 'other',
    description: `${label}, ${words}`,
    contexts,
    risks: [...scopeRisks, ...(contexts === undefined || kind === undefined ? [] : contextRisks(contexts, label, platform))],
    unrecognized: unknown,
  });
  if (kind === undefined) {
    // No context of the platform's default format: a customized template, or a value no token carries.
    const template = !pattern ? subjects.readTemplate?.(value) : undefined;
    return template ?? read(`context '${context}'`, pattern
      ? "matches no context of the platform's default subject template (branch, tag, environment, pull request), so the audit cannot tell which jobs it admits"
      : "has a context that the platform's default subject template never produces, so no token carries it");
  }
  const wildcard = pattern ? context.search(WILDCARD) : -1;
  if (subjects.pullRequestContext !== undefined && wildcard === -1 && context === subjects.pullRequestContext) {
    return read('pull requests');
  }
  for (const ctx of subjects.contextWords) {
    if (context.startsWith(ctx.prefix) && context.length > ctx.prefix.length) {
      const name = context.slice(ctx.prefix.length);
      if (name.includes(':')) {
        // Names never hold ':' (environments encode it as %3A): more claim keys of a custom template follow.
        break;
      }
      return read(`${ctx.word} ${ctx.decode ? ctx.decode(name) : name}`);
    }
  }
  if (kind === 'anyJob') {
    return read('any job');
  }
  if (kind === 'anyRef') {
    return read('any branch or tag');
  }
  if (wildcard !== -1) {
    return read(`jobs whose context matches '${context}'`);
  }
  const template = subjects.readTemplate?.(value);
  return template ? { ...template, contexts } : read(`context '${context}'`);
}
