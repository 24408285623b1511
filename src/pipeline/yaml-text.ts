/**
 * A small YAML writer for the job fragments: block mappings and sequences of strings,
 * with every scalar quoted unless it is unmistakably a plain string. Written by hand so
 * that the library has no runtime dependency.
 */

import { invalid } from '../subjects/literal-part';

/** A YAML value: a string, a string with a comment after it, a boolean, a list of values, or a mapping (in insertion order). */
export type YamlValue = string | Commented | YamlBoolean | YamlValue[] | YamlMapping;
/** A mapping; `undefined` entries are left out, a `CommentLine` entry is written as a comment line (its key is not written). */
export interface YamlMapping { readonly [key: string]: YamlValue | CommentLine | undefined }

/** A scalar followed by a comment on the same line, e.g. `uses: actions/checkout@<sha> # v7.0.1`. */
export class Commented {
  constructor(public readonly value: string, public readonly comment: string) {}
}

/** A YAML boolean, for keys whose schema wants one (Bitbucket's `oidc: true`); strings that read as booleans are quoted. */
export class YamlBoolean {
  constructor(public readonly value: boolean) {}
}

/** A comment on a line of its own, written where the entry stands in its mapping. */
export class CommentLine {
  constructor(public readonly text: string) {}
}

/** Characters a plain scalar may hold here: conservative, so no YAML 1.1 or 1.2 reader sees anything but a string. */
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./@:=+, -]*$/;
/** Words that YAML 1.1 readers (GitHub's and GitLab's among them) turn into booleans or null. */
const RESERVED = /^(y|n|yes|no|on|off|true|false|null)$/i;

/** The document for a mapping, ending with a newline. */
export function yamlDocument(mapping: YamlMapping): string {
  return lines(mapping, '').join('\n') + '\n';
}

/** A string as a YAML scalar that every reader parses back to exactly that string. */
export function yamlScalar(value: string): string {
  if (isPlain(value)) {
    return value;
  }
  if ([...value].every(isSingleQuotable)) {
    return `'${value.replace(/'/g, "''")}'`;
  }
  return `"${[...value].map(escapeForDoubleQuotes).join('')}"`;
}

function lines(value: YamlMapping, indent: string): string[] {
  const out: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) {
      continue;
    }
    if (item instanceof CommentLine) {
      out.push(`${indent}# ${commentText(item.text)}`);
      continue;
    }
    const head = `${indent}${yamlScalar(key)}:`;
    if (typeof item === 'string') {
      out.push(`${head} ${yamlScalar(item)}`);
    } else if (item instanceof Commented) {
      out.push(`${head} ${yamlScalar(item.value)} # ${commentText(item.comment)}`);
    } else if (item instanceof YamlBoolean) {
      out.push(`${head} ${item.value}`);
    } else if (Array.isArray(item)) {
      out.push(head, ...sequence(item, indent));
    } else {
      out.push(head, ...lines(item, `${indent}  `));
    }
  }
  return out;
}

/** Sequence items two spaces below their key (`  - item`), as GitHub's and GitLab's docs write them. */
function sequence(items: YamlValue[], indent: string): string[] {
  const out: string[] = [];
  const itemIndent = `${indent}  `;
  for (const item of items) {
    if (typeof item === 'string') {
      out.push(`${itemIndent}- ${yamlScalar(item)}`);
    } else if (item instanceof Commented) {
      out.push(`${itemIndent}- ${yamlScalar(item.value)} # ${commentText(item.comment)}`);
    } else if (item instanceof YamlBoolean) {
      out.push(`${itemIndent}- ${item.value}`);
    } else if (Array.isArray(item)) {
      throw invalid('YAML sequence item', 'a list', 'nested sequences are not written', 'a scalar or a mapping');
    } else {
      // The first entry shares the line with the dash; the rest align with it.
      const entries = lines(item, `${itemIndent}  `);
      if (entries.length === 0) {
        throw invalid('YAML sequence item', '{}', 'empty mappings are not written', 'a mapping with at least one entry');
      }
      out.push(`${itemIndent}- ${entries[0].slice(itemIndent.length + 2)}`, ...entries.slice(1));
    }
  }
  return out;
}

/** A comment's text on one line: line breaks and other control characters would end the comment and start YAML. */
function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]+/g, ' ').trim();
}

function isPlain(value: string): boolean {
  return PLAIN.test(value)
    && !RESERVED.test(value)
    && !value.endsWith(' ')
    && !value.endsWith(':')
    && !value.includes(': ')
    && !value.includes(' #');
}

/** Printable characters that a single-quoted scalar carries as they are (no line breaks, tabs or BOM). */
function isSingleQuotable(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e)
    || (code >= 0xa0 && code <= 0xd7ff && code !== 0x2028 && code !== 0x2029)
    || (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff)
    || code >= 0x10000;
}

function escapeForDoubleQuotes(char: string): string {
  if (char === '"' || char === '\\') {
    return `\\${char}`;
  }
  const code = char.codePointAt(0)!;
  if (code >= 0x20 && code <= 0x7e) {
    return char;
  }
  if (code >= 0xd800 && code <= 0xdfff) {
    throw invalid('YAML character', `U+${hex(code, 4)}`, 'it is half of a surrogate pair and cannot be written to YAML', 'a whole surrogate pair');
  }
  return code > 0xffff ? `\\U${hex(code, 8)}` : `\\u${hex(code, 4)}`;
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}
