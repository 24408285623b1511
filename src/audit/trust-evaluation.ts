/*
 * Whether a role's trust policy admits a web identity token, and why not: IAM's evaluation of
 * the statements for sts:AssumeRoleWithWebIdentity, written for the keys STS passes (see
 * web-identity-request.ts). Plain JSON, no aws-cdk-lib, like all of src/audit.
 *
 * IAM semantics (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html):
 * statements are OR'ed and an explicit Deny wins; in a statement, the principal, the action and
 * every condition must hold; in a condition block, operators and keys are AND'ed and the values of
 * one key OR'ed. A missing key fails every operator except the negated ones, `...IfExists`,
 * `ForAllValues:` and `Null`. Decisions that depend on something the token does not tell (global keys
 * such as `aws:SourceIp`, operators other than the string ones and `Null`, CloudFormation
 * expressions) are "unknown", never guessed.
 */
import { asList, issuerOfProviderArn, renderExpression } from './cfn-expression';
import { globMatches } from './subject-reading';
import { WebIdentityRequest, whyKeyIsMissing } from './web-identity-request';
import { normalizeIssuer } from '../core/issuer-name';

const WEB_IDENTITY = 'sts:assumerolewithwebidentity';

/** The outcome of one check: a statement's principal, action or condition. */
export type CheckResult = 'met' | 'failed' | 'unknown';

/** The decision for a token. */
export type TrustVerdict = 'admitted' | 'refused' | 'unknown';

/** One condition of a statement, decided for a request. */
export interface ConditionCheck {
  /** The operator as written, e.g. `StringLike`. */
  readonly operator: string;
  /** The key as written, e.g. `token.actions.githubusercontent.com:sub`. */
  readonly key: string;
  /** The policy's values, rendered. */
  readonly values: string[];
  /** The request's value of the key; undefined when the key is missing. */
  readonly actual?: string;
  readonly result: CheckResult;
  /** Why, in words: what the token has and, when failed, what it would have needed. */
  readonly why: string;
}

/** One statement of the trust policy, decided for a request. */
export interface StatementEvaluation {
  /** The statement's index in the policy. */
  readonly index: number;
  /** `Allow` or `Deny` (or what the statement says). */
  readonly effect: string;
  /** The issuer of the statement's `Federated` principal, when it has one that can be read. */
  readonly issuer?: string;
  readonly principal: { readonly result: CheckResult; readonly why: string };
  readonly action: { readonly result: CheckResult; readonly why: string };
  readonly conditions: ConditionCheck[];
  /** Whether the statement applies to the request: principal, action and every condition met. */
  readonly result: CheckResult;
}

/** A trust policy's decision for a request. */
export interface TrustEvaluation {
  readonly verdict: TrustVerdict;
  /** In words: which statement admits or refuses the token, or what cannot be decided. */
  readonly reason: string;
  readonly statements: StatementEvaluation[];
}

/**
 * The issuer of a `Federated` principal that is a CloudFormation expression (a reference to a
 * provider of the template, an import), or undefined when it cannot be told.
 */
export type ProviderResolver = (federated: unknown) => string | undefined;

/** Decides whether a trust policy (as in a synthesized template) admits a request. */
export function evaluateTrustPolicy(
  trustPolicy: unknown, request: WebIdentityRequest, resolveProvider: ProviderResolver = () => undefined,
): TrustEvaluation {
  const document = (trustPolicy ?? {}) as { Statement?: unknown };
  const statements = asList(document.Statement).map((statement, index) =>
    evaluateStatement((statement ?? {}) as Record<string, unknown>, index, request, resolveProvider));
  return { ...decide(statements), statements };
}

function decide(statements: StatementEvaluation[]): { verdict: TrustVerdict; reason: string } {
  const denies = statements.filter((s) => s.effect === 'Deny');
  const allows = statements.filter((s) => s.effect === 'Allow');
  const deny = denies.find((s) => s.result === 'met');
  if (deny !== undefined) {
    return { verdict: 'refused', reason: `Statement[${deny.index}] denies it explicitly` };
  }
  const allow = allows.find((s) => s.result === 'met');
  const openAllows = allows.filter((s) => s.result === 'unknown');
  // A statement of another effect than Allow is unknown unless it fails: it counts as a Deny that may apply.
  const openDenies = statements.filter((s) => s.effect !== 'Allow' && s.result === 'unknown');
  if (allow === undefined && openAllows.length === 0) {
    return { verdict: 'refused', reason: allows.length === 0 ? 'no statement allows it' : 'no Allow statement applies to it' };
  }
  if (allow !== undefined && openDenies.length === 0) {
    return { verdict: 'admitted', reason: `Statement[${allow.index}] allows it` };
  }
  const open = allow === undefined ? openAllows : openDenies;
  return { verdict: 'unknown', reason: `the decision depends on ${open.map((s) => `Statement[${s.index}]`).join(', ')}, which cannot be evaluated from the token alone` };
}

