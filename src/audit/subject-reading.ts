import { ContextKind, contextKind, ContextMatch, contextRisks, matchContexts } from './subject-contexts';
import { FindingId, FindingIdValue } from '../core/finding-id';
import { identityProblem, identityScope, IdentityScope } from '../core/identity-keys';

export { globMatches } from '../core/claim-shapes';

/**
 * What kind of job a subject admits, decided by what it matches: `environment` only for one
 * literal environment name (environment patterns are `environmentPattern`, never environment-gated).
 */
export type SubjectKind = ContextKind;

/** A legal but risky subject, reported as a warning. */
export interface SubjectRiskReading {
  readonly id: FindingIdValue;
  readonly message: string;
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
  readonly scopeProblem?: { readonly why: string; readonly fix: string };
  /** Why the audit cannot tell what the value admits. */
  readonly unrecognized?: string;
  readonly risks: SubjectRiskReading[];
  /** The jobs it admits of the repository or project it names, when its first key names one. */
  readonly contexts?: ContextMatch;
}

/** A context of the platform's default `sub` format, e.g. `ref:refs/heads/` + a branch, for the words. */
interface ContextForm {
  readonly prefix: string;
  readonly word: string;
  readonly decode?: (name: string) => string;
}

interface PlatformForm {
  readonly contexts: ContextForm[];
  /** Exact contexts without a name, e.g. GitHub's `pull_request`. */
  readonly pullRequest?: string;
}

const GITHUB: PlatformForm = {
  contexts: [
    { prefix: 'ref:refs/heads/', word: 'branch' },
    { prefix: 'ref:refs/tags/', word: 'tag' },
    { prefix: 'environment:', word: 'environment', decode: (name) => name.replace(/%3A/gi, ':') },
  ],
  pullRequest: 'pull_request',
};

const GITLAB: PlatformForm = {
  contexts: [
    { prefix: 'ref_type:branch:ref:', word: 'branch' },
    { prefix: 'ref_type:tag:ref:', word: 'tag' },
  ],
};

const WILDCARD = /[*?]/;

/**
 * Readings already made, by pattern flag and value. Reading is a pure function of both, and a
 * role re-reads all its subjects on every `addSubject()` (the branch-and-environment check):
 * without this, a role of 80 subjects spends seconds reading the same values again.
 */
const READINGS = new Map<string, SubjectReading>();
const MAX_READINGS = 10_000;

/**
 * Reads a `sub` value of a CI token: GitHub's `repo:<owner>/<repo>:<context>` (legacy and immutable
 * forms), GitLab's `project_path:<path>:<context>` and `project_id:<id>:<context>`, anything else as
 * a custom subject.
 */
export function readSubject(value: string, pattern: boolean): SubjectReading {
  const key = `${pattern}:${value}`;
  let reading = READINGS.get(key);
  if (reading === undefined) {
    if (READINGS.size >= MAX_READINGS) {
      READINGS.clear();
    }
    reading = readUncached(value, pattern);
    READINGS.set(key, reading);
  }
  return reading;
}

function readUncached(value: string, pattern: boolean): SubjectReading {
  const wrong = identityProblem(value, pattern);
  if (wrong) {
    return problem(value, pattern, wrong.why, wrong.fix);
  }
  if (value.startsWith('repo:')) {
    return readGitHub(value, pattern);
  }
  if (value.startsWith('project_path:') || value.startsWith('project_id:')) {
    return readGitLab(value, pattern);
  }
  const identity = pattern ? identityScope(value) : undefined;
  if (identity?.keyIndex === 0) {
    return readKeyed(value, identity);
  }
  return (pattern ? undefined : readGitHubTemplate(value)) ?? readCustom(value, pattern);
}

/** A pattern of a customized template whose first key names the repository, owner, project or group (`repository_owner:acme:*`). */
function readKeyed(value: string, identity: IdentityScope): SubjectReading {
  const github = identity.platform === 'github';
  const whole = identity.whole;
  const label = whole ? `every ${github ? 'repository' : 'project'} of ${whole.name}` : `${identity.key} ${identity.value}`;
  const risks: SubjectRiskReading[] = whole ? [{
    id: github ? FindingId.WHOLE_OWNER : FindingId.WHOLE_GROUP,
    message: `Every ${github ? 'repository' : 'project'} of '${whole.name}', including ones created later, may assume this role.`,
    fix: github ? "Include the 'repo' or 'repository_id' claim key in the subject template and name the repository." : 'Name the project.',
  }] : [];
  const context = value.split(':').slice(2).join(':');
  return readContext(value, true, label, context, github ? GITHUB : GITLAB, identity, risks);
}

