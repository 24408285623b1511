/*
 * Accepted risks for the review: a JSON file of `{ "role", "id", "reason" }` entries. An
 * acknowledged warning stays in the report, marked as acknowledged with its reason; it no longer
 * fails `--fail-on warning`. Errors cannot be acknowledged: they are never silenced.
 */
import * as fs from 'fs';
import { InputProblem } from '../audit/inputs/audit-unit';

/** One accepted warning of one role. */
export interface Acknowledgement {
  /** The role: its path or address as the report prints it, its ARN, its name or its logical id. */
  readonly role: string;
  readonly id: string;
  readonly reason: string;
}

/** A file of acknowledgements that cannot be used: the command stops (status 2), as with a bad option. */
export class AcknowledgementsError extends Error {}

/** Reads an acknowledgements file: `{ "acknowledgements": [{ "role": ..., "id": ..., "reason": ... }] }`. */
export function readAcknowledgements(file: string): Acknowledgement[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AcknowledgementsError((error as NodeJS.ErrnoException).code === 'EISDIR'
      ? `'${file}' is a directory: --acknowledgements takes a JSON file`
      : `cannot read the acknowledgements '${file}': ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AcknowledgementsError(`the acknowledgements '${file}' are malformed JSON: ${(error as Error).message}`);
  }
  const entries = (json as { acknowledgements?: unknown } | null)?.acknowledgements;
  if (!Array.isArray(entries)) {
    throw new AcknowledgementsError(`the acknowledgements '${file}' have no "acknowledgements" list`);
  }
  return entries.map((entry, index) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    for (const key of ['role', 'id', 'reason']) {
      if (typeof e[key] !== 'string' || (e[key] as string).trim() === '') {
        throw new AcknowledgementsError(`acknowledgements[${index}] in '${file}' has no "${key}": each entry names the role, the warning id and the reason it is accepted`);
      }
    }
    return { role: e.role as string, id: e.id as string, reason: e.reason as string };
  });
}

/** The acknowledgements that matched no warning, as problems: a stale one should be removed, a mistyped one fixed. */
export function unusedAcknowledgements(file: string, all: Acknowledgement[], used: Set<Acknowledgement>): InputProblem[] {
  return all.filter((a) => !used.has(a)).map((a) => ({
    path: file, message: `the acknowledgement of '${a.id}' for '${a.role}' matches no warning of the review (errors cannot be acknowledged)`,
  }));
}
