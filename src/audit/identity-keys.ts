/*
 * The one rule for wildcards in the claims that name who a token belongs to: a repository, an
 * owner, a group or a project. The subject builders (the platforms' fromClaim factories and
 * subject templates) and the audit (guard and report) both call it, so they cannot disagree.
 * Which claims name a holder is each platform's fact (`CiIdentityFacts`); the rule is shared.
 *
 * Rule: a wildcard may stand only for a whole repository or project after a complete owner or group
 * and its `/` (`repo:acme/*`, `project_path:acme/*`: a warned whole-owner or whole-group trust);
 * never inside a name, never in an owner, never in a numeric id, never before the first key is complete.
 */
import { CiPlatformFacts, IdentityValue } from '../core/ci-platform-facts';
import { IdentityProblem } from '../core/subject-reading';
import { CI_PLATFORMS, platformOfIdentityKey } from '../platforms/registry';

export type { IdentityProblem } from '../core/subject-reading';

/** The holder a subject names: its first identity key, and whether it stands for a whole owner or group. */
export interface IdentityScope {
  readonly platform: CiPlatformFacts;
  /** Index (in the `:`-separated parts) of the first identity key. */
  readonly keyIndex: number;
  readonly key: string;
  readonly value: string;
  /** The owner or group when every repository or project of it matches. */
  readonly whole?: { readonly kind: 'owner' | 'group'; readonly name: string };
}

const WILDCARD = /[*?]/;

/** The platforms whose `sub` is made of `<claim>:<value>` pairs, which this rule is about (the others read their own, `read`). */
const CLAIM_KEYED: readonly CiPlatformFacts[] = CI_PLATFORMS.filter((platform) => platform.subjects.read === undefined);

/** Every platform's free-text keys (see `CiIdentityFacts.freeTextKeys`). */
const FREE_TEXT_KEYS: readonly string[] = CI_PLATFORMS.flatMap((platform) => platform.subjects.identity.freeTextKeys);

/** Keys whose value names one repository or project (rather than an owner or group), of any platform. */
const SINGLE_KEYS: readonly string[] = CI_PLATFORMS.flatMap((platform) => platform.subjects.identity.singleKeys);

/** Whether a key names a repository, owner, group or project. */
export function isIdentityKey(key: string): boolean {
  return platformOfIdentityKey(key) !== undefined;
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
    const owner = CI_PLATFORMS.find((platform) => platform.subjects.identity.freeTextKeys.includes(freeText))!;
    return {
      why: `has the free-text claim '${freeText}' before the claim that names the repository, and ${owner.name} does not document how a ':' in its value is written, ` +
        `so a repository of another owner whose ${freeText} value spells ':${parts[first]}:${parts[first + 1] ?? ''}' could present it`,
      fix: `Put the claim that names the repository or its owner first, e.g. '${owner.subjects.identity.scopeExample.replace(/<context>$/, `...:${freeText}:...`)}'`,
    };
  }
  if (!pattern) {
    return undefined;
  }
  if (WILDCARD.test(parts[0]) || parts.length < 2) {
    return {
      why: 'has a wildcard before its first claim key and value are complete, so it matches the subjects of other owners, repositories or projects, or of every one',
      fix: `Start it with a complete claim that names the repository or project, e.g. ${CLAIM_KEYED.map((p) => `'${p.subjects.identity.scopeExample}'`).join(' or ')}`,
    };
  }
  for (let i = 0; i + 1 < parts.length; i++) {
    const platform = platformOfIdentityKey(parts[i]);
    if (platform === undefined || !WILDCARD.test(parts[i + 1])) {
      continue;
    }
    const problem = valueProblem(platform, parts[i], platform.subjects.identity.keys[parts[i]], parts[i + 1]);
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
  const platform = platformOfIdentityKey(key)!;
  const identity = platform.subjects.identity;
  const wholeForm = /^([^*?]+)\/\*+$/.exec(v);
  if (wholeForm) {
    return { platform, keyIndex, key, value: v, whole: { kind: identity.wholeKind, name: identity.wholeName(wholeForm[1]) } };
  }
  // A subject that names an owner or group but no single repository or project (with a literal value) covers all of them.
  const namesOne = parts.some((part, index) => SINGLE_KEYS.includes(part) && index + 1 < parts.length && !WILDCARD.test(parts[index + 1]));
  if (!namesOne) {
    return { platform, keyIndex, key, value: v, whole: { kind: identity.wholeKind, name: v } };
  }
  return { platform, keyIndex, key, value: v };
}

function valueProblem(platform: CiPlatformFacts, key: string, kind: IdentityValue, value: string): IdentityProblem | undefined {
  const fix = platform.subjects.identity.wildcardFix;
  switch (kind) {
    case 'id':
      return { why: `has a wildcard in the id '${key}:${value}', so it matches other ${platform.subjects.identity.idHolders} ids too; ids are never patterns`, fix };
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
