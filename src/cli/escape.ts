/*
 * One escaping of untrusted text (from a token, a template, an export) for every output: the
 * terminal, Markdown and Mermaid. Control characters, the Unicode line and paragraph separators
 * and the bidirectional marks and overrides are shown as visible escapes, so that no value can
 * move the cursor, end a line, or reorder what a reviewer reads (Trojan Source).
 *
 * @see https://www.unicode.org/reports/tr9/#Explicit_Directional_Formatting_Characters
 */

/** C0 and C1 controls, DEL, the Arabic letter mark, LRM/RLM, the line and paragraph separators, the bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A text with every unsafe character as a visible escape (`\n`, `\u202e`). */
export function visibleEscapes(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
