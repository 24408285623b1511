/*
 * Reading back an exact subject of a customized GitHub subject template (`include_claim_keys`).
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository
 */
import { ReadingWarning } from '../../../core/finding-texts';
import { scopeProblemReading, SubjectKind, SubjectReading, SubjectRiskReading } from '../../../core/subject-reading';

/** The fix for a template's subject that names no repository. */
export const TEMPLATE_REPOSITORY_FIX = "Include the 'repo' or 'repository_id' claim key in the subject template and name the repository.";

/** `acme@123` → `acme`: the immutable subject form appends the numeric id to owner and repository names. */
export function stripId(name: string): string {
  return name.replace(/@\d+$/, '');
}

function stripIds(fullName: string): string {
  return fullName.split('/').map(stripId).join('/');
}

/** The claim keys of a customized GitHub subject template, and how each reads in plain words. */
const GITHUB_TEMPLATE_KEYS: Record<string, (value: string) => string> = {
  repo: (v) => stripIds(v),
  repository: (v) => v,
  repository_owner: (v) => `owner ${v}`,
  repository_owner_id: (v) => `owner id ${v}`,
  repository_id: (v) => `repository id ${v}`,
  repository_visibility: (v) => `${v} repositories`,
  environment: (v) => `environment ${v}`,
  ref: (v) => (v.startsWith('refs/heads/') ? `branch ${v.slice(11)}` : v.startsWith('refs/tags/') ? `tag ${v.slice(10)}` : `ref ${v}`),
  ref_type: (v) => `any ${v}`,
  job_workflow_ref: (v) => `workflow file ${v}`,
  workflow_ref: (v) => `caller workflow file ${v}`,
  workflow: (v) => `workflow ${v}`,
  event_name: (v) => `${v} events`,
  runner_environment: (v) => `${v} runners`,
  enterprise: (v) => `enterprise ${v}`,
  enterprise_id: (v) => `enterprise id ${v}`,
};

/**
 * Reads an exact subject of a customized GitHub subject template (`include_claim_keys`):
 * `key:value` pairs, values with `:` written as `%3A`, and the `context` key written as
 * GitHub's default context (`environment:<name>`, `ref:<ref>`, `pull_request`).
 * Undefined when a part is no claim key of GitHub's templates.
 */
export function readGitHubTemplate(value: string): SubjectReading | undefined {
  const pairs: Array<[string, string]> = [];
  const tokens = value.split(':');
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'pull_request') {
      pairs.push(['pull_request', '']);
    } else if (GITHUB_TEMPLATE_KEYS[tokens[i]] !== undefined && i + 1 < tokens.length && tokens[i + 1] !== ''
      && (!['repo', 'repository'].includes(tokens[i]) || /^[^/]+\/[^/]+$/.test(tokens[i + 1]))) {
      pairs.push([tokens[i], tokens[i + 1].replace(/%3A/gi, ':')]);
      i++;
    } else {
      return undefined;
    }
  }
  const keys = pairs.map(([key]) => key);
  const words = pairs.map(([key, v]) => (key === 'pull_request' ? 'pull requests' : GITHUB_TEMPLATE_KEYS[key](v)));
  const names = (list: string[]): boolean => keys.some((key) => list.includes(key));
  const risks: SubjectRiskReading[] = [];
  if (!names(['repo', 'repository', 'repository_id', 'repository_owner', 'repository_owner_id'])) {
    // Any repository on GitHub can set a template of these keys: nothing ties the subject to one owner.
    return scopeProblemReading(value, false,
      'names neither the repository nor its owner, so a repository of any owner whose subject template has the same keys presents it',
      "Include the 'repo' (or 'repository_id', 'repository_owner_id') claim key in the subject template and name the repository");
  }
  if (!names(['repo', 'repository', 'repository_id'])) {
    risks.push(ReadingWarning.templateWithoutRepository(value, TEMPLATE_REPOSITORY_FIX));
  }
  if (!names(['environment', 'ref', 'pull_request'])) {
    risks.push(ReadingWarning.templateWithoutRef(value,
      "Include the 'context' (or 'environment', 'ref') claim key in the subject template and name an environment or branch."));
  } else if (keys.includes('pull_request')) {
    risks.push(ReadingWarning.templatePullRequest(value));
  }
  const kind: SubjectKind = keys.includes('environment') ? 'environment'
    : keys.includes('pull_request') ? 'pullRequest'
      : pairs.some(([key, v]) => key === 'ref' && v.startsWith('refs/heads/')) ? 'branch'
        : pairs.some(([key, v]) => key === 'ref' && v.startsWith('refs/tags/')) ? 'tag' : 'other';
  return { value, pattern: false, kind, description: words.join(', '), risks };
}
