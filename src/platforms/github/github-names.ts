import { Token } from 'aws-cdk-lib';
import { checkPositiveId, hasWildcard, invalid, textProblem } from '../../subjects/literal-part';

/** GitHub account and organization names; `_` appears in Enterprise Managed Users' names. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,98}[A-Za-z0-9])?$/;

/** GitHub repository names. */
const REPOSITORY = /^[A-Za-z0-9._-]{1,100}$/;

const OWNER_FORM = "an owner name of letters, digits, '-' and '_', e.g. 'acme'";
const REPOSITORY_FORM = "'<owner>/<repository>' with letters, digits, '.', '-' and '_', e.g. 'acme/api'";

/** Throws unless `owner` is a literal GitHub owner name. */
export function checkOwner(property: string, owner: string): void {
  const problem = namePart(owner) ?? (OWNER.test(owner) ? undefined : 'it is not a GitHub owner name');
  if (problem) {
    throw invalid(property, owner, problem, OWNER_FORM);
  }
}

/** Splits `owner/repository`, throwing unless both are literal GitHub names. */
export function parseRepository(property: string, fullName: string): { owner: string; repository: string } {
  const problem = repositoryProblem(fullName);
  if (problem) {
    throw invalid(property, fullName, problem, REPOSITORY_FORM);
  }
  const [owner, repository] = fullName.split('/');
  return { owner, repository };
}

/** Why `fullName` is not a literal `<owner>/<repository>` of GitHub, or `undefined` when it is. */
export function repositoryProblem(fullName: string): string | undefined {
  const problem = namePart(fullName);
  if (problem) {
    return problem;
  }
  const parts = fullName.split('/');
  if (parts.length !== 2) {
    return `it has ${parts.length - 1} '/' instead of one`;
  }
  const [owner, repository] = parts;
  if (!OWNER.test(owner)) {
    return `'${owner}' is not a GitHub owner name`;
  }
  if (!REPOSITORY.test(repository) || repository === '.' || repository === '..') {
    return `'${repository}' is not a GitHub repository name`;
  }
  return undefined;
}

function namePart(value: string): string | undefined {
  if (Token.isUnresolved(value)) {
    return 'it is a token; repository names must be literal so that they can be checked';
  }
  if (hasWildcard(value)) {
    return "wildcards are never allowed in the owner or repository (for every repository of an owner use GitHubOwner.of('acme'))";
  }
  return textProblem(value);
}

/** Where to look up the numeric ids, for the error message. */
export const OWNER_ID_LOOKUP = '`gh api users/OWNER --jq .id`';
export const REPOSITORY_ID_LOOKUP = '`gh api repos/OWNER/REPO --jq .id`';

/** Throws unless `id` is a positive integer that JavaScript holds exactly. */
export function checkId(property: string, id: number | undefined, lookup: string): void {
  checkPositiveId(property, id, `GitHub's numeric id, e.g. 123456789 (from ${lookup})`);
}
