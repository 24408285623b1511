/*
 * What AWS STS hands to IAM when a CI job calls sts:AssumeRoleWithWebIdentity with its token:
 * the provider named by the token's `iss`, and `<issuer>:<claim>` condition keys for `aud`,
 * `sub` and the claims STS passes for that issuer. Plain JSON, no aws-cdk-lib.
 */
import { CiIssuerFamily, IssuerOptions } from '../core/ci-platform-facts';
import { normalizeIssuer } from '../core/issuer-name';
import { issuerFamilyOf } from '../platforms/registry';

/** A token's payload could not be read as the claims of a web identity token. */
export class TokenError extends Error {}

/** A token's claims: the decoded payload of the JWT. */
export type TokenClaims = Record<string, unknown>;

/** The request STS builds from a token. */
export interface WebIdentityRequest {
  /** The token's issuer as IAM names it: `iss` without `https://`, host in lowercase. */
  readonly issuer: string;
  /** The issuer's family, when the library knows it. */
  readonly family?: CiIssuerFamily;
  /** The claims STS turns into condition keys, besides `aud` and `sub`. */
  readonly passedClaims: readonly string[];
  /** Condition keys present in the request, by lowercase key (IAM compares key names without case). */
  readonly keys: ReadonlyMap<string, string>;
  /** Lowercase keys whose claim is a list or an object: IAM's string operators cannot be decided for them here. */
  readonly unreadable: ReadonlySet<string>;
  /** The claims of the token. */
  readonly claims: TokenClaims;
}

/**
 * Builds the request STS makes of a token's claims. Issuers the library does not know get
 * `aud` and `sub` only, as AWS documents for every issuer without provider-specific keys.
 */
export function webIdentityRequest(claims: TokenClaims, options: IssuerOptions = {}): WebIdentityRequest {
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    throw new TokenError('the token\'s payload is not a JSON object of claims');
  }
  const iss = claims.iss;
  if (typeof iss !== 'string' || !/^https:\/\/[^/\s]/i.test(iss)) {
    throw new TokenError(`the token has no https issuer ('iss' is ${JSON.stringify(iss) ?? 'missing'}): STS finds the provider by it`);
  }
  const issuer = normalizeIssuer(iss);
  const family = issuerFamilyOf(issuer, options);
  const passedClaims = family?.conditionClaims ?? [];
  const keys = new Map<string, string>();
  const unreadable = new Set<string>();
  for (const claim of ['aud', 'sub', ...passedClaims]) {
    const value = claims[claim];
    const key = `${issuer}:${claim}`.toLowerCase();
    if (value === undefined || value === null) {
      continue;
    }
    if (typeof value === 'object') {
      unreadable.add(key);
    } else {
      keys.set(key, String(value));
    }
  }
  return { issuer, family, passedClaims, keys, unreadable, claims };
}

/** Why a condition key is missing from a request, in words. */
export function whyKeyIsMissing(request: WebIdentityRequest, key: string): string {
  const colon = key.lastIndexOf(':');
  const prefix = colon === -1 ? '' : normalizeIssuer(key.slice(0, colon));
  const claim = key.slice(colon + 1).toLowerCase();
  if (prefix !== request.issuer) {
    return `STS names the keys of this token after its issuer ('${request.issuer}:...'), so '${key}' is never in the request`;
  }
  if (claim !== 'aud' && claim !== 'sub' && !request.passedClaims.includes(claim)) {
    const from = request.family === undefined ? `the issuer '${request.issuer}'` : `${request.family.name} ('${request.issuer}')`;
    return `STS does not pass the claim '${claim}' for ${from} (it passes ${['aud', 'sub', ...request.passedClaims].join(', ')}), ` +
      'so no token of this issuer meets the condition';
  }
  return `the token has no claim '${claim}'`;
}
