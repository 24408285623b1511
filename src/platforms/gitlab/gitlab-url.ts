import { Token } from 'aws-cdk-lib';
import { GITLAB_DOT_COM_CONDITION_CLAIMS, GITLAB_DOT_COM_ISSUER } from './facts/gitlab-issuers';
import { checkOptionalKind, invalid } from '../../core/runtime-checks';
import { hostnameProblem } from '../../providers/hostname';

export { GITLAB_DOT_COM_ISSUER } from './facts/gitlab-issuers';

/** A path segment of a relative-URL GitLab installation (`https://example.com/gitlab`). */
const PATH_SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

const URL_FORM = "'https://gitlab.com' or the https URL of a self-managed instance, e.g. 'https://gitlab.example.com', without port, query or credentials";

/** A GitLab instance's issuer, as IAM names it. */
export interface GitLabIssuerParts {
  /** Host and path, without `https://` or a trailing `/`: the prefix of every condition key. */
  readonly issuer: string;
  /** The claims IAM receives as condition keys besides `aud` and `sub`. */
  readonly conditionClaims: string[];
}

/**
 * Parses the URL of a GitLab instance into its issuer. GitLab's `iss` claim is the
 * instance's URL, so the issuer is host and path; a trailing `/` is dropped.
 *
 * @param property the property name for errors
 * @param url `https://gitlab.com` or a self-managed instance's URL; undefined for gitlab.com
 */
export function parseGitLabUrl(property: string, url: string | undefined): GitLabIssuerParts {
  checkOptionalKind(property, url, 'string', URL_FORM);
  if (url === undefined) {
    return { issuer: GITLAB_DOT_COM_ISSUER, conditionClaims: [...GITLAB_DOT_COM_CONDITION_CLAIMS] };
  }
  const problem = urlProblem(url);
  if (problem) {
    throw invalid(property, url, problem, URL_FORM);
  }
  const issuer = url.slice('https://'.length).replace(/\/$/, '');
  return {
    issuer,
    conditionClaims: issuer === GITLAB_DOT_COM_ISSUER ? [...GITLAB_DOT_COM_CONDITION_CLAIMS] : [],
  };
}

function urlProblem(url: string): string | undefined {
  if (Token.isUnresolved(url)) {
    // The issuer names every condition key, so it must be known at synthesis.
    return 'it is a token; the URL must be literal because IAM names the condition keys after it';
  }
  if (/\s/.test(url)) {
    return 'it contains white space';
  }
  if (!url.startsWith('https://')) {
    return 'it does not start with https:// (IAM accepts only https issuers)';
  }
  const rest = url.slice('https://'.length).replace(/\/$/, '');
  if (/[?#]/.test(rest)) {
    return 'it has a query or fragment';
  }
  if (rest.includes('@')) {
    return 'it has credentials';
  }
  const [host, ...path] = rest.split('/');
  const hostProblem = hostnameProblem(host);
  if (hostProblem) {
    return `its host '${host}' is ${hostProblem === 'has a port' ? 'followed by a port' : hostProblem}`;
  }
  const badSegment = path.find((segment) => !PATH_SEGMENT.test(segment));
  if (badSegment !== undefined) {
    return `its path segment '${badSegment}' is empty or not made of letters, digits, '.', '_', '~' and '-'`;
  }
  if (rest.length > 255 - 'https://'.length) {
    return 'it is longer than 255 characters (the most IAM accepts for a provider URL)';
  }
  return undefined;
}
