/*
 * What a generic `sub` may be. The library knows no grammar of a generic issuer's `sub`, so it
 * only knows where a value's parts end: at ':' and '/'. CDK-free.
 */

/** The parts a pattern must fix before its first wildcard: one is a name alone (`org:*`, `sc://acme/*`). */
export const MIN_FIXED_PARTS = 2;

/** A scheme at the start of a `sub` (`https://`, `sc://`, `p://`): not a part that names anyone. */
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Why a generic `sub` pattern could match the subjects of other pipelines, projects or tenants, or
 * undefined. A wildcard may only start a part (right after ':' or '/'), and at least two complete
 * parts (besides a URL scheme) must come before it: `space:legacy:stack:*`, `https://jenkins.acme.com/job/*`,
 * never `org:*`, `sc://acme/*` or `project:api-*`.
 */
export function genericPatternProblem(sub: string): string | undefined {
  const wildcard = sub.search(/[*?]/);
  if (wildcard === -1) {
    return 'it has no wildcard; use GenericSubject.exact for an exact value';
  }
  const fixed = sub.slice(0, wildcard);
  if (!/[:/]$/.test(fixed)) {
    return `its first wildcard does not start a part (it follows '${fixed.slice(-1) || 'nothing'}', not ':' or '/'), so it matches other names that begin the same way ` +
      "(e.g. 'api*' matches 'api-evil')";
  }
  const parts = fixed.replace(SCHEME, '').split(/[:/]/).filter((part) => part.length > 0);
  if (parts.length < MIN_FIXED_PARTS) {
    return `it fixes ${parts.length === 0 ? 'no part' : `only the part '${parts[0]}'`} before its first wildcard, so it can match every pipeline, project or tenant of the issuer`;
  }
  return undefined;
}
