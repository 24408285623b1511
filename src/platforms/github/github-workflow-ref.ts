import { repositoryProblem } from './github-names';
import { gitRefProblem } from '../../subjects/git-ref-name';
import { hasWildcard, invalid, textProblem } from '../../subjects/literal-part';

const WORKFLOW_REF_FORM =
  "'<owner>/<repository>/.github/workflows/<file>.yml@<ref>', where <ref> is 'refs/heads/<branch>', 'refs/tags/<tag>' " +
  "or a full commit SHA, e.g. 'acme/shared-workflows/.github/workflows/deploy.yml@refs/heads/main'";

/** `owner/repo/.github/workflows/file.yml@ref`; reusable workflows live directly in `.github/workflows`. */
const WORKFLOW_REF = /^([^/]+\/[^/]+)\/\.github\/workflows\/([A-Za-z0-9._-]+\.ya?ml)@(.+)$/;

/**
 * Throws unless `value` is an exact `job_workflow_ref`, as GitHub writes it in the token:
 * the reusable workflow's repository, its file in `.github/workflows/`, and the full ref or
 * commit SHA it was called at. No wildcards: IAM compares it with `StringEquals`.
 *
 * The short form `@main` of a workflow's `uses:` line never appears in the token (GitHub
 * writes `@refs/heads/main`), so it is refused rather than producing a role nobody can assume.
 */
export function checkJobWorkflowRef(property: string, value: string): void {
  const problem = textProblem(value) ?? (hasWildcard(value) ? "it contains '*' or '?', and the reusable workflow must be exact" : undefined);
  if (problem) {
    throw invalid(property, value, problem, WORKFLOW_REF_FORM);
  }
  const match = WORKFLOW_REF.exec(value);
  if (!match) {
    throw invalid(property, value, "it is not a workflow file directly in '.github/workflows/' of a repository, followed by '@<ref>'", WORKFLOW_REF_FORM);
  }
  const [, repository, , ref] = match;
  if (repositoryProblem(repository) !== undefined) {
    throw invalid(property, value, `'${repository}' is not a GitHub repository`, WORKFLOW_REF_FORM);
  }
  const refProblem = workflowRefProblem(ref);
  if (refProblem) {
    throw invalid(property, value, refProblem, WORKFLOW_REF_FORM);
  }
}

function workflowRefProblem(ref: string): string | undefined {
  if (/^[0-9a-f]{40}$/.test(ref) || /^[0-9a-f]{64}$/.test(ref)) {
    return undefined;
  }
  if (/^[0-9a-f]{7,39}$/.test(ref)) {
    return `'@${ref}' is a short commit SHA: GitHub writes the full 40-character SHA in the token`;
  }
  const short = /^refs\/(?:heads|tags)\/(.+)$/.exec(ref)?.[1];
  if (short === undefined && ref.startsWith('refs/')) {
    return `'@${ref}' is neither a branch nor a tag: pin the reusable workflow to a branch, a tag or a commit`;
  }
  if (short === undefined) {
    return `'@${ref}' is not a full ref: GitHub writes 'refs/heads/${ref}' or 'refs/tags/${ref}' in the token, or a full commit SHA`;
  }
  const problem = gitRefProblem(short);
  return problem ? `'${short}' is not a branch or tag name: ${problem}` : undefined;
}