function readGitHub(value: string, pattern: boolean): SubjectReading {
  const rest = value.slice('repo:'.length);
  const colon = rest.indexOf(':');
  const scope = colon === -1 ? rest : rest.slice(0, colon);
  const slash = scope.indexOf('/');
  const owner = slash === -1 ? scope : scope.slice(0, slash);
  const repository = slash === -1 ? '' : scope.slice(slash + 1);
  const identity = identityScope(value);
  if (pattern && identity?.whole) {
    // identityProblem allows a wildcard here only as the whole repository name after the owner's '/'.
    const ownerName = stripId(owner);
    return readContext(value, pattern, `every repository of ${ownerName}`, colon === -1 ? '*' : rest.slice(colon + 1), GITHUB, identity, [{
      id: FindingId.WHOLE_OWNER,
      message: `Every repository of '${ownerName}', including ones created later, may assume this role.`,
      fix: `Name the repositories: 'repo:${ownerName}/<repository>:<context>' (GitHubRepository.of('${ownerName}/<repository>')).`,
    }]);
  }
  if (slash <= 0 || repository.length === 0 || colon === -1 || identity === undefined) {
    return (pattern ? undefined : readGitHubTemplate(value))
      ?? unrecognized(value, pattern, "is not of the form 'repo:<owner>/<repository>:<context>', so no GitHub token with the default subject template carries it");
  }
  if (!pattern && WILDCARD.test(scope)) {
    return unrecognized(value, pattern, "has '*' or '?' under StringEquals, which compares them literally, so it matches no token");
  }
  return readContext(value, pattern, `${stripId(owner)}/${stripId(repository)}`, rest.slice(colon + 1), GITHUB, identity, []);
}

function readGitLab(value: string, pattern: boolean): SubjectReading {
  const byId = value.startsWith('project_id:');
  const rest = value.slice(byId ? 'project_id:'.length : 'project_path:'.length);
  const colon = rest.indexOf(':');
  const scope = colon === -1 ? rest : rest.slice(0, colon);
  const identity = identityScope(value);
  if (pattern && identity?.whole) {
    const group = identity.whole.name;
    return readContext(value, pattern, `every project of ${group}`, colon === -1 ? '*' : rest.slice(colon + 1), GITLAB, identity, [{
      id: FindingId.WHOLE_GROUP,
      message: `Every project of '${group}' and its subgroups, including ones created later, may assume this role.`,
      fix: `Name the projects: 'project_path:${group}/<project>:<context>' (GitLabProject.of('${group}/<project>')).`,
    }]);
  }
  if (scope.length === 0 || colon === -1 || (!byId && !scope.includes('/')) || identity === undefined) {
    return unrecognized(value, pattern, byId
      ? "is not of the form 'project_id:<id>:ref_type:<branch|tag>:ref:<name>'"
      : "is not of the form 'project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>'");
  }
  if (!pattern && WILDCARD.test(scope)) {
    return unrecognized(value, pattern, "has '*' or '?' under StringEquals, which compares them literally, so it matches no token");
  }
  return readContext(value, pattern, byId ? `project ${scope}` : scope, rest.slice(colon + 1), GITLAB, identity, []);
}

