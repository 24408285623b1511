/*
 * Run-time checks of the arguments of public entry points. TypeScript's types do not exist
 * for JavaScript callers, nor for the other jsii languages' dynamic paths (a Python dict,
 * a Java Object): a wrong type must end in the library's own error, never in a TypeError
 * deep inside, nor in a value that widens a policy. Plain JavaScript, no aws-cdk-lib.
 */

/**
 * The error for a bad value: the property, the value, what is wrong and the allowed form.
 * `value` is a string for TypeScript callers; anything else is shown as JSON.
 */
export function invalid(property: string, value: string, problem: string, allowedForm: string): Error {
  return new Error(`Invalid ${property} '${shownValue(value)}': ${problem}. Allowed form: ${allowedForm}.`);
}

/** The kinds of value the checks tell apart (`NaN` and `Infinity` are numbers: range checks refuse them). */
export type ValueKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'function';

/** A value as an error message shows it: a string as it is, anything else as JSON (or its type). */
export function shownValue(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (value === undefined || typeof value === 'number' || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    return String(value);
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** What a value is, in words: `a number`, `null`, `an array`. */
function kindOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  const type = typeof value;
  return type === 'object' || type === 'undefined' ? (type === 'object' ? 'an object' : 'undefined') : `a ${type}`;
}

function isKind(value: unknown, kind: ValueKind): boolean {
  switch (kind) {
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return typeof value === kind;
  }
}

/** Why a value is not of `kind`, e.g. `it is a number, not a string`; undefined when it is. */
export function kindProblem(value: unknown, kind: ValueKind): string | undefined {
  if (isKind(value, kind)) {
    return undefined;
  }
  const wanted = kind === 'array' ? 'a list' : kind === 'object' ? 'an object' : `a ${kind}`;
  return `it is ${kindOf(value)}, not ${wanted}`;
}

/** Throws unless `value` is of `kind`. */
export function checkKind(property: string, value: unknown, kind: ValueKind, allowedForm: string): void {
  const problem = kindProblem(value, kind);
  if (problem) {
    throw invalid(property, shownValue(value), problem, allowedForm);
  }
}

/** Throws unless `value` is undefined (left out) or of `kind`. */
export function checkOptionalKind(property: string, value: unknown, kind: ValueKind, allowedForm: string): void {
  if (value !== undefined) {
    checkKind(property, value, kind, allowedForm);
  }
}

/** Throws unless `value` is a list whose every element is of `kind`. */
export function checkList(property: string, value: unknown, kind: ValueKind, allowedForm: string): void {
  checkKind(property, value, 'array', allowedForm);
  (value as unknown[]).forEach((element, i) => checkKind(`${property}[${i}]`, element, kind, allowedForm));
}

/** Throws unless `value` is undefined or a list whose every element is of `kind`. */
export function checkOptionalList(property: string, value: unknown, kind: ValueKind, allowedForm: string): void {
  if (value !== undefined) {
    checkList(property, value, kind, allowedForm);
  }
}

/** Throws unless `value` is undefined or one of `allowed` (the values of an enum). */
export function checkOptionalOneOf(property: string, value: unknown, allowed: readonly unknown[], allowedForm: string): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw invalid(property, shownValue(value), `it is not one of ${allowed.map(shownValue).join(', ')}`, allowedForm);
  }
}

/** What each property of an options object must be: a kind, or the list of allowed values (an enum's). */
export type OptionsShape = Record<string, ValueKind | readonly unknown[]>;

/**
 * Throws unless `options` is undefined or an object whose properties named in `shape` are
 * left out or of their kind (or among their allowed values). Other properties are not checked.
 */
export function checkOptions(property: string, options: unknown, shape: OptionsShape): void {
  const names = Object.keys(shape);
  checkOptionalKind(property, options, 'object', `an object with ${names.join(', ')}, or nothing`);
  for (const name of names) {
    const value = (options as Record<string, unknown> | undefined)?.[name];
    const rule = shape[name];
    if (typeof rule === 'string') {
      checkOptionalKind(`${property}.${name}`, value, rule, rule === 'array' ? 'a list' : `a ${rule}, or nothing`);
    } else {
      checkOptionalOneOf(`${property}.${name}`, value, rule, `one of ${rule.map(shownValue).join(', ')}, or nothing`);
    }
  }
}
