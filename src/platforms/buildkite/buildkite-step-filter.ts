import { CommentLine } from '../../pipeline/yaml-text';
import { CiSubject } from '../../subjects/ci-subject';

/*
 * The `if:` of a Buildkite step that runs only where the role admits its token; one condition per
 * subject (the step runs when any matches), each exactly what the IAM value admits or narrower:
 * - branch `main`:      `build.branch == "main" && build.tag == null`
 * - branch `release/*`: `build.branch =~ /^release\/.*$/ && build.tag == null` (IAM's `*` is `.*`, `?` is `.`)
 * - tag:                `build.tag == "v1"`, or the same regex form on `build.tag`
 * - any ref:            no condition on the ref
 * Subjects of other forms (raw claims) are left out with a comment: narrower, never broader.
 * Source: https://buildkite.com/docs/pipelines/configure/conditionals
 */

/** The step's condition (undefined: always), and what it leaves out as comment lines. */
export interface BuildkiteStepFilter {
  readonly condition?: string;
  readonly notes: CommentLine[];
}

export function buildkiteStepFilter(subjects: CiSubject[]): BuildkiteStepFilter {
  const conditions: string[] = [];
  const notes: CommentLine[] = [];
  for (const subject of subjects) {
    const context = subject._spec.context;
    if (context.kind === 'anyRef') {
      return { notes };
    }
    const value = context.name ?? context.pattern;
    if ((context.kind === 'branch' || context.kind === 'tag') && value !== undefined) {
      const variable = context.kind === 'branch' ? 'build.branch' : 'build.tag';
      const match = context.name !== undefined && !context.name.includes('"') ? `${variable} == "${context.name}"` : `${variable} =~ /^${regex(value, context.name === undefined)}$/`;
      conditions.push(context.kind === 'branch' ? `${match} && build.tag == null` : match);
    } else {
      notes.push(new CommentLine(`Left out of the condition, its subject does not say which branch or tag it is: ${subject._spec.description}.`));
    }
  }
  const unique = [...new Set(conditions)];
  if (unique.length === 0) {
    notes.push(new CommentLine('No subject of the role could be written as a condition: the step never runs until you write its condition.'));
    return { condition: 'false', notes };
  }
  return { condition: unique.length === 1 ? unique[0] : unique.map((c) => `(${c})`).join(' || '), notes };
}

/** A name (an IAM pattern when `pattern`) as the body of a regular expression between `/`. */
function regex(name: string, pattern: boolean): string {
  return [...name].map((char) => {
    if (pattern && char === '*') {
      return '.*';
    }
    if (pattern && char === '?') {
      return '.';
    }
    return /[\\.+*?()[\]{}|^$/]/.test(char) ? `\\${char}` : char;
  }).join('');
}
