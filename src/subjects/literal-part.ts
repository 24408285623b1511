import { Token } from 'aws-cdk-lib';
import { invalid, kindProblem, shownValue } from '../core/runtime-checks';

/** Whether a part holds an IAM wildcard. */
export function hasWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?');
}

/**
 * Why a part cannot be written into an IAM condition value, or undefined when it can.
 *
 * IAM policy text carries Latin-1 only; `${` starts a policy variable; control
 * characters never occur in the platforms' names.
 */
export function textProblem(value: string): string | undefined {
  if (typeof value !== 'string') {
    return kindProblem(value, 'string');
  }
  if (Token.isUnresolved(value)) {
    return 'it is a token; subjects must be literal so that they can be checked';
  }
  if (value.length === 0) {
    return 'it is empty';
  }
  if (value.includes('${')) {
    return "it contains '${', which IAM reads as a policy variable";
  }
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code > 0xff) {
      return `it contains '${char}' (U+${code.toString(16).toUpperCase().padStart(4, '0')}), outside Latin-1, which IAM policies cannot carry`;
    }
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      return `it contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    }
  }
  return undefined;
}

/** Throws when `value` cannot be a literal part: also refuses wildcards. */
export function checkLiteral(property: string, value: string, allowedForm: string): void {
  const problem = textProblem(value) ?? (hasWildcard(value) ? "it contains '*' or '?', and only branch and tag names may be patterns" : undefined);
  if (problem) {
    throw invalid(property, value, problem, allowedForm);
  }
}

/** Throws when `value` cannot be a part that may also be a pattern (`*`, `?`). */
export function checkLiteralOrPattern(property: string, value: string, allowedForm: string): void {
  const problem = textProblem(value);
  if (problem) {
    throw invalid(property, value, problem, allowedForm);
  }
}

export { invalid };

/**
 * Throws unless a raw `sub` claim pins at least a claim name and its first complete
 * value: with a wildcard, the fixed text before it must reach a `/` or `:` after the
 * first value (`repo:acme/*`, `project_path:acme/*`), so that no pattern matches every
 * repository, project or owner.
 */
export function checkRawClaim(property: string, value: string, example: string): void {
  checkLiteralOrPattern(property, value, `a complete subject claim such as '${example}'`);
  const firstWildcard = value.search(/[*?]/);
  if (firstWildcard === -1) {
    if (!/^[^:]+:[^:]+/.test(value)) {
      throw invalid(property, value, "it is not of the form '<claim>:<value>...'", `a complete subject claim such as '${example}'`);
    }
    return;
  }
  const fixed = value.slice(0, firstWildcard);
  if (!/^[^:]+:[^:/]+[:/]/.test(fixed)) {
    throw invalid(
      property, value,
      'its fixed part before the first wildcard does not end a complete owner, group or repository with \'/\' or \':\', ' +
      'so it would match other owners or every repository',
      `a subject whose wildcards come after the owner, e.g. '${example}'`,
    );
  }
}

/** Throws unless `id` is a positive integer that JavaScript holds exactly (a platform's numeric id). */
export function checkPositiveId(property: string, id: number | undefined, allowedForm: string): void {
  if (id !== undefined && !(Number.isSafeInteger(id) && id > 0)) {
    throw invalid(property, shownValue(id), kindProblem(id, 'number') ?? 'it is not a positive integer', allowedForm);
  }
}
