/*
 * The one rule for wildcards in the claims that name who a token belongs to: a repository, an
 * owner, a group or a project. The subject builders (GitHubSubject.fromClaim, GitLabSubject.fromClaim,
 * GitHubSubjectTemplate) and the audit (guard and report) both call it, so they cannot disagree.
 *
 * Rule: a wildcard may stand only for a whole repository or project after a complete owner or group
 * and its `/` (`repo:acme/*`, `project_path:acme/*`: a warned whole-owner or whole-group trust);
 * never inside a name, never in an owner, never in a numeric id, never before the first key is complete.
 */

/** How a key's value names its holder. */
type IdentityValue = 'repository' | 'owner' | 'path' | 'namespace' | 'id';

/** GitHub's claim keys that name the repository or its owner, and what their values are. */
export const GITHUB_IDENTITY_KEYS: Readonly<Record<string, IdentityValue>> = {
  repo: 'repository',
  repository: 'repository',
  repository_id: 'id',
  repository_owner: 'owner',
  repository_owner_id: 'id',
};

/** GitLab's claim keys that name the project or its group. */
export const GITLAB_IDENTITY_KEYS: Readonly<Record<string, IdentityValue>> = {
  project_path: 'path',
  project_id: 'id',
  namespace_path: 'namespace',
  namespace_id: 'id',
};

const IDENTITY_KEYS: Readonly<Record<string, IdentityValue>> = { ...GITHUB_IDENTITY_KEYS, ...GITLAB_IDENTITY_KEYS };

/**
 * Keys of GitHub's subject templates whose values are free text that GitHub does not document
 * as free of `:` (a workflow's `name:`, file paths). Before the key that names the repository,
 * such a value could spell `...:repo:acme/api` in any repository's token.
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository
 */
export const FREE_TEXT_KEYS = ['workflow', 'job_workflow_ref', 'workflow_ref'];

/** Keys whose value names one repository or project (rather than an owner or group). */
const SINGLE_KEYS = ['repo', 'repository', 'repository_id', 'project_path', 'project_id'];

/** Why a value's owner, repository, group or project is not fixed, and what to write instead. */
export interface IdentityProblem {
  readonly why: string;
  readonly fix: string;
}

/** The holder a subject names: its first identity key, and whether it stands for a whole owner or group. */
export interface IdentityScope {
  readonly platform: 'github' | 'gitlab';
  /** Index (in the `:`-separated parts) of the first identity key. */
  readonly keyIndex: number;
  readonly key: string;
  readonly value: string;
  /** The owner or group when every repository or project of it matches. */
  readonly whole?: { readonly kind: 'owner' | 'group'; readonly name: string };
}

const WILDCARD = /[*?]/;

/** Whether a key names a repository, owner, group or project. */
export function isIdentityKey(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(IDENTITY_KEYS, key);
}

/**
 * Why the value does not fix who the token belongs to, or undefined. Under `StringEquals`
 * (`pattern: false`) `*` and `?` are literal and only the order of the keys is checked.
 */
export function identityProblem(value: string, pattern: boolean): IdentityProblem | undefined {
  const parts = value.split(':');
  const first = parts.findIndex(isIdentityKey);
  const freeText = first === -1 ? undefined : parts.slice(0, first).find((part) => FREE_TEXT_KEYS.includes(part));
  if (freeText !== undefined) {
    return {
      why: `has the free-text claim '${freeText}' before the claim that names the repository, and GitHub does not document how a ':' in its value is written, ` +
        `so a repository of another owner whose ${freeText} value spells ':${parts[first]}:${parts[first + 1] ?? ''}' could present it`,
      fix: `Put the claim that names the repository or its owner first, e.g. 'repo:acme/api:...:${freeText}:...'`,
    };
  }
  if (!pattern) {
    return undefined;
  }
  if (WILDCARD.test(parts[0]) || parts.length < 2) {
    return {
      why: 'has a wildcard before its first claim key and value are complete, so it matches the subjects of other owners, repositories or projects, or of every one',
      fix: "Start it with a complete claim that names the repository or project, e.g. 'repo:acme/api:<context>' or 'project_path:acme/api:<context>'",
    };
  }
  for (let i = 0; i + 1 < parts.length; i++) {
    if (!isIdentityKey(parts[i]) || !WILDCARD.test(parts[i + 1])) {
      continue;
    }
    const problem = valueProblem(parts[i], IDENTITY_KEYS[parts[i]], parts[i + 1]);
    if (problem) {
      return problem;
    }
  }
  return undefined;
}

