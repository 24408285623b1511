/*
 * What CircleCI's OIDC tokens are, from CircleCI's own documentation (circleci/circleci-docs,
 * docs/guides/modules/permissions-authentication/pages/openid-connect-tokens.adoc, read 2026-12-02):
 * - the issuer is per organization, `https://oidc.circleci.com/org/<organization_id>`, the id a UUID;
 * - `aud` is fixed to the organization id (custom audiences only through `circleci run oidc get`);
 * - `sub` of `$CIRCLE_OIDC_TOKEN` is `org/<organization_id>/project/<project_id>/user/<user_id>`, and of
 *   `$CIRCLE_OIDC_TOKEN_V2` the same followed by `/vcs-origin/<vcs_origin>/vcs-ref/<vcs_ref>`, e.g.
 *   `.../vcs-origin/github.com/organization-123/repo-1/vcs-ref/refs/heads/main`; the three ids are UUIDs,
 *   the user the one who caused the job to run;
 * - forked pull requests get tokens only with "Pass secrets to builds from forked pull requests", and
 *   then policies "must" check the VCS origin.
 * AWS STS passes one claim besides `aud` and `sub` as a condition key for these issuers:
 * `oidc.circleci.com/org/<OrgId>:oidc.circleci.com/project-id` (Service Authorization Reference for
 * `sts:AssumeRoleWithWebIdentity`; also in iam-floyd's generated `Sts` statement provider). Plain JSON
 * logic, no aws-cdk-lib: the subject builders and the audit share it.
 */

/** The host and fixed path of every CircleCI issuer; the organization id follows. */
export const CIRCLECI_ISSUER_PREFIX = 'oidc.circleci.com/org/';

/** The claim that names the project, which AWS STS passes as a condition key. */
export const CIRCLECI_PROJECT_ID_CLAIM = 'oidc.circleci.com/project-id';

/** The claims, besides `aud` and `sub`, that AWS STS passes for CircleCI's issuers. */
export const CIRCLECI_CONDITION_CLAIMS: readonly string[] = [CIRCLECI_PROJECT_ID_CLAIM];

/** A CircleCI id as CircleCI writes it: a UUID in lowercase hexadecimal. */
export const CIRCLECI_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The form of an id, for error messages. */
export const CIRCLECI_ID_FORM = "a UUID in lowercase, e.g. 'aa1b2c3d-1111-4a2b-8c3d-0123456789ab'";

/**
 * An IAM pattern that matches exactly one UUID-shaped value: 36 single-character wildcards with the
 * dashes fixed. Subjects use it for the user id, which varies from job to job: unlike `*`, it can
 * never stretch over a `/` and the text after it, so a branch named `x/vcs-origin/github.com/acme/api/...`
 * cannot spell another repository's origin and ref.
 */
export const ANY_CIRCLECI_ID = '????????-????-????-????-????????????';

/** The issuer (host and path, without `https://`) of a CircleCI organization. */
export function circleCiIssuer(organizationId: string): string {
  return `${CIRCLECI_ISSUER_PREFIX}${organizationId}`;
}

/** The organization id of a CircleCI issuer (normalized, without `https://`), or undefined for another issuer. */
export function circleCiOrganizationOf(issuer: string): string | undefined {
  if (!issuer.startsWith(CIRCLECI_ISSUER_PREFIX)) {
    return undefined;
  }
  const id = issuer.slice(CIRCLECI_ISSUER_PREFIX.length);
  return CIRCLECI_ID.test(id) ? id : undefined;
}

/** The start of every `sub` of a project's jobs, up to and including `/user/`. */
export function circleCiProjectPrefix(organizationId: string, projectId: string): string {
  return `org/${organizationId}/project/${projectId}/user/`;
}

/** The `sub` of `$CIRCLE_OIDC_TOKEN_V2` for a project, an origin and a ref, any user. */
export function circleCiV2Subject(organizationId: string, projectId: string, vcsOrigin: string, vcsRef: string): string {
  return `${circleCiProjectPrefix(organizationId, projectId)}${ANY_CIRCLECI_ID}/vcs-origin/${vcsOrigin}/vcs-ref/${vcsRef}`;
}

/**
 * Why a VCS origin (`github.com/acme/api`) is not one CircleCI writes, or undefined: a host and at
 * least one path segment, no scheme, no trailing `/`, no wildcards.
 */
export function vcsOriginProblem(origin: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(origin)) {
    return "it has a scheme; CircleCI writes the origin without one ('github.com/acme/api')";
  }
  if (/[*?]/.test(origin)) {
    return 'it contains a wildcard, and the origin names the repository';
  }
  const [host, ...path] = origin.split('/');
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(host)) {
    return `its host '${host}' is not a lowercase DNS name`;
  }
  if (path.length < 1 || path.some((segment) => !/^[A-Za-z0-9_.~-]+$/.test(segment) || segment === '.' || segment === '..')) {
    return "it is not a host followed by the repository's path ('github.com/<owner>/<repository>')";
  }
  return undefined;
}
