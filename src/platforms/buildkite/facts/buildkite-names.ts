/*
 * Buildkite's OIDC facts: the issuer, the claims AWS STS passes to IAM, the `sub` grammar and the
 * form of the names in it. Plain data, no aws-cdk-lib.
 *
 * Sources, checked 2026-12-02:
 * - buildkite/docs `pages/agent/v3/cli_oidc.md` (Claims): `iss` `https://agent.buildkite.com`; `sub`
 *   `organization:ORGANIZATION_SLUG:pipeline:PIPELINE_SLUG:ref:REF:commit:BUILD_COMMIT:step:STEP_KEY`,
 *   where REF is `refs/tags/TAG` for a build of a tag and `refs/heads/BRANCH` otherwise;
 *   `organization_id` and `pipeline_id` are optional claims, in the token only when the job asks for
 *   them (`buildkite-agent oidc request-token --claim organization_id --claim pipeline_id`);
 * - buildkite/docs `pages/pipelines/security/oidc/aws.md`: provider URL `https://agent.buildkite.com`,
 *   audience `sts.amazonaws.com`;
 * - Buildkite's workload identity federation page ("Working with Buildkite agents"): "Buildkite agents
 *   in every Buildkite organization share the same issuer", so the organization must be checked;
 * - AWS STS Service Authorization Reference (sts:AssumeRoleWithWebIdentity, as listed in
 *   PLATFORMS.md): `agent.buildkite.com:` `build_branch`, `cluster_id`, `cluster_name`,
 *   `organization_id`, `organization_slug`, `pipeline_id`, `pipeline_slug`. The reference also shows
 *   `agent.<domain>.buildkite.dev` and `.site` prefixes; no Buildkite document describes those issuers,
 *   so they are not offered.
 */

/** Buildkite's issuer, without `https://`: one for every organization. */
export const BUILDKITE_ISSUER = 'agent.buildkite.com';

/** The claims besides `aud` and `sub` that AWS STS passes to IAM for Buildkite's issuer. */
export const BUILDKITE_CONDITION_CLAIMS: readonly string[] = [
  'build_branch', 'cluster_id', 'cluster_name', 'organization_id', 'organization_slug', 'pipeline_id', 'pipeline_slug',
];

/** Organization and pipeline slugs: lowercase letters, digits and inner hyphens, as Buildkite makes them from names. */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
export const ORGANIZATION_SLUG_FORM = "an organization slug of lowercase letters, digits and inner '-', e.g. 'acme-inc'";
export const PIPELINE_SLUG_FORM = "a pipeline slug of lowercase letters, digits and inner '-', e.g. 'deploy-app'";

/** Organization and pipeline ids: UUIDs, as the GraphQL API and the pipeline settings show them. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const UUID_FORM = "a lowercase UUID, e.g. '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b'";

/**
 * What follows the ref in every `sub`: the commit and the step key, which change with every build,
 * so a subject of a branch or tag is necessarily a pattern. `:` cannot occur in a git ref name, so
 * the `*` never reaches back into the ref.
 */
export const BUILD_TAIL = ':commit:*:step:*';

/** The start of the `sub` of every job of one pipeline, up to and including `:ref:`. */
export function pipelinePrefix(organization: string, pipeline: string): string {
  return `organization:${organization}:pipeline:${pipeline}:ref:`;
}
