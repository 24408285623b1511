import { CiSubjectKind } from '../../core/ci-subject-kind';
import { CommentLine, YamlMapping } from '../../pipeline/yaml-text';
import { CiSubject } from '../../subjects/ci-subject';

/*
 * The `rules:` of a GitLab job that runs only where the role admits its token; one rule per
 * subject (GitLab runs the job when any rule matches). Each is exactly what the IAM value
 * admits or narrower, never broader:
 * - branch `main`:      `$CI_COMMIT_BRANCH == "main"`
 * - branch `release/*`: `$CI_COMMIT_BRANCH =~ /^release\/.*$/` (IAM's `*` is `.*`, `?` is `.`; RE2, anchored)
 * - tag:                the same with `$CI_COMMIT_TAG`
 * - any ref:            `$CI_COMMIT_BRANCH || $CI_COMMIT_TAG`
 * - requireProtectedRef: every rule also requires `$CI_COMMIT_REF_PROTECTED == "true"`
 * `$CI_COMMIT_BRANCH` is not set in merge request pipelines, whose token can also carry the
 * branch: those are left out (narrower). A name holding `$`, or both quote characters, is left
 * out too, with a comment: GitLab's expression strings have no escape.
 * Sources: https://docs.gitlab.com/ci/jobs/job_rules/, https://docs.gitlab.com/ci/variables/predefined_variables/
 */

/** The job's rules, and what they leave out as comment lines. */
export interface GitLabJobRules {
  readonly rules: YamlMapping[];
  readonly notes: CommentLine[];
}

const PROTECTED = '$CI_COMMIT_REF_PROTECTED == "true"';

/** The rules for the role's subjects; `protectedRef` when the role requires `ref_protected`. */
export function gitLabJobRules(subjects: CiSubject[], protectedRef: boolean): GitLabJobRules {
  const conditions: string[] = [];
  const notes: CommentLine[] = [];
  for (const subject of subjects) {
    if (subject.kind === CiSubjectKind.BRANCH || subject.kind === CiSubjectKind.TAG) {
      const variable = subject.kind === CiSubjectKind.BRANCH ? '$CI_COMMIT_BRANCH' : '$CI_COMMIT_TAG';
      const value = subject.name ?? subject.namePattern;
      if (value === undefined) {
        notes.push(leftOut(subject, 'its name is not known'));
      } else if (value.includes('$')) {
        notes.push(leftOut(subject, "its name holds '$', which GitLab would read as a variable"));
      } else if (subject.name !== undefined) {
        const quoted = quote(subject.name);
        if (quoted === undefined) {
          notes.push(leftOut(subject, 'its name holds both quote characters'));
        } else {
          conditions.push(`${variable} == ${quoted}`);
        }
      } else {
        conditions.push(`${variable} =~ /^${regex(value)}$/`);
      }
    } else if (subject.kind === CiSubjectKind.ANY_REF) {
      conditions.push('$CI_COMMIT_BRANCH || $CI_COMMIT_TAG');
    } else {
      notes.push(leftOut(subject, 'its subject does not say which branch or tag it is'));
    }
  }
  const unique = [...new Set(conditions)];
  if (unique.length === 0) {
    notes.push(new CommentLine('No subject of the role could be written as a rule: the job never runs until you write its rules.'));
    return { rules: [{ when: 'never' }], notes };
  }
  return {
    rules: unique.map((condition) => ({ if: protectedRef ? `${condition.includes('||') ? `(${condition})` : condition} && ${PROTECTED}` : condition })),
    notes,
  };
}

/** A GitLab expression string: double quotes, else single quotes (they have no escape). */
function quote(value: string): string | undefined {
  if (!value.includes('"')) {
    return `"${value}"`;
  }
  return value.includes("'") ? undefined : `'${value}'`;
}

/** An IAM pattern as an RE2 regular expression between `/`: literal characters escaped, `*` as `.*`, `?` as `.`. */
function regex(pattern: string): string {
  return [...pattern].map((char) => {
    if (char === '*') {
      return '.*';
    }
    if (char === '?') {
      return '.';
    }
    return /[\\.+()[\]{}|^$/]/.test(char) ? `\\${char}` : char;
  }).join('');
}

function leftOut(subject: CiSubject, why: string): CommentLine {
  return new CommentLine(`Left out of the rules, ${why}: ${subject.description}.`);
}
