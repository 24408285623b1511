import { checkLiteralOrPattern, invalid } from './literal-part';
import { SubjectWarning } from '../core/finding-texts';
import { SubjectRisk } from '../core/subject-spec';

/**
 * Why a short branch or tag name (or a pattern of one) cannot be a git ref name, or
 * undefined when it can (`git check-ref-format`). `*` and `?` are left to the caller:
 * they make the name an IAM pattern.
 *
 * Git forbids `:` in ref names; the trust policies rely on that: the platforms separate
 * the parts of `sub` with `:`, so no ref name can forge another part.
 */
export function gitRefProblem(name: string): string | undefined {
  if (name.startsWith('refs/')) {
    return "it is a full ref; give the short name ('main', not 'refs/heads/main')";
  }
  if (/[\s:~^\\[]|\.\.|@\{|\/\/|^\/|\/$|\.lock$|\.lock\/|^-|^\.|\/\.|\.$|^@$/.test(name)) {
    return 'git does not allow it in a ref name';
  }
  return undefined;
}

/** The kinds of git ref a subject can name. */
export type RefKind = 'branch' | 'tag';

const REF_FORMS: Record<RefKind, string> = {
  branch: "a branch name such as 'main' or 'release/*' ('*' and '?' make it a pattern)",
  tag: "a tag name such as 'v1.2.3' or 'v*' ('*' and '?' make it a pattern)",
};

/** Throws unless `name` is a short branch or tag name, or a pattern of one. */
export function checkRefName(source: string, kind: RefKind, name: string): void {
  const property = `${source}.${kind}(${kind})`;
  checkLiteralOrPattern(property, name, REF_FORMS[kind]);
  const problem = gitRefProblem(name);
  if (problem) {
    throw invalid(property, name, problem, REF_FORMS[kind]);
  }
}

/** The warning for a ref pattern that matches every branch or every tag, if it does. */
export function everyRefRisk(label: string, kind: RefKind, name: string): SubjectRisk[] {
  if (!/^[*?/]+$/.test(name)) {
    return [];
  }
  return [SubjectWarning.everyRefName(label, kind, name)];
}