function evaluateStatement(
  stmt: Record<string, unknown>, index: number, request: WebIdentityRequest, resolveProvider: ProviderResolver,
): StatementEvaluation {
  const effect = typeof stmt.Effect === 'string' ? stmt.Effect : renderExpression(stmt.Effect);
  const principal = principalCheck(stmt, request, resolveProvider);
  const action = actionCheck(stmt);
  const conditions = conditionChecks(stmt.Condition, request);
  const results = [principal.result, action.result, ...conditions.map((c) => c.result)];
  const result: CheckResult = results.includes('failed') ? 'failed' : results.includes('unknown') || (effect !== 'Allow' && effect !== 'Deny') ? 'unknown' : 'met';
  return { index, effect, issuer: principal.issuer, principal: { result: principal.result, why: principal.why }, action, conditions, result };
}

// --- principal and action ---

interface PrincipalCheck {
  readonly result: CheckResult;
  readonly why: string;
  readonly issuer?: string;
}

function principalCheck(stmt: Record<string, unknown>, request: WebIdentityRequest, resolveProvider: ProviderResolver): PrincipalCheck {
  const negated = stmt.NotPrincipal !== undefined;
  const principal = negated ? stmt.NotPrincipal : stmt.Principal;
  if (principal === undefined) {
    return { result: 'failed', why: 'the statement names no principal' };
  }
  const matched = matchPrincipal(principal, request, resolveProvider);
  if (!negated) {
    return matched;
  }
  const flipped: CheckResult = matched.result === 'met' ? 'failed' : matched.result === 'failed' ? 'met' : 'unknown';
  return { result: flipped, why: `NotPrincipal: ${matched.why}`, issuer: matched.issuer };
}

function matchPrincipal(principal: unknown, request: WebIdentityRequest, resolveProvider: ProviderResolver): PrincipalCheck {
  if (principal === '*') {
    return { result: 'met', why: 'the principal is "*"' };
  }
  const record = (principal ?? {}) as Record<string, unknown>;
  if (asList(record.AWS).includes('*')) {
    return { result: 'met', why: 'the principal is {"AWS": "*"}' };
  }
  const federated = asList(record.Federated);
  if (federated.length === 0) {
    return { result: 'failed', why: `the principal (${renderExpression(principal)}) is no web identity provider` };
  }
  const issuers = federated.map((f) => {
    const issuer = typeof f === 'string' ? issuerOfProviderArn(f) : resolveProvider(f) ?? issuerOfProviderArn(f);
    return { text: renderExpression(f), issuer: issuer === undefined ? undefined : normalizeIssuer(issuer), literal: typeof f === 'string' };
  });
  const match = issuers.find((i) => i.issuer === request.issuer);
  if (match !== undefined) {
    return { result: 'met', why: `the statement trusts the token's provider '${request.issuer}'`, issuer: match.issuer };
  }
  const unread = issuers.find((i) => i.issuer === undefined && !i.literal);
  if (unread !== undefined) {
    return { result: 'unknown', why: `the provider ${unread.text} cannot be read from the assembly` };
  }
  const names = issuers.map((i) => (i.issuer === undefined ? i.text : `'${i.issuer}'`));
  return {
    result: 'failed',
    why: `the statement trusts the provider ${names.join(', ')}, but the token's issuer is '${request.issuer}' (STS picks the provider by the token's iss)`,
    issuer: issuers.find((i) => i.issuer !== undefined)?.issuer,
  };
}

function actionCheck(stmt: Record<string, unknown>): { result: CheckResult; why: string } {
  const negated = stmt.NotAction !== undefined;
  const actions = asList(negated ? stmt.NotAction : stmt.Action);
  if (actions.some((a) => typeof a !== 'string')) {
    return { result: 'unknown', why: 'the actions are a CloudFormation expression' };
  }
  const matches = actions.some((a) => globMatches((a as string).toLowerCase(), WEB_IDENTITY));
  if (matches !== negated) {
    return { result: 'met', why: `the statement ${negated ? 'does not exclude' : 'allows'} sts:AssumeRoleWithWebIdentity` };
  }
  return { result: 'failed', why: `the statement's ${negated ? 'NotAction excludes' : 'actions do not include'} sts:AssumeRoleWithWebIdentity (${actions.join(', ') || 'none'})` };
}

// --- conditions ---

/** Operators decided here: IAM's string operators and Null, with the set and IfExists forms. */
const STRING_OPERATOR = /^(ForAllValues:|ForAnyValue:)?(StringEquals|StringNotEquals|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|StringLike|StringNotLike|Null)(IfExists)?$/i;

