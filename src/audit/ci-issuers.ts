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

/**
 * The platform of an issuer known by name: github.com (and its enterprise-slug form), GHE.com,
 * GitHub Enterprise Server (`<host>/_services/token`), gitlab.com and the configured GitLab issuers.
 */
export function platformOfIssuer(issuer: string, options: IssuerOptions = {}): AuditPlatform | undefined {
  const value = normalizeIssuer(issuer);
  if (/^token\.actions\.githubusercontent\.com(\/[^/]+)?$/.test(value)
    || /^token\.actions\.[a-z0-9-]+\.ghe\.com$/.test(value)
    || /^[^/]+\/_services\/token$/.test(value)) {
    return 'github';
  }
  if (value === 'gitlab.com' || (options.gitLabIssuers ?? []).some((other) => normalizeIssuer(other) === value)) {
    return 'gitlab';
  }
  return undefined;
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
