import { GITLAB_DOT_COM_CONDITION_CLAIMS, GITLAB_DOT_COM_ISSUER } from './facts/gitlab-issuers';
import { checkOptionalKind, invalid } from '../../core/runtime-checks';
import { issuerUrlProblem } from '../../providers/issuer-url';

export { GITLAB_DOT_COM_ISSUER } from './facts/gitlab-issuers';

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
  const problem = issuerUrlProblem(url);
  if (problem) {
    throw invalid(property, url, problem, URL_FORM);
  }
  const issuer = url.slice('https://'.length).replace(/\/$/, '');
  return {
    issuer,
    conditionClaims: issuer === GITLAB_DOT_COM_ISSUER ? [...GITLAB_DOT_COM_CONDITION_CLAIMS] : [],
  };
}