function conditionChecks(condition: unknown, request: WebIdentityRequest): ConditionCheck[] {
  if (condition === undefined) {
    return [];
  }
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition) || Object.keys(condition).some((k) => k.startsWith('Fn::'))) {
    return [{ operator: '', key: '', values: [renderExpression(condition)], result: 'unknown', why: 'the Condition block is a CloudFormation expression' }];
  }
  const checks: ConditionCheck[] = [];
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (block === null || typeof block !== 'object' || Array.isArray(block)) {
      checks.push({ operator, key: '', values: [renderExpression(block)], result: 'unknown', why: `the ${operator} block is no object of keys` });
      continue;
    }
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      checks.push(conditionCheck(operator, key, raw, request));
    }
  }
  return checks;
}

function conditionCheck(operator: string, key: string, raw: unknown, request: WebIdentityRequest): ConditionCheck {
  const values = asList(raw).map(renderExpression);
  const lowerKey = key.toLowerCase();
  const actual = request.keys.get(lowerKey);
  const check = (result: CheckResult, why: string): ConditionCheck => ({ operator, key, values, actual, result, why });
  const parts = STRING_OPERATOR.exec(operator);
  if (parts === null) {
    return check('unknown', `the operator ${operator} is not evaluated here (only the string operators and Null)`);
  }
  if (asList(raw).some((v) => v !== null && typeof v === 'object')) {
    return check('unknown', 'its value is a CloudFormation expression');
  }
  if (values.some((v) => v.includes('${'))) {
    return check('unknown', 'its value holds a policy variable (${...})');
  }
  if (request.unreadable.has(lowerKey)) {
    return check('unknown', `the token's claim for '${key}' is a list or an object`);
  }
  if (actual === undefined && !isIssuerKey(key)) {
    return check('unknown', `'${key}' is a request key that the token does not tell`);
  }
  const [, set, base, ifExists] = parts;
  const baseOp = base.toLowerCase();
  const shown = values.map((v) => JSON.stringify(v)).join(' or ');
  if (baseOp === 'null') {
    const wantsMissing = values.map((v) => v.toLowerCase() === 'true');
    const met = wantsMissing.some((missing) => missing === (actual === undefined));
    return check(met ? 'met' : 'failed', actual === undefined
      ? `the key is missing (${whyKeyIsMissing(request, key)})${met ? '' : '; the condition needs it present'}`
      : `the key is present${met ? '' : '; the condition needs it missing'}`);
  }
  const negated = baseOp.startsWith('stringnot');
  const matchesOne = (value: string): boolean => values.some((wanted) => compare(baseOp, wanted, value));
  if (actual === undefined) {
    const met = negated || ifExists !== undefined || set?.toLowerCase() === 'forallvalues:';
    const missing = whyKeyIsMissing(request, key);
    return check(met ? 'met' : 'failed', met
      ? `the key is missing (${missing}), which ${operator} accepts`
      : `the key is missing: ${missing}. The token would have needed '${claimOf(key)}' ${describeWanted(baseOp, shown)}`);
  }
  // One value per key: the set operators compare it as a set of one.
  const met = negated ? !matchesOne(actual) : matchesOne(actual);
  return check(met ? 'met' : 'failed', met
    ? `the token has ${JSON.stringify(actual)}, as required`
    : `the token has ${JSON.stringify(actual)}; it would have needed ${describeWanted(baseOp, shown)}`);
}

function compare(baseOp: string, wanted: string, value: string): boolean {
  switch (baseOp) {
    case 'stringequals':
    case 'stringnotequals':
      return wanted === value;
    case 'stringequalsignorecase':
    case 'stringnotequalsignorecase':
      return wanted.toLowerCase() === value.toLowerCase();
    default:
      return globMatches(wanted, value);
  }
}

function describeWanted(baseOp: string, shown: string): string {
  switch (baseOp) {
    case 'stringequals': return `to equal ${shown}`;
    case 'stringnotequals': return `to differ from ${shown}`;
    case 'stringequalsignorecase': return `to equal ${shown}, ignoring case`;
    case 'stringnotequalsignorecase': return `to differ from ${shown}, ignoring case`;
    case 'stringlike': return `to match ${shown}`;
    default: return `not to match ${shown}`;
  }
}

/** Keys of web identity providers are prefixed by their issuer; global keys (`aws:`, `sts:`) are not. */
function isIssuerKey(key: string): boolean {
  const colon = key.lastIndexOf(':');
  const prefix = colon === -1 ? '' : key.slice(0, colon);
  return prefix.includes('.') || prefix.includes('/');
}

function claimOf(key: string): string {
  return key.slice(key.lastIndexOf(':') + 1);
}
