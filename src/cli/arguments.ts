/*
 * The command line of `report` and `explain`, read by node:util's parseArgs: one definition of
 * each option (its type and an example for the error message), one wording of the errors.
 */
import { parseArgs } from 'node:util';
import { issuerFlagOptions } from './issuer-flags';

/** One option of a command. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  /** Shown when a value is missing, e.g. `--gitlab-issuer gitlab.example.com`. */
  readonly example?: string;
}

/** The options every command takes: help, version, JSON output and each platform's self-hosted issuers. */
function commonOptions(): Record<string, OptionSpec> {
  return {
    help: { type: 'boolean' },
    version: { type: 'boolean' },
    json: { type: 'boolean' },
    ...issuerFlagOptions(),
  };
}

/** What the command line says, or why it cannot be read. */
export type ParsedArguments =
  | { readonly kind: 'ok'; readonly values: Record<string, string | boolean | string[] | undefined>; readonly positionals: string[] }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

/** Reads `argv` with the common options and the command's own. */
export function parseArguments(argv: string[], own: Record<string, OptionSpec>): ParsedArguments {
  const specs = { ...commonOptions(), ...own };
  const options = Object.fromEntries(Object.entries(specs).map(([name, spec]) =>
    [name, { type: spec.type, multiple: spec.multiple === true, ...(name === 'help' ? { short: 'h' } : {}) }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    return { kind: 'error', message: argumentError(error as Error & { code?: string }, specs) };
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (values.help === true) {
    return { kind: 'help' };
  }
  if (values.version === true) {
    return { kind: 'version' };
  }
  return { kind: 'ok', values, positionals: parsed.positionals };
}

/** parseArgs' errors, in the commands' words. */
function argumentError(error: Error & { code?: string }, specs: Record<string, OptionSpec>): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `unknown option '${option}'`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const spec = specs[option.replace(/^--/, '')];
    if (spec?.type === 'boolean') {
      return `${option} takes no value`;
    }
    return `${option} needs a value${spec?.example ? `, e.g. ${spec.example}` : ''}`;
  }
  return error.message;
}

/** A value of a string option that takes one of `choices`, or an error message. */
export function choice<T extends string>(option: string, value: unknown, choices: readonly T[], fallback: T): T | { error: string } {
  if (value === undefined) {
    return fallback;
  }
  return choices.includes(value as T) ? value as T : { error: `${option} takes ${choices.join(', ')}, not '${String(value)}'` };
}
