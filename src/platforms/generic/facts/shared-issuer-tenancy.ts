/*
 * The tenancy rule of IAM's identity-provider controls, checked at synthesis: a role trusting a
 * shared issuer must evaluate the claim that names the tenant, and must evaluate it so that no
 * other tenant passes. CDK-free.
 */
import { sharedIssuerOf } from './shared-issuers';

/** The audiences every tenant of any issuer can ask for: never a tenant's own. */
const STS_AUDIENCES = ['sts.amazonaws.com', 'sts.amazonaws.com.cn'];

/**
 * Why a trust of `issuer` that requires `audience` lets other tenants in, or undefined. For an
 * issuer that names the tenant in `aud` (Pulumi Cloud, Vercel ...), the audience must be the
 * tenant's own, literal value.
 *
 * @param unresolved whether `audience` is a token, whose value is not known at synthesis
 */
export function audienceTenancyProblem(issuer: string, audience: string, unresolved: boolean): string | undefined {
  const shared = sharedIssuerOf(issuer);
  if (shared?.tenancy !== 'aud') {
    return undefined;
  }
  if (unresolved) {
    return `${shared.name} ('${shared.issuer}') is a shared issuer that names the tenant in 'aud', so the audience must be literal for the tenancy to be checked`;
  }
  if (STS_AUDIENCES.includes(audience)) {
    return `${shared.name} ('${shared.issuer}') is a shared issuer that names the tenant in 'aud' (IAM identity-provider controls), ` +
      `and '${audience}' is an audience every tenant can ask for`;
  }
  return undefined;
}

/**
 * Why a trust of `issuer` cannot be written by this library at all, or undefined: the tenant of
 * Microsoft Sentinel's tokens is told by `sts:RoleSessionName`, a condition this library does not write.
 */
export function unsupportedTenancyProblem(issuer: string): string | undefined {
  const shared = sharedIssuerOf(issuer);
  return shared?.tenancy === 'sts:RoleSessionName'
    ? `${shared.name} ('${shared.issuer}') names the tenant in 'sts:RoleSessionName' (IAM identity-provider controls), a condition this library does not write`
    : undefined;
}

/**
 * Why a `sub` pattern lets other tenants of a shared issuer in, or undefined: its fixed part (the
 * text before its first wildcard) must hold the tenant prefix the issuer documents completely.
 * Exact values name one token's `sub`, tenant included, and are never refused.
 */
export function subjectTenancyProblem(issuer: string, sub: string, pattern: boolean): string | undefined {
  const shared = sharedIssuerOf(issuer);
  if (!pattern || shared?.tenancy !== 'sub' || shared.tenantPrefix === undefined) {
    return undefined;
  }
  const wildcard = sub.search(/[*?]/);
  const fixed = wildcard === -1 ? sub : sub.slice(0, wildcard);
  if (shared.tenantPrefix.test(fixed)) {
    return undefined;
  }
  return `${shared.name} ('${shared.issuer}') is a shared issuer that names the tenant in 'sub', and the fixed part '${fixed}' before the first wildcard ` +
    `does not hold the complete tenant prefix ${shared.tenantPrefixForm}, so tokens of other tenants match`;
}
