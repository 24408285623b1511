/*
 * What Bitbucket Pipelines' OIDC tokens are, from Atlassian's documentation ("Integrate Pipelines with
 * resource servers using OIDC", "Deploy on AWS using Bitbucket Pipelines OpenID Connect", and the
 * blog "Bitbucket Pipelines OIDC now supports multiple audiences", read 2026-12-02):
 * - the issuer is per workspace, `https://api.bitbucket.org/2.0/workspaces/<workspace>/pipelines-config/identity/oidc`;
 * - `aud` is `ari:cloud:bitbucket::workspace/<workspace UUID>` unless the step lists its own
 *   (`oidc: audiences:`, at most 10, each at most 150 characters);
 * - a step gets `$BITBUCKET_STEP_OIDC_TOKEN` only with `oidc: true` (or `oidc: audiences:`);
 * - `sub` is `{<repository UUID>}:{<step UUID>}`, and for a step that deploys to an environment
 *   `{<repository UUID>}{<environment UUID>}:{<step UUID>}`, braces included. The environment form
 *   could not be read on Atlassian's page itself (VERIFY in ../shared/PLATFORMS.md); other sources write
 *   `{repo}:{env}:{step}` or `{repo}:{branch}:{step}`. The subjects below match the step UUID as one
 *   brace-wrapped UUID, so under any other form they match no token (fail closed) rather than more.
 * AWS STS passes no Bitbucket claim to IAM besides `aud` and `sub` (service authorization reference).
 * Plain JSON logic, no aws-cdk-lib: the subject builders and the audit share it.
 */

/** The host and fixed path before the workspace, and the path after it. */
export const BITBUCKET_ISSUER_PREFIX = 'api.bitbucket.org/2.0/workspaces/';
export const BITBUCKET_ISSUER_SUFFIX = '/pipelines-config/identity/oidc';

/** A workspace id (slug) as Bitbucket allows it: lowercase letters, digits, `-` and `_`. */
export const BITBUCKET_WORKSPACE = /^[a-z0-9][a-z0-9_-]{0,61}$/;

/** A Bitbucket UUID as the token writes it: lowercase hexadecimal in braces. */
export const BITBUCKET_UUID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/;

/** The form of a UUID, for error messages. */
export const BITBUCKET_UUID_FORM = "a UUID in lowercase, with or without its braces, e.g. '{1a2b3c4d-1111-4a2b-8c3d-0123456789ab}'";

/** An IAM pattern for exactly one brace-wrapped UUID: the step, which changes with every run. */
export const ANY_BITBUCKET_UUID = '{????????-????-????-????-????????????}';

/** The issuer (host and path, without `https://`) of a workspace. */
export function bitbucketIssuer(workspace: string): string {
  return `${BITBUCKET_ISSUER_PREFIX}${workspace}${BITBUCKET_ISSUER_SUFFIX}`;
}

/** The workspace of a Bitbucket issuer, or undefined for another issuer. */
export function bitbucketWorkspaceOf(issuer: string): string | undefined {
  if (!issuer.startsWith(BITBUCKET_ISSUER_PREFIX) || !issuer.endsWith(BITBUCKET_ISSUER_SUFFIX)) {
    return undefined;
  }
  const workspace = issuer.slice(BITBUCKET_ISSUER_PREFIX.length, issuer.length - BITBUCKET_ISSUER_SUFFIX.length);
  return BITBUCKET_WORKSPACE.test(workspace) ? workspace : undefined;
}

/** A UUID with its braces, as the token writes it; undefined when it is not a lowercase UUID. */
export function bracedUuid(value: string): string | undefined {
  const braced = value.startsWith('{') ? value : `{${value}}`;
  return BITBUCKET_UUID.test(braced) ? braced : undefined;
}

/** The default audience of a workspace's tokens. */
export function workspaceAudience(workspaceUuid: string): string {
  return `ari:cloud:bitbucket::workspace/${workspaceUuid.replace(/^\{|\}$/g, '')}`;
}

/** The `sub` of the steps of a repository that deploy to no environment, any step. */
export function repositoryStepSubject(repositoryUuid: string): string {
  return `${repositoryUuid}:${ANY_BITBUCKET_UUID}`;
}

/** The `sub` of the steps of a repository that deploy to one environment, any step. */
export function environmentStepSubject(repositoryUuid: string, environmentUuid: string): string {
  return `${repositoryUuid}${environmentUuid}:${ANY_BITBUCKET_UUID}`;
}
