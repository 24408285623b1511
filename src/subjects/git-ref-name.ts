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
