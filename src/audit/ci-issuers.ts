/** The CI platforms the audit reads subjects of. */
export type AuditPlatform = 'github' | 'gitlab';

/** Issuers the audit cannot recognize by their name alone. */
export interface IssuerOptions {
  /**
   * Issuers (host and path, without `https://`) of self-managed GitLab instances: audited
   * even when a statement has no `sub` condition from which to tell the platform.
   */
  readonly gitLabIssuers?: string[];
}

/** `https://Host/Path/` → `host/Path`: the form of IAM condition key prefixes and provider ARNs. */
export function normalizeIssuer(issuer: string): string {
  const bare = issuer.trim().replace(/^https:\/\//i, '').replace(/\/+$/, '');
  const slash = bare.indexOf('/');
  return slash === -1 ? bare.toLowerCase() : bare.slice(0, slash).toLowerCase() + bare.slice(slash);
}

/** A family of issuers of one CI platform, and the claims AWS STS passes to IAM for its tokens. */
export interface CiIssuerFamily {
  readonly platform: AuditPlatform;
  /** In plain words, e.g. `github.com`. */
  readonly name: string;
  /** Matches the family's issuers, normalized (`normalizeIssuer`). */
  readonly issuer: RegExp;
  /**
   * The claims, besides `aud` and `sub`, that STS turns into `<issuer>:<claim>` condition keys
   * for these issuers; a condition on any other claim meets a missing key.
   */
  readonly conditionClaims: readonly string[];
}

/**
 * The claims STS passes for github.com's issuer and its enterprise-slug form (AWS STS service
 * authorization reference, 2026-01: the `token.actions.githubusercontent.com:*` keys).
 */
export const GITHUB_DOT_COM_CONDITION_CLAIMS: readonly string[] = [
  'repository', 'repository_id', 'repository_owner_id', 'job_workflow_ref', 'ref', 'environment', 'workflow', 'actor', 'actor_id', 'enterprise_id',
];

/**
 * The claims STS passes for gitlab.com's issuer (AWS STS service authorization reference,
 * 2026-01: `gitlab.com:<claim>`). AWS documents none for self-managed instances or GitLab Dedicated.
 */
export const GITLAB_DOT_COM_CONDITION_CLAIMS: readonly string[] = [
  'namespace_id', 'pipeline_source', 'project_id', 'ref_protected', 'runner_environment', 'user_access_level', 'user_email', 'user_id', 'user_login',
];

/**
 * The issuers known by name. A new platform (or issuer) is a new row; issuers that are only
 * known from the configuration (self-managed GitLab) are added by `issuerFamilyOf`.
 */
export const CI_ISSUER_FAMILIES: readonly CiIssuerFamily[] = [
  { platform: 'github', name: 'github.com', issuer: /^token\.actions\.githubusercontent\.com$/, conditionClaims: GITHUB_DOT_COM_CONDITION_CLAIMS },
  {
    platform: 'github',
    name: 'GitHub Enterprise Cloud (unique issuer URL)',
    issuer: /^token\.actions\.githubusercontent\.com\/[^/]+$/,
    conditionClaims: GITHUB_DOT_COM_CONDITION_CLAIMS,
  },
  { platform: 'github', name: 'GHE.com (data residency)', issuer: /^token\.actions\.[a-z0-9-]+\.ghe\.com$/, conditionClaims: [] },
  { platform: 'github', name: 'GitHub Enterprise Server', issuer: /^[^/]+\/_services\/token$/, conditionClaims: [] },
  { platform: 'gitlab', name: 'gitlab.com', issuer: /^gitlab\.com$/, conditionClaims: GITLAB_DOT_COM_CONDITION_CLAIMS },
];

/** The family of an issuer: a known one, a configured self-managed GitLab, or undefined. */
export function issuerFamilyOf(issuer: string, options: IssuerOptions = {}): CiIssuerFamily | undefined {
  const value = normalizeIssuer(issuer);
  const known = CI_ISSUER_FAMILIES.find((family) => family.issuer.test(value));
  if (known !== undefined) {
    return known;
  }
  if ((options.gitLabIssuers ?? []).some((other) => normalizeIssuer(other) === value)) {
    return { platform: 'gitlab', name: 'self-managed GitLab', issuer: new RegExp(`^${value.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')}$`), conditionClaims: [] };
  }
  return undefined;
}

/**
 * The platform of an issuer known by name: github.com (and its enterprise-slug form), GHE.com,
 * GitHub Enterprise Server (`<host>/_services/token`), gitlab.com and the configured GitLab issuers.
 */
export function platformOfIssuer(issuer: string, options: IssuerOptions = {}): AuditPlatform | undefined {
  return issuerFamilyOf(issuer, options)?.platform;
}

/** The platform whose subject format a `sub` value has (`repo:`, `project_path:`, `project_id:`). */
export function platformOfSubject(value: string): AuditPlatform | undefined {
  if (value.startsWith('repo:')) {
    return 'github';
  }
  if (value.startsWith('project_path:') || value.startsWith('project_id:')) {
    return 'gitlab';
  }
  return undefined;
}

/** The platform's name in findings. */
export function platformName(platform: AuditPlatform | undefined): string {
  return platform === 'github' ? 'GitHub Actions' : platform === 'gitlab' ? 'GitLab CI/CD' : 'CI';
}