/** The first identity key of a value (patterns must pass `identityProblem` first), or undefined. */
export function identityScope(value: string): IdentityScope | undefined {
  const parts = value.split(':');
  const keyIndex = parts.findIndex(isIdentityKey);
  if (keyIndex === -1 || keyIndex + 1 >= parts.length) {
    return undefined;
  }
  const key = parts[keyIndex];
  const v = parts[keyIndex + 1];
  const platform = Object.prototype.hasOwnProperty.call(GITHUB_IDENTITY_KEYS, key) ? 'github' : 'gitlab';
  const wholeForm = /^([^*?]+)\/\*+$/.exec(v);
  if (wholeForm) {
    const name = platform === 'github' ? wholeForm[1].replace(/@\d+$/, '') : wholeForm[1];
    return { platform, keyIndex, key, value: v, whole: { kind: platform === 'github' ? 'owner' : 'group', name } };
  }
  // A subject that names an owner or group but no single repository or project (with a literal value) covers all of them.
  const namesOne = parts.some((part, index) => SINGLE_KEYS.includes(part) && index + 1 < parts.length && !WILDCARD.test(parts[index + 1]));
  if (!namesOne) {
    return { platform, keyIndex, key, value: v, whole: { kind: platform === 'github' ? 'owner' : 'group', name: v } };
  }
  return { platform, keyIndex, key, value: v };
}

function valueProblem(key: string, kind: IdentityValue, value: string): IdentityProblem | undefined {
  const github = Object.prototype.hasOwnProperty.call(GITHUB_IDENTITY_KEYS, key);
  const fix = github
    ? "Name the owner and repository literally, e.g. 'repo:acme/api:environment:production' (or 'repo:acme/*:<context>' for every repository of one owner, a warned choice)"
    : "Name the project literally, e.g. 'project_path:acme/api:ref_type:branch:ref:main' or 'project_id:123:ref_type:branch:ref:main' " +
      "(or 'project_path:acme/*:<context>' for every project of one group, a warned choice)";
  switch (kind) {
    case 'id':
      return { why: `has a wildcard in the id '${key}:${value}', so it matches other ${github ? 'repositories\' or owners\'' : 'projects\' or groups\''} ids too; ids are never patterns`, fix };
    case 'owner':
      return { why: `has a wildcard in the owner '${key}:${value}', so it matches other owners too (e.g. 'acme*' matches 'acme-evil')`, fix };
    case 'repository': {
      const slash = value.indexOf('/');
      const owner = slash === -1 ? value : value.slice(0, slash);
      if (slash === -1 || WILDCARD.test(owner)) {
        return { why: "has a wildcard in the owner position, so it matches other owners' repositories too (e.g. 'acme*' matches 'acme-evil')", fix };
      }
      return /^\*+$/.test(value.slice(slash + 1)) ? undefined : {
        why: "has a wildcard in the repository position, so it matches other repositories too (e.g. 'api*' matches 'api-evil'); " +
          "only '*' for the whole name after the owner's '/' is allowed",
        fix,
      };
    }
    case 'path':
    case 'namespace': {
      const whole = /^([^*?]+)\/\*+$/.exec(value);
      return whole ? undefined : {
        why: `has a wildcard in the group or ${kind === 'path' ? 'project' : 'namespace'} position of '${key}:${value}', so it matches other groups' or projects' paths too ` +
          "(e.g. 'acme*' matches 'acme-evil', 'api*' matches 'api-evil'); only '*' for everything after a complete group and its '/' is allowed",
        fix,
      };
    }
  }
}