/** A subject of a custom template (e.g. GitHub's `repository_owner:acme:...`): only its first value is checked. */
function readCustom(value: string, pattern: boolean): SubjectReading {
  const wildcard = pattern ? value.search(WILDCARD) : -1;
  if (wildcard !== -1 && !/^[^:*?]+:[^:/*?]+[:/]/.test(value.slice(0, wildcard))) {
    return problem(value, pattern, 'has a wildcard before its first value is complete, so it matches the subjects of other owners, ' +
      'repositories or projects, or of every one', "Start it with a complete owner and repository, e.g. 'repo:acme/api:<context>'");
  }
  return unrecognized(value, pattern, "is not in the default subject format of GitHub ('repo:...') or GitLab ('project_path:...', 'project_id:...'), " +
    'so the audit cannot tell which jobs it admits');
}

function readContext(
  value: string, pattern: boolean, label: string, context: string, form: PlatformForm, identity: IdentityScope, scopeRisks: SubjectRiskReading[],
): SubjectReading {
  const platform = form === GITHUB ? 'github' : 'gitlab';
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
    const template = !pattern && form === GITHUB ? readGitHubTemplate(value) : undefined;
    return template ?? read(`context '${context}'`, pattern
      ? "matches no context of the platform's default subject template (branch, tag, environment, pull request), so the audit cannot tell which jobs it admits"
      : "has a context that the platform's default subject template never produces, so no token carries it");
  }
  const wildcard = pattern ? context.search(WILDCARD) : -1;
  if (form.pullRequest !== undefined && wildcard === -1 && context === form.pullRequest) {
    return read('pull requests');
  }
  for (const ctx of form.contexts) {
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
  const template = form === GITHUB ? readGitHubTemplate(value) : undefined;
  return template ? { ...template, contexts } : read(`context '${context}'`);
}

function stripId(name: string): string {
  return name.replace(/@\d+$/, '');
}

function problem(value: string, pattern: boolean, why: string, fix: string): SubjectReading {
  return { value, pattern, kind: 'other', description: `sub ${value}`, scopeProblem: { why, fix }, risks: [] };
}

function unrecognized(value: string, pattern: boolean, why: string): SubjectReading {
  return { value, pattern, kind: 'other', description: `sub ${value}`, unrecognized: why, risks: [] };
}

/** The claim keys of a customized GitHub subject template, and how each reads in plain words. */
const GITHUB_TEMPLATE_KEYS: Record<string, (value: string) => string> = {
  repo: (v) => stripIds(v),
  repository: (v) => v,
  repository_owner: (v) => `owner ${v}`,
  repository_owner_id: (v) => `owner id ${v}`,
  repository_id: (v) => `repository id ${v}`,
  repository_visibility: (v) => `${v} repositories`,
  environment: (v) => `environment ${v}`,
  ref: (v) => (v.startsWith('refs/heads/') ? `branch ${v.slice(11)}` : v.startsWith('refs/tags/') ? `tag ${v.slice(10)}` : `ref ${v}`),
  ref_type: (v) => `any ${v}`,
  job_workflow_ref: (v) => `workflow file ${v}`,
  workflow_ref: (v) => `caller workflow file ${v}`,
  workflow: (v) => `workflow ${v}`,
  event_name: (v) => `${v} events`,
  runner_environment: (v) => `${v} runners`,
  enterprise: (v) => `enterprise ${v}`,
  enterprise_id: (v) => `enterprise id ${v}`,
};

/**
 * Reads an exact subject of a customized GitHub subject template (`include_claim_keys`):
 * `key:value` pairs, values with `:` written as `%3A`, and the `context` key written as
 * GitHub's default context (`environment:<name>`, `ref:<ref>`, `pull_request`).
 * Undefined when a part is no claim key of GitHub's templates.
 */
function readGitHubTemplate(value: string): SubjectReading | undefined {
  const pairs: Array<[string, string]> = [];
  const tokens = value.split(':');
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'pull_request') {
      pairs.push(['pull_request', '']);
    } else if (GITHUB_TEMPLATE_KEYS[tokens[i]] !== undefined && i + 1 < tokens.length && tokens[i + 1] !== ''
      && (!['repo', 'repository'].includes(tokens[i]) || /^[^/]+\/[^/]+$/.test(tokens[i + 1]))) {
      pairs.push([tokens[i], tokens[i + 1].replace(/%3A/gi, ':')]);
      i++;
    } else {
      return undefined;
    }
  }
  const keys = pairs.map(([key]) => key);
  const words = pairs.map(([key, v]) => (key === 'pull_request' ? 'pull requests' : GITHUB_TEMPLATE_KEYS[key](v)));
  const names = (list: string[]): boolean => keys.some((key) => list.includes(key));
  const risks: SubjectRiskReading[] = [];
  if (!names(['repo', 'repository', 'repository_id', 'repository_owner', 'repository_owner_id'])) {
    // Any repository on GitHub can set a template of these keys: nothing ties the subject to one owner.
    return problem(value, false, 'names neither the repository nor its owner, so a repository of any owner whose subject template has the same keys presents it',
      "Include the 'repo' (or 'repository_id', 'repository_owner_id') claim key in the subject template and name the repository");
  }
  if (!names(['repo', 'repository', 'repository_id'])) {
    risks.push({
      id: FindingId.WHOLE_OWNER,
      message: `The custom subject '${value}' names no repository: every repository it otherwise matches, including ones created later, may assume this role.`,
      fix: "Include the 'repo' or 'repository_id' claim key in the subject template and name the repository.",
    });
  }
  if (!names(['environment', 'ref', 'pull_request'])) {
    risks.push({
      id: FindingId.ANY_REF,
      message: `The custom subject '${value}' names no branch, tag or environment: any branch, tag or pull request may assume this role.`,
      fix: "Include the 'context' (or 'environment', 'ref') claim key in the subject template and name an environment or branch.",
    });
  } else if (keys.includes('pull_request')) {
    risks.push({
      id: FindingId.PULL_REQUEST,
      message: `The custom subject '${value}' admits pull_request jobs, which run code that has not been reviewed yet.`,
      fix: 'Trust a branch or an environment for deploy roles; give a role for pull requests read-only permissions.',
    });
  }
  const kind: SubjectKind = keys.includes('environment') ? 'environment'
    : keys.includes('pull_request') ? 'pullRequest'
      : pairs.some(([key, v]) => key === 'ref' && v.startsWith('refs/heads/')) ? 'branch'
        : pairs.some(([key, v]) => key === 'ref' && v.startsWith('refs/tags/')) ? 'tag' : 'other';
  return { value, pattern: false, kind, description: words.join(', '), risks };
}

function stripIds(fullName: string): string {
  return fullName.split('/').map(stripId).join('/');
}
