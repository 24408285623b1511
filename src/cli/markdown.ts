/*
 * Writing values of a template into Markdown. A template is input the review does not trust:
 * no value may end a line, start a list item, heading or table row, close a code span or
 * carry HTML (a comment would hide the findings after it), so that no value can forge a
 * line of the report, or its verdict.
 */
import { visibleEscapes } from './escape';

/**
 * A value as Markdown text on one line: control characters escaped, HTML's `<`, `>` and `&`
 * as entities, and backslashes, backticks, `|` and brackets (code spans, table cells, links)
 * behind a backslash. Emphasis characters stay: they cannot leave the line.
 */
export function markdownText(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/[\\`|[\]]/g, '\\$&');
  return visibleEscapes(escaped);
}

/**
 * A value as a Markdown code span: control characters escaped (a line break would end the
 * span's line), fenced by more backticks than the longest run inside, `|` escaped so that
 * no table takes it for a cell border.
 */
export function markdownCode(text: string): string {
  const value = visibleEscapes(text).replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = /^[` ]|[` ]$/.test(value) ? ` ${value} ` : value;
  return `${fence}${padded}${fence}`;
}
