import { CiIssuerFamilyFacts } from '../../../core/ci-platform-facts';

/** The host of github.com's OIDC issuer. */
export const GITHUB_DOT_COM_HOST = 'token.actions.githubusercontent.com';

/**
 * The claims STS passes for github.com's issuer and its enterprise-slug form (AWS STS service
 * authorization reference, 2026-01: the `token.actions.githubusercontent.com:*` keys).
 */
export const GITHUB_DOT_COM_CONDITION_CLAIMS: readonly string[] = [
  'repository', 'repository_id', 'repository_owner_id', 'job_workflow_ref', 'ref', 'environment', 'workflow', 'actor', 'actor_id', 'enterprise_id',
];

/**
 * GitHub's issuers known by name: github.com (shared by every owner: the tenancy is in `sub`),
 * an enterprise's unique issuer URL, GHE.com and GitHub Enterprise Server (`<host>/_services/token`).
 *
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect
 */
export const GITHUB_ISSUER_FAMILIES: readonly CiIssuerFamilyFacts[] = [
  { name: 'github.com', issuer: /^token\.actions\.githubusercontent\.com$/, conditionClaims: GITHUB_DOT_COM_CONDITION_CLAIMS, tenancy: 'shared' },
  {
    name: 'GitHub Enterprise Cloud (unique issuer URL)',
    issuer: /^token\.actions\.githubusercontent\.com\/[^/]+$/,
    conditionClaims: GITHUB_DOT_COM_CONDITION_CLAIMS,
    tenancy: 'perTenant',
  },
  { name: 'GHE.com (data residency)', issuer: /^token\.actions\.[a-z0-9-]+\.ghe\.com$/, conditionClaims: [], tenancy: 'perTenant' },
  { name: 'GitHub Enterprise Server', issuer: /^[^/]+\/_services\/token$/, conditionClaims: [], tenancy: 'perTenant' },
];
