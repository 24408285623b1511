import { CiSubjectKind } from '../../core/ci-subject-kind';
import { CommentLine, YamlMapping } from '../../pipeline/yaml-text';
import { CiSubject } from '../../subjects/ci-subject';
import { invalid } from '../../subjects/literal-part';

/*
 * Which runs of a workflow get a token that the role admits, written as the workflow's `on:`
 * and the job's `if:`. Every form is exactly what the IAM value admits or narrower, never broader:
 * - branch `main`:        on.push.branches `main`,         if `github.ref == 'refs/heads/main'`
 * - branch `release/*`:   on.push.branches `release/**`,   if `startsWith(github.ref, 'refs/heads/release/')`
 *   (IAM's `*` also matches `/`, as GitHub's `**` does; a pattern with `?` or a `*` before its end
 *   has no exact form in GitHub expressions, so its subject is left out of the filter, with a comment)
 * - tag `v1.2.3`, `v*`:   the same with `tags` and `refs/tags/`
 * - any ref:              on.push, if `startsWith(github.ref, 'refs/heads/') || startsWith(github.ref, 'refs/tags/')`
 * - pull requests:        on.pull_request, if `github.event_name == 'pull_request'`
 * - one environment:      the job declares it; on.push and workflow_dispatch, no `if:`: the
 *   environment's deployment branch and tag rules decide, and the `sub` names only the environment
 * Ref terms also require a non-pull-request event: a `pull_request_target` run on `main` has
 * `github.ref` `refs/heads/main` but the `sub` `...:pull_request`, which a branch subject refuses.
 * GitHub compares strings in expressions without regard to case, IAM with it: the `if:` admits
 * `refs/heads/MAIN` for `main`, which IAM then refuses (the trust policy stays the boundary).
 * Sources: https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#filter-pattern-cheat-sheet,
 * https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions
 */

/** The trigger and the condition of a GitHub Actions job that runs only where the role admits its token. */
export interface GitHubJobFilter {
  /** The workflow's `on:`. */
  readonly on: YamlMapping;
  /** The job's `if:`, when the triggers alone do not say it. */
  readonly condition?: string;
  /** What the filter leaves out, as comment lines. */
  readonly notes: CommentLine[];
}

const NOT_PULL_REQUEST = "!startsWith(github.event_name, 'pull_request')";

/** The filter for the role's subjects; `environment` is the environment the job declares, if any. */
export function gitHubJobFilter(subjects: CiSubject[], environment: string | undefined): GitHubJobFilter {
  if (environment !== undefined) {
    return {
      on: { push: {}, workflow_dispatch: {} },
      notes: [new CommentLine(`The environment's deployment branch and tag rules decide which refs deploy to ${environment}.`)],
    };
  }
  const refTerms: string[] = [];
  const branches: string[] = [];
  const tags: string[] = [];
  let anyRef = false;
  let pullRequest = false;
  const notes: CommentLine[] = [];
  for (const subject of subjects) {
    if (subject.kind === CiSubjectKind.BRANCH || subject.kind === CiSubjectKind.TAG) {
      const refs = subject.kind === CiSubjectKind.BRANCH ? 'refs/heads/' : 'refs/tags/';
      const globs = subject.kind === CiSubjectKind.BRANCH ? branches : tags;
      if (subject.name !== undefined) {
        refTerms.push(`github.ref == ${literal(refs + subject.name)}`);
        globs.push(glob(subject.name));
      } else if (subject.namePattern !== undefined && /^[^*?]*\*$/.test(subject.namePattern)) {
        const prefix = subject.namePattern.slice(0, -1);
        refTerms.push(`startsWith(github.ref, ${literal(refs + prefix)})`);
        globs.push(`${glob(prefix)}**`);
      } else {
        notes.push(leftOut(subject, 'GitHub expressions have no exact form for this pattern'));
      }
    } else if (subject.kind === CiSubjectKind.ANY_REF) {
      anyRef = true;
      refTerms.push("startsWith(github.ref, 'refs/heads/')", "startsWith(github.ref, 'refs/tags/')");
    } else if (subject.kind === CiSubjectKind.PULL_REQUEST) {
      pullRequest = true;
    } else if (subject.kind === CiSubjectKind.ENVIRONMENT) {
      notes.push(leftOut(subject, 'the job declares no environment, since the role trusts other subjects or the name is not certain'));
    } else {
      notes.push(leftOut(subject, 'its subject does not say which branch, tag, environment or event it is'));
    }
  }
  const on: Record<string, YamlMapping> = {};
  if (refTerms.length > 0) {
    on.push = anyRef ? {} : {
      branches: branches.length > 0 ? branches : undefined,
      tags: tags.length > 0 ? tags : undefined,
    };
  }
  if (pullRequest) {
    on.pull_request = {};
  }
  const terms: string[] = [];
  if (refTerms.length > 0) {
    terms.push(`(${[...new Set(refTerms)].join(' || ')}) && ${NOT_PULL_REQUEST}`);
  }
  if (pullRequest) {
    terms.push("github.event_name == 'pull_request'");
  }
  if (terms.length === 0) {
    // Nothing can be said exactly: a job that never runs rather than one that runs where the role refuses it.
    notes.push(new CommentLine('No subject of the role could be written as a filter: the job never runs until you write its condition.'));
    return { on: { workflow_dispatch: {} }, condition: 'false', notes };
  }
  return { on, condition: terms.length === 1 ? terms[0] : terms.map((term) => `(${term})`).join(' || '), notes };
}

/** A string literal of a GitHub expression: single quotes, `'` doubled. */
function literal(value: string): string {
  if (value.includes('${{')) {
    // The subject builders refuse '${' in names; a '${{' here would start an expression GitHub evaluates.
    throw invalid('GitHub expression literal', value, 'it contains \'${{\', which would start an expression GitHub evaluates', 'a value without \'${{\'');
  }
  return `'${value.replace(/'/g, "''")}'`;
}

/** A name as a GitHub filter pattern that matches only itself: its special characters escaped with `\`. */
function glob(name: string): string {
  return name.replace(/[*?+[\]!\\]/g, (char) => `\\${char}`);
}

function leftOut(subject: CiSubject, why: string): CommentLine {
  return new CommentLine(`Left out of the filter, ${why}: ${subject.description}.`);
}
