/*
 * What a role's trust policy asks of a web identity token, statement by statement: the
 * provider, and for each condition the claim, the operator and the values. The reverse of
 * trust-evaluation.ts, for `cdk-ci-oidc explain --role`. Plain JSON, no aws-cdk-lib.
 */
import { asList, issuerOfProviderArn, renderExpression } from './cfn-expression';
import { readSubject } from './subject-reading';
import { ProviderResolver } from './trust-evaluation';
import { CiIssuerFamily, IssuerOptions } from '../core/ci-platform-facts';
import { normalizeIssuer } from '../core/issuer-name';
import { issuerFamilyOf } from '../platforms/registry';

/** One condition a statement sets. */
export interface RequiredCondition {
  readonly operator: string;
  readonly key: string;
  /** The claim, when the key is one of the statement's provider's keys. */
  readonly claim?: string;
  readonly values: string[];
  /** For `sub` values: what each admits, in plain words. */
  readonly descriptions?: string[];
  /** Why no token of the provider ever carries the key, when none does. */
  readonly neverPresent?: string;
}

/** One statement of a trust policy that concerns web identity. */
export interface StatementRequirements {
  readonly index: number;
  readonly effect: string;
  /** The provider's issuer, or the principal as written when it cannot be read. */
  readonly provider: string;
  /** The issuer family's name (`github.com`, `gitlab.com`, ...), when the library knows it. */
  readonly issuerFamily?: string;
  readonly conditions: RequiredCondition[];
}

/**
 * The statements of a trust policy that name a `Federated` principal, with what each requires.
 */
export function trustRequirements(trustPolicy: unknown, resolveProvider: ProviderResolver, options: IssuerOptions = {}): StatementRequirements[] {
  const document = (trustPolicy ?? {}) as { Statement?: unknown };
  const result: StatementRequirements[] = [];
  asList(document.Statement).forEach((statement, index) => {
    const stmt = (statement ?? {}) as Record<string, unknown>;
    const principal = (stmt.Principal ?? {}) as Record<string, unknown>;
    for (const federated of asList(principal.Federated)) {
      const resolved = typeof federated === 'string' ? issuerOfProviderArn(federated) : resolveProvider(federated) ?? issuerOfProviderArn(federated);
      const issuer = resolved === undefined ? undefined : normalizeIssuer(resolved);
      const family = issuer === undefined ? undefined : issuerFamilyOf(issuer, options);
      result.push({
        index,
        effect: typeof stmt.Effect === 'string' ? stmt.Effect : renderExpression(stmt.Effect),
        provider: issuer ?? renderExpression(federated),
        issuerFamily: family?.name,
        conditions: requiredConditions(stmt.Condition, issuer, family),
      });
    }
  });
  return result;
}

function requiredConditions(condition: unknown, issuer: string | undefined, family: CiIssuerFamily | undefined): RequiredCondition[] {
  const passed = family?.conditionClaims ?? [];
  const familyName = family?.name;
  if (condition === undefined) {
    return [];
  }
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
    return [{ operator: '', key: '', values: [renderExpression(condition)] }];
  }
  const result: RequiredCondition[] = [];
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    for (const [key, raw] of Object.entries((block ?? {}) as Record<string, unknown>)) {
      const values = asList(raw).map(renderExpression);
      const colon = key.lastIndexOf(':');
      const prefix = colon === -1 ? '' : normalizeIssuer(key.slice(0, colon));
      const claim = issuer !== undefined && prefix === issuer ? key.slice(colon + 1).toLowerCase() : undefined;
      const descriptions = claim === 'sub' ? values.map((v) => readSubject(v, /^StringLike$/i.test(operator), family?.platform).description) : undefined;
      let neverPresent: string | undefined;
      if (issuer !== undefined && (prefix.includes('.') || prefix.includes('/')) && prefix !== issuer) {
        neverPresent = `the key names the issuer '${prefix}', but the statement trusts '${issuer}': its tokens never carry it`;
      } else if (claim !== undefined && claim !== 'aud' && claim !== 'sub' && !passed.includes(claim)) {
        neverPresent = `STS does not pass the claim '${claim}' for ${familyName ?? `the issuer '${issuer}'`} (only ${['aud', 'sub', ...passed].join(', ')})`;
      }
      result.push({ operator, key, claim, values, descriptions, neverPresent });
    }
  }
  return result;
}
