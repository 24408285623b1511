import { FindingId } from './finding';

/** What kind of job a subject admits. */
export type SubjectKind = 'branch' | 'tag' | 'environment' | 'pullRequest' | 'anyRef' | 'anyJob' | 'other';

/** A legal but risky subject, reported as a warning. */
export interface SubjectRiskReading {
  readonly id: string;
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
}

/** A context of the platform's default `sub` format, e.g. `ref:refs/heads/` + a branch. */
interface ContextForm {
  readonly prefix: string;
  readonly kind: 'branch' | 'tag' | 'environment';
  readonly word: string;
  readonly anyId?: string;
  readonly decode?: (name: string) => string;
}

interface PlatformForm {
  readonly contexts: ContextForm[];
  /** Exact contexts without a name, e.g. GitHub's `pull_request`. */
  readonly pullRequest?: string;
  readonly fixScope: string;
}

const GITHUB: PlatformForm = {
  contexts: [
    { prefix: 'ref:refs/heads/', kind: 'branch', word: 'branch', anyId: FindingId.ANY_BRANCH },
    { prefix: 'ref:refs/tags/', kind: 'tag', word: 'tag', anyId: FindingId.ANY_TAG },
    { prefix: 'environment:', kind: 'environment', word: 'environment', decode: (name) => name.replace(/%3A/gi, ':') },
  ],
  pullRequest: 'pull_request',
  fixScope: "Name the owner and repository literally, e.g. 'repo:acme/api:environment:production' " +
    "(or 'repo:acme/*:<context>' for every repository of one owner, a warned choice)",
};

const GITLAB: PlatformForm = {
  contexts: [
    { prefix: 'ref_type:branch:ref:', kind: 'branch', word: 'branch', anyId: FindingId.ANY_BRANCH },
    { prefix: 'ref_type:tag:ref:', kind: 'tag', word: 'tag', anyId: FindingId.ANY_TAG },
  ],
  fixScope: "Name the project literally, e.g. 'project_path:acme/api:ref_type:branch:ref:main' or 'project_id:123:ref_type:branch:ref:main' " +
    "(or 'project_path:acme/*:<context>' for every project of one group, a warned choice)",
};

const WILDCARD = /[*?]/;

/** The index of the first IAM wildcard, or -1. */
function firstWildcard(value: string): number {
  return value.search(WILDCARD);
}

/** Whether a text consists of wildcards (and `/`) only, with at least one `*`: it then matches any name. */
function matchesAnything(text: string): boolean {
  return /^[*?/]*$/.test(text) && text.includes('*');
}

