/*
 * The wildcard rule for `sub` values of the form `key:value:key:value...` whose first pair names
 * the tenant (HCP Terraform's and Buildkite's `organization:<name>:...`): a wildcard may stand for
 * a whole name after a complete key (`pipeline:*`, `workspace:*`) or for everything after the
 * tenant (`organization:acme:*`), never inside a name (`deploy-*`, `acme*`), so that no pattern
 * reaches names that merely look alike. Plain JSON logic, no aws-cdk-lib.
 */

const WILDCARD = /[*?]/;

/**
 * Why a pattern has a wildcard inside a name, or undefined. `names` are the keys whose values
 * name who the token belongs to (e.g. `project`, `workspace`); the scan ends at the first key of
 * `contextKeys` (e.g. `run_phase`, `ref`) or after the value of the last of `names`, after which
 * wildcards are the pattern's business.
 */
export function nameWildcardProblem(value: string, names: readonly string[], contextKeys: readonly string[]): string | undefined {
  const parts = value.split(':');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    // The names end at a context key, after the value of the last name key, or at a key of another
    // grammar (left to the caller's reading: it matches no token of the platform).
    const key = i % 2 === 0 && i >= 2;
    if (key && (contextKeys.includes(part) || parts[i - 2] === names[names.length - 1] || (!WILDCARD.test(part) && !names.includes(part)))) {
      return undefined;
    }
    if (!WILDCARD.test(part)) {
      continue;
    }
    const wholeName = part === '*' && (i === 2 || (i % 2 === 1 && names.includes(parts[i - 1])));
    if (!wholeName) {
      return `it has a wildcard inside '${part}', so it matches other names that merely look alike (e.g. 'acme*' matches 'acme-evil'); ` +
        `only '*' for a whole name after its key (${names.map((name) => `'${name}:*'`).join(', ')}) or for everything after the organization is allowed`;
    }
    if (i === 2) {
      return undefined;
    }
  }
  return undefined;
}