/** IAM `StringLike` matching: `*` any run of characters, `?` any one character. */
export function globMatches(pattern: string, text: string): boolean {
  const source = pattern.split('').map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`).test(text);
}

/**
 * Reads a `sub` value of a CI token: GitHub's `repo:<owner>/<repo>:<context>` (legacy and immutable
 * forms), GitLab's `project_path:<path>:<context>` and `project_id:<id>:<context>`, anything else as
 * a custom subject.
 */
export function readSubject(value: string, pattern: boolean): SubjectReading {
  if (value.startsWith('repo:')) {
    return readGitHub(value, pattern);
  }
  if (value.startsWith('project_path:') || value.startsWith('project_id:')) {
    return readGitLab(value, pattern);
  }
  return (pattern ? undefined : readGitHubTemplate(value)) ?? readCustom(value, pattern);
}

function readGitHub(value: string, pattern: boolean): SubjectReading {
  const rest = value.slice('repo:'.length);
  const colon = rest.indexOf(':');
  const scope = colon === -1 ? rest : rest.slice(0, colon);
  const wildcard = pattern ? firstWildcard(scope) : -1;
  const slash = scope.indexOf('/');
  const owner = slash === -1 ? scope : scope.slice(0, slash);
  const repository = slash === -1 ? '' : scope.slice(slash + 1);
  if (wildcard !== -1) {
    const wholeOwner = slash > 0 && wildcard > slash && /^\*+$/.test(repository) && !WILDCARD.test(owner);
    if (!wholeOwner) {
      const where = slash === -1 || wildcard < slash ? 'owner' : 'repository';
      return problem(value, pattern, `has a wildcard in the ${where} position, so it matches ${where === 'owner'
        ? "other owners' repositories too (e.g. 'acme*' matches 'acme-evil')" : "other repositories too (e.g. 'api*' matches 'api-evil')"}`, GITHUB.fixScope);
    }
    const ownerName = stripId(owner);
    return readContext(value, pattern, `every repository of ${ownerName}`, colon === -1 ? '*' : rest.slice(colon + 1), GITHUB, [{
      id: FindingId.WHOLE_OWNER,
      message: `Every repository of '${ownerName}', including ones created later, may assume this role.`,
      fix: `Name the repositories: 'repo:${ownerName}/<repository>:<context>' (GitHubRepository.of('${ownerName}/<repository>')).`,
    }]);
  }
  if (slash <= 0 || repository.length === 0 || colon === -1) {
    return (pattern ? undefined : readGitHubTemplate(value))
      ?? unrecognized(value, pattern, "is not of the form 'repo:<owner>/<repository>:<context>', so no GitHub token with the default subject template carries it");
  }
  if (!pattern && WILDCARD.test(scope)) {
    return unrecognized(value, pattern, "has '*' or '?' under StringEquals, which compares them literally, so it matches no token");
  }
  return readContext(value, pattern, `${stripId(owner)}/${stripId(repository)}`, rest.slice(colon + 1), GITHUB, []);
}

function readGitLab(value: string, pattern: boolean): SubjectReading {
  const byId = value.startsWith('project_id:');
  const rest = value.slice(byId ? 'project_id:'.length : 'project_path:'.length);
  const colon = rest.indexOf(':');
  const scope = colon === -1 ? rest : rest.slice(0, colon);
  const wildcard = pattern ? firstWildcard(scope) : -1;
  if (wildcard !== -1) {
    const slash = scope.lastIndexOf('/', wildcard);
    const group = slash === -1 ? '' : scope.slice(0, slash);
    const wholeGroup = !byId && slash > 0 && /^\*+$/.test(scope.slice(slash + 1)) && !WILDCARD.test(group);
    if (!wholeGroup) {
      return problem(value, pattern, byId
        ? "has a wildcard in the project id, so it matches other projects' ids too"
        : "has a wildcard in the group or project position, so it matches other groups' or projects' paths too (e.g. 'acme*' matches 'acme-evil')",
      GITLAB.fixScope);
    }
    return readContext(value, pattern, `every project of ${group}`, colon === -1 ? '*' : rest.slice(colon + 1), GITLAB, [{
      id: FindingId.WHOLE_GROUP,
      message: `Every project of '${group}' and its subgroups, including ones created later, may assume this role.`,
      fix: `Name the projects: 'project_path:${group}/<project>:<context>' (GitLabProject.of('${group}/<project>')).`,
    }]);
  }
  if (scope.length === 0 || colon === -1 || (!byId && !scope.includes('/'))) {
    return unrecognized(value, pattern, byId
      ? "is not of the form 'project_id:<id>:ref_type:<branch|tag>:ref:<name>'"
      : "is not of the form 'project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>'");
  }
  if (!pattern && WILDCARD.test(scope)) {
    return unrecognized(value, pattern, "has '*' or '?' under StringEquals, which compares them literally, so it matches no token");
  }
  return readContext(value, pattern, byId ? `project ${scope}` : scope, rest.slice(colon + 1), GITLAB, []);
}

/** A subject of a custom template (e.g. GitHub's `repository_owner:acme:...`): only its first value is checked. */
function readCustom(value: string, pattern: boolean): SubjectReading {
  const wildcard = pattern ? firstWildcard(value) : -1;
  if (wildcard !== -1 && !/^[^:*?]+:[^:/*?]+[:/]/.test(value.slice(0, wildcard))) {
    return problem(value, pattern, 'has a wildcard before its first value is complete, so it matches the subjects of other owners, ' +
      'repositories or projects, or of every one', "Start it with a complete owner and repository, e.g. 'repo:acme/api:<context>'");
  }
  return unrecognized(value, pattern, "is not in the default subject format of GitHub ('repo:...') or GitLab ('project_path:...', 'project_id:...'), " +
    'so the audit cannot tell which jobs it admits');
}

function readContext(
  value: string, pattern: boolean, label: string, context: string, form: PlatformForm, scopeRisks: SubjectRiskReading[],
): SubjectReading {
  const risks = [...scopeRisks];
  const wildcard = pattern ? firstWildcard(context) : -1;
  const read = (kind: SubjectKind, words: string, extra?: SubjectRiskReading[], unknown?: string): SubjectReading => ({
    value, pattern, kind, description: `${label}, ${words}`, risks: [...risks, ...(extra ?? [])], unrecognized: unknown,
  });
  const pullRequestRisk: SubjectRiskReading = {
    id: FindingId.PULL_REQUEST,
    message: `${label}: pull_request jobs run code that has not been reviewed yet (from any branch of the repository).`,
    fix: 'Trust a branch or an environment for deploy roles; give a role for pull requests read-only permissions.',
  };
  if (form.pullRequest !== undefined && wildcard === -1 && context === form.pullRequest) {
    return read('pullRequest', 'pull requests', [pullRequestRisk]);
  }
  for (const ctx of form.contexts) {
    if (context.startsWith(ctx.prefix) && context.length > ctx.prefix.length) {
      const name = context.slice(ctx.prefix.length);
      if (!pattern && name.includes(':')) {
        // Names never hold ':' (environments encode it as %3A): more claim keys of a custom template follow.
        break;
      }
      const shown = ctx.decode ? ctx.decode(name) : name;
      const any = pattern && ctx.anyId !== undefined && matchesAnything(name) ? [{
        id: ctx.anyId,
        message: `${label}: ${ctx.word} '${shown}' matches every ${ctx.word}, so anyone who can push a ${ctx.word} can assume this role.`,
        fix: `Trust named ${ctx.word}es${form === GITHUB ? ' or, better, an environment with protection rules' : ' that are protected'}.`,
      }] : [];
      return read(ctx.kind, `${ctx.word} ${shown}`, any);
    }
  }
  if (wildcard !== -1) {
    const fixed = context.slice(0, wildcard);
    if (matchesAnything(context.slice(wildcard))) {
      const refPrefixes = form.contexts.filter((ctx) => ctx.kind !== 'environment').map((ctx) => ctx.prefix);
      const anyRef = refPrefixes.every((prefix) => prefix.startsWith(fixed));
      if (anyRef) {
        const everyJob = fixed.length === 0;
        const extra: SubjectRiskReading[] = [{
          id: FindingId.ANY_REF,
          message: `${label}: ${everyJob ? 'every job' : 'any branch or tag'} may assume this role, so anyone who can push a branch can.`,
          fix: form === GITHUB ? 'Trust named branches or tags, or an environment with protection rules.' : 'Trust named branches or tags that are protected.',
        }];
        if (form.pullRequest !== undefined && globMatches(context, form.pullRequest)) {
          extra.push(pullRequestRisk);
        }
        return read(everyJob ? 'anyJob' : 'anyRef', everyJob ? 'any job' : 'any branch or tag', extra);
      }
    }
    const prRisk = form.pullRequest !== undefined && globMatches(context, form.pullRequest) ? [pullRequestRisk] : [];
    return read('other', `jobs whose context matches '${context}'`, prRisk);
  }
  const template = form === GITHUB ? readGitHubTemplate(value) : undefined;
  return template ?? read('other', `context '${context}'`, [],
    "has a context that the platform's default subject template never produces, so no token carries it");
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
