import { branchAndEnvironment } from './branch-and-environment';
import { asList, containsFnIf, isIntrinsic, issuerOfProviderArn, literalString, renderExpression } from './cfn-expression';
import { Finding } from './finding';
import { readSubject, SubjectKind } from './subject-reading';
import { CiFindingTexts, CiPlatformFacts, IssuerOptions } from '../core/ci-platform-facts';
import { FindingId, FindingIdValue } from '../core/finding-id';
import { normalizeIssuer } from '../core/issuer-name';
import { platformName, platformOfIssuer, platformOfSubject } from '../platforms/registry';

const WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';

/** A `sub` value a trust admits, in plain words. */
export interface TrustSubject {
  readonly value: string;
  readonly operator: string;
  readonly description: string;
  readonly kind: SubjectKind;
  /** Whether a gate outside the job's code stands before the jobs it admits (see `SubjectReading.gated`). */
  readonly gated?: boolean;
}

/** A claim besides `aud` and `sub` that a statement requires. */
export interface TrustPin {
  readonly claim: string;
  readonly operator: string;
  readonly values: string[];
}

/** One statement's trust in one CI provider. */
export interface CiTrust {
  /** The statement's index in the trust policy. */
  readonly statement: number;
  /** The provider's issuer, host and path. */
  readonly issuer: string;
  readonly platform?: CiPlatformFacts;
  readonly audiences: string[];
  readonly subjects: TrustSubject[];
  readonly pins: TrustPin[];
}

/** What the audit needs of a role besides its trust policy. */
export interface TrustPolicyInput {
  readonly rolePath: string;
  /** The resolved `AssumeRolePolicyDocument`. */
  readonly trustPolicy: unknown;
  /**
   * The issuer of a `Federated` principal that is a CloudFormation expression (a `Ref` to a
   * provider resource, an import), or undefined when it cannot be told.
   */
  readonly resolveProvider: (federated: unknown) => string | undefined;
  /** Why the role's permissions are administrator-level, if they are. */
  readonly adminReasons: string[];
}

/** Options of the audit. */
export interface AuditOptions extends IssuerOptions {}

/** The CI trusts of a role and the problems found in them. */
export interface TrustPolicyAudit {
  readonly trusts: CiTrust[];
  readonly findings: Finding[];
}

interface KeyCondition {
  readonly operator: string;
  readonly key: string;
  /** The key's prefix, lowercase: the issuer for keys of a web identity provider. */
  readonly prefix: string;
  readonly claim: string;
  readonly values: string[];
  /** The values as the template has them: strings, or CloudFormation expressions. */
  readonly raw: unknown[];
}

/** Audits every statement of a trust policy that lets a CI OIDC provider's tokens in. */
export function auditTrustPolicy(input: TrustPolicyInput, options: AuditOptions = {}): TrustPolicyAudit {
  const trusts: CiTrust[] = [];
  const findings: Finding[] = [];
  const unauditable = (condition: string, why: string, fix: string): void => {
    findings.push({
      severity: 'error',
      id: FindingId.UNAUDITABLE,
      rolePath: input.rolePath,
      condition,
      message: `The trust policy of '${input.rolePath}' ${why}, so the audit cannot tell which CI tokens it lets in.`,
      fix,
    });
  };
  const literalFix = 'Write the trust policy as a literal document (a CiDeployRole or an iam.Role with a CiOidcPrincipal does).';
  let document = input.trustPolicy ?? {};
  if (typeof document === 'string') {
    // CloudFormation takes the document as a JSON string too: IAM gets exactly what it parses to.
    try {
      document = JSON.parse(document);
    } catch {
      unauditable('AssumeRolePolicyDocument', 'is a string that is not JSON', literalFix);
      return { trusts, findings };
    }
  }
  const statements = (document as { Statement?: unknown } | null)?.Statement;
  if (document === null || typeof document !== 'object' || Array.isArray(document) || isIntrinsic(document) || isIntrinsic(statements)) {
    if (mayTrustCi(document)) {
      unauditable(`AssumeRolePolicyDocument ${renderExpression(document)}`, 'is a CloudFormation expression, decided at deployment', literalFix);
    }
    return { trusts, findings };
  }
  asList(statements).forEach((statement, index) => {
    const where = `Statement[${index}]`;
    if (statement === null || typeof statement !== 'object' || Array.isArray(statement) || isIntrinsic(statement)) {
      if (mayTrustCi(statement)) {
        unauditable(`${where} ${renderExpression(statement)}`, `has a statement that is a CloudFormation expression (${where}), decided at deployment`, literalFix);
      }
      return;
    }
    const stmt = statement as Record<string, unknown>;
    if (stmt.Effect === 'Deny' || (stmt.Effect !== 'Allow' && !mayTrustCi(stmt))) {
      return;
    }
    const access = webIdentityAccess(stmt);
    if (access === 'none') {
      return;
    }
    const error = (id: FindingIdValue, condition: string, message: string, fix: string): void => {
      findings.push({ severity: 'error', id, rolePath: input.rolePath, condition: `${where} ${condition}`, message, fix });
    };
    if (stmt.Effect !== 'Allow') {
      unauditable(`${where} Effect ${renderExpression(stmt.Effect)}`, `has an Effect that is not literal in ${where}`, 'Write "Effect": "Allow" or "Deny".');
    }
    if (access === 'expression') {
      unauditable(`${where} Action ${renderExpression(stmt.Action)}`, `has an action that is a CloudFormation expression in ${where} (it may deploy as sts:AssumeRoleWithWebIdentity)`,
        'Write the actions literally, e.g. "Action": "sts:AssumeRoleWithWebIdentity".');
    }
    if (access === 'notAction') {
      error(FindingId.NOT_ACTION, `NotAction ${JSON.stringify(asList(stmt.NotAction).map(renderExpression))}`,
        `The statement allows every action but ${JSON.stringify(asList(stmt.NotAction).map(renderExpression))}: ` +
        'sts:AssumeRoleWithWebIdentity among them, and sts:AssumeRole and sts:AssumeRoleWithSAML for whatever principal it names.',
        'Allow the action by name: "Action": "sts:AssumeRoleWithWebIdentity".');
    }
    if (containsFnIf(stmt.Condition) || containsFnIf(stmt.Principal) || containsFnIf(stmt.Action)) {
      unauditable(`${where} Fn::If`, `has Fn::If in ${where}: the deployed statement depends on a template condition ` +
        '(with AWS::NoValue a branch can drop a condition altogether)', 'Write the statement without Fn::If: one role per variant, or conditions that are always present.');
    }
    for (const any of anyPrincipals(stmt)) {
      error(FindingId.ANY_PRINCIPAL, `Principal ${any}`,
        `The statement lets ${any} call sts:AssumeRoleWithWebIdentity: tokens of any identity provider in the account, and of any job, may assume the role.`,
        'Trust one CI provider by ARN ("Principal": { "Federated": "<provider ARN>" }) with conditions on its sub and aud keys.');
    }
    const principal = stmt.Principal as Record<string, unknown> | undefined;
    const federatedList = principal !== null && typeof principal === 'object' ? asList(principal.Federated) : [];
    for (const federated of federatedList.filter((f) => !(typeof f === 'string' && /[*?]/.test(f)))) {
      const result = auditStatement(input, index, federated, conditionsOf(stmt.Condition), options);
      if (result) {
        if (result.trust) {
          trusts.push(result.trust);
        }
        findings.push(...result.findings);
      }
    }
  });
  findings.push(...adminFindings(input, trusts));
  findings.push(...branchAndEnvironmentFindings(input.rolePath, trusts));
  return { trusts, findings };
}

/** Whether a value that cannot be read might hold a CI trust: it mentions web identity, a federated principal or `*`. */
function mayTrustCi(value: unknown): boolean {
  return /webidentity|federated|"\*"/i.test(JSON.stringify(value) ?? '');
}

/** How a statement allows `sts:AssumeRoleWithWebIdentity`: by Action, by NotAction (not excluded), maybe (an expression), or not. */
function webIdentityAccess(stmt: Record<string, unknown>): 'action' | 'notAction' | 'expression' | 'none' {
  if (stmt.NotAction !== undefined) {
    const excluded = asList(stmt.NotAction);
    return excluded.some((a) => typeof a === 'string' && globMatchesIgnoreCase(a, WEB_IDENTITY)) ? 'none' : 'notAction';
  }
  const actions = asList(stmt.Action);
  if (actions.some((a) => typeof a === 'string' && globMatchesIgnoreCase(a, WEB_IDENTITY))) {
    return 'action';
  }
  return actions.some((a) => typeof a !== 'string') || isIntrinsic(stmt.Action) ? 'expression' : 'none';
}

/** The principals of a statement that stand for anyone: `"*"`, `{"AWS": "*"}`, a wildcard `Federated`, or any `NotPrincipal`. */
function anyPrincipals(stmt: Record<string, unknown>): string[] {
  const found: string[] = [];
  if (stmt.NotPrincipal !== undefined) {
    found.push(`NotPrincipal ${JSON.stringify(stmt.NotPrincipal)} (every principal but those)`);
  }
  const principal = stmt.Principal;
  if (principal === '*') {
    found.push('"*"');
  } else if (principal !== null && typeof principal === 'object') {
    for (const [kind, values] of Object.entries(principal as Record<string, unknown>)) {
      for (const value of asList(values).filter((v) => typeof v === 'string' && /[*?]/.test(v))) {
        found.push(`{ "${kind}": ${JSON.stringify(value)} }`);
      }
    }
  }
  return found;
}

function globMatchesIgnoreCase(pattern: string, text: string): boolean {
  const source = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'i').test(text);
}

function conditionsOf(condition: unknown): KeyCondition[] {
  const result: KeyCondition[] = [];
  for (const [operator, block] of Object.entries((condition ?? {}) as Record<string, unknown>)) {
    for (const [key, value] of Object.entries((block ?? {}) as Record<string, unknown>)) {
      const colon = key.lastIndexOf(':');
      result.push({
        operator,
        key,
        prefix: colon === -1 ? '' : normalizeIssuer(key.slice(0, colon)),
        claim: key.slice(colon + 1).toLowerCase(),
        values: asList(value).map(renderExpression),
        raw: asList(value),
      });
    }
  }
  return result;
}

/** Keys of web identity providers are prefixed by their issuer; global keys (`aws:`, `sts:`) are not. */
function isIssuerPrefix(prefix: string): boolean {
  return prefix.includes('.') || prefix.includes('/');
}

/** The issuer of a `Federated` principal: a provider ARN, an expression, or (undefined) something else. */
function principalIssuer(input: TrustPolicyInput, federated: unknown): { issuer?: string; known: boolean } {
  if (typeof federated === 'string') {
    // A literal that is no provider ARN names a built-in provider (Cognito, Google, ...), never a CI one.
    const issuer = issuerOfProviderArn(federated);
    return issuer === undefined ? { known: true } : { issuer: normalizeIssuer(issuer), known: true };
  }
  const issuer = input.resolveProvider(federated);
  return issuer === undefined ? { known: false } : { issuer: normalizeIssuer(issuer), known: true };
}

function looksLikeCi(conditions: KeyCondition[], issuer: string, options: AuditOptions): boolean {
  return platformOfIssuer(issuer, options) !== undefined
    || conditions.some((c) => c.prefix === issuer && c.claim === 'sub' && c.values.some((v) => platformOfSubject(v) !== undefined));
}

function auditStatement(
  input: TrustPolicyInput, index: number, federated: unknown, conditions: KeyCondition[], options: AuditOptions,
): { trust?: CiTrust; findings: Finding[] } | undefined {
  const findings: Finding[] = [];
  const finding = (severity: 'error' | 'warning', id: FindingIdValue, condition: string, message: string, fix: string): void => {
    findings.push({ severity, id, rolePath: input.rolePath, condition: `Statement[${index}] ${condition}`, message, fix });
  };
  const keyIssuers = [...new Set(conditions.map((c) => c.prefix).filter(isIssuerPrefix))];
  const principal = principalIssuer(input, federated);
  let issuer = principal.issuer;
  if (principal.known) {
    if (issuer === undefined) {
      return undefined;
    }
    const trusted = issuer;
    if (!looksLikeCi(conditions, trusted, options) && !keyIssuers.some((k) => k !== trusted && looksLikeCi(conditions, k, options))) {
      return undefined;
    }
  } else {
    // The principal cannot be read (an import, a parameter): the condition keys tell the issuer.
    const candidates = keyIssuers.filter((k) => looksLikeCi(conditions, k, options));
    if (keyIssuers.length === 0) {
      finding('error', FindingId.UNAUDITABLE, `Principal { "Federated": ${JSON.stringify(renderExpression(federated))} }`,
        `The statement trusts a web identity provider that the audit cannot read (${renderExpression(federated)}: a parameter, an import ` +
        'or a value of another stack) and has no condition on any issuer\'s keys: if it is a CI provider, every job of every repository may assume the role.',
        'Reference the provider resource or its literal ARN, and add "StringEquals" conditions on its aud and sub keys.');
      return { findings };
    }
    if (candidates.length === 0) {
      return undefined;
    }
    issuer = candidates[0];
    if (keyIssuers.length > 1) {
      finding('error', FindingId.ISSUER_MISMATCH, `condition keys of ${keyIssuers.map((k) => `'${k}'`).join(', ')}`,
        `The statement's condition keys name several issuers (${keyIssuers.join(', ')}) and its principal ` +
        `(${renderExpression(federated)}) cannot be read: only the keys of the trusted provider's issuer are ever present.`,
        'Trust one provider per statement and write every condition key with its issuer.');
    }
  }
  const trustedIssuer = issuer!;
  const platform = platformOfIssuer(trustedIssuer, options)
    ?? conditions.filter((c) => c.prefix === trustedIssuer && c.claim === 'sub').flatMap((c) => c.values).map(platformOfSubject).find((p) => p !== undefined);
  const provider = `the ${platformName(platform)} provider '${trustedIssuer}'`;

  if (principal.known) {
    for (const c of conditions.filter((k) => isIssuerPrefix(k.prefix) && k.prefix !== trustedIssuer)) {
      finding('error', FindingId.ISSUER_MISMATCH, `${c.operator} ${c.key}`,
        `The condition key '${c.key}' names the issuer '${c.prefix}', but the statement trusts ${provider}: ` +
        'IAM never receives that key with this provider\'s tokens, so the condition does not check what it seems to.',
        `Write the key as '${trustedIssuer}:${c.claim}', or trust the provider of '${c.prefix}' in a statement of its own.`);
    }
  }

  if (!looksLikeCi(conditions, trustedIssuer, options)) {
    // A provider of another kind with a CI issuer's keys: the mismatch is the whole story.
    return { trust: { statement: index, issuer: trustedIssuer, platform, audiences: [], subjects: [], pins: [] }, findings };
  }
  const own = conditions.filter((c) => c.prefix === trustedIssuer);
  const safe: KeyCondition[] = [];
  for (const c of own) {
    const unsafe = unsafeOperator(c.operator, c.claim === 'sub' || c.claim === 'aud');
    if (unsafe) {
      finding('error', FindingId.UNSAFE_OPERATOR, `${c.operator} ${c.key} ${JSON.stringify(c.values)}`,
        `The operator '${c.operator}' on '${c.key}' ${unsafe}.`,
        `Use StringEquals (exact values) or StringLike (patterns) on '${c.key}'.`);
    } else if (c.claim === 'sub' || c.claim === 'aud') {
      safe.push({ ...c, values: literalValues(c, finding) });
    } else {
      safe.push(c);
    }
  }

  const audiences = safe.filter((c) => c.claim === 'aud');
  // The audience the platform's jobs request by default, for the fixes.
  const audience = platform?.defaultAudience ?? 'sts.amazonaws.com';
  if (audiences.length === 0 && !own.some((c) => c.claim === 'aud')) {
    finding('error', FindingId.MISSING_AUDIENCE, `no condition on ${trustedIssuer}:aud`,
      `The statement trusts ${provider} without checking the token's audience: tokens that jobs request for other relying parties are accepted too.`,
      `Add "StringEquals": { "${trustedIssuer}:aud": "${audience}" } (the audience the jobs request).`);
  }
  for (const c of audiences.filter((a) => isPatternOperator(a.operator))) {
    for (const value of c.values.filter((v) => /[*?]/.test(v))) {
      finding('error', FindingId.WILDCARD_AUDIENCE, `${c.operator} ${c.key} ${JSON.stringify(value)}`,
        `The audience pattern '${value}' accepts tokens requested for other relying parties too.`,
        `Compare the audience exactly: "StringEquals": { "${trustedIssuer}:aud": "${audience}" }.`);
    }
  }

  const subjects: TrustSubject[] = [];
  const subConditions = safe.filter((c) => c.claim === 'sub');
  if (subConditions.length === 0 && !own.some((c) => c.claim === 'sub')) {
    finding('error', FindingId.MISSING_SUB, `no condition on ${trustedIssuer}:sub`,
      `The statement trusts ${provider} without checking the token's subject: any job of any ` +
      `${platform?.subjects.identity.noun ?? 'repository'} that can get a token from this issuer may assume the role.`,
      `Add a subject condition, e.g. "StringEquals": { "${trustedIssuer}:sub": "${platform?.subjects.example ?? '<subject>'}" }, or build the role with CiDeployRole.`);
  }
  // One warning per risk and subject: the legacy and immutable forms of a subject share theirs.
  const risks = new Map<string, { c: KeyCondition; values: string[]; id: FindingIdValue; message: string; fix: string }>();
  for (const c of subConditions) {
    for (const value of c.values) {
      const reading = readSubject(value, isPatternOperator(c.operator), platform);
      const condition = `${c.operator} ${c.key} ${JSON.stringify(value)}`;
      subjects.push({ value, operator: c.operator, description: reading.description, kind: reading.kind, gated: reading.gated });
      if (reading.scopeProblem) {
        finding('error', FindingId.WILDCARD_SCOPE, condition, `The subject pattern '${value}' ${reading.scopeProblem.why}.`, `${reading.scopeProblem.fix}.`);
      }
      if (reading.unrecognized) {
        finding('warning', FindingId.UNRECOGNIZED_SUBJECT, condition, `The subject '${value}' ${reading.unrecognized}.`,
          'Check the value against a token of the job, or build it with the typed subjects of this library.');
      }
      for (const risk of reading.risks) {
        const key = JSON.stringify([c.operator, c.key, risk.id, risk.message]);
        const entry = risks.get(key) ?? { c, values: [], ...risk };
        entry.values.push(value);
        risks.set(key, entry);
      }
    }
  }
  for (const risk of risks.values()) {
    const values = risk.values.length === 1 ? JSON.stringify(risk.values[0]) : JSON.stringify(risk.values);
    finding('warning', risk.id, `${risk.c.operator} ${risk.c.key} ${values}`, risk.message, risk.fix);
  }

  const pins = safe
    .filter((c) => c.claim !== 'sub' && c.claim !== 'aud')
    .map((c) => ({ claim: c.claim, operator: c.operator, values: c.values }));
  return {
    trust: { statement: index, issuer: trustedIssuer, platform, audiences: audiences.flatMap((c) => c.values), subjects, pins },
    findings,
  };
}

/**
 * The values of a `sub` or `aud` condition that the template decides, as IAM compares them:
 * a policy variable (`${...}`) or a CloudFormation expression is an error, and left out.
 */
function literalValues(c: KeyCondition, finding: (severity: 'error', id: FindingIdValue, condition: string, message: string, fix: string) => void): string[] {
  const values: string[] = [];
  for (const raw of c.raw) {
    const literal = literalString(raw);
    if (literal === undefined) {
      finding('error', FindingId.NON_LITERAL_VALUE, `${c.operator} ${c.key} ${JSON.stringify(raw)}`,
        `The ${c.claim} value ${JSON.stringify(raw)} is a CloudFormation expression (a parameter, an import, a condition): its deployed value ` +
        'cannot be audited, and a parameter can be deployed as \'*\'.',
        `Write the ${c.claim} value literally in the template.`);
    } else if (/\$\{[^}]*\}/.test(literal)) {
      finding('error', FindingId.POLICY_VARIABLE, `${c.operator} ${c.key} ${JSON.stringify(literal)}`,
        `The ${c.claim} value '${literal}' holds an IAM policy variable, which IAM replaces with a value of the request at request time ` +
        `('\${${c.key}}' matches every token), so the condition does not restrict what it seems to.`,
        `Write the ${c.claim} value without '\${...}'; a '$' that IAM must compare literally is written '\${$}'.`);
    } else {
      values.push(literal);
    }
  }
  return values;
}

function isPatternOperator(operator: string): boolean {
  return /^StringLike$/i.test(operator);
}

/** Why an operator cannot be trusted on a key of the issuer, or undefined. */
function unsafeOperator(operator: string, subjectOrAudience: boolean): string | undefined {
  if (/^ForAllValues:/i.test(operator)) {
    return 'is true when the key is missing from the request; set operators are meant for multi-valued keys, and the claims of a CI token are single values';
  }
  if (/^ForAnyValue:/i.test(operator)) {
    return 'is a set operator, meant for multi-valued keys; the claims of a CI token are single values, so the condition does not say what it seems to';
  }
  if (/IfExists$/i.test(operator)) {
    return 'is true when the key is missing from the request';
  }
  if (/^StringNot/i.test(operator)) {
    return 'admits every value except the listed ones: every other repository or project on the platform';
  }
  if (/IgnoreCase$/i.test(operator)) {
    return 'ignores case, so the values are not compared as the platform writes them';
  }
  if (subjectOrAudience && !/^String(Equals|Like)$/i.test(operator)) {
    return 'does not compare the value as a string, so it does not restrict which tokens are accepted';
  }
  return undefined;
}

/**
 * Whether a subject admits only jobs of one named environment, whose protection rules then
 * apply. An environment pattern (`environment:*`, `environment:prod*`) is not: a workflow can
 * name an environment that matches it and does not exist yet, which has no rules.
 */
function environmentGated(subject: TrustSubject): boolean {
  if (subject.gated === true) {
    return true;
  }
  if (subject.kind !== 'environment') {
    return false;
  }
  const name = /(?:^|:)environment:([^:]*)/.exec(subject.value)?.[1] ?? '';
  return !(isPatternOperator(subject.operator) && /[*?]/.test(name));
}

/** The admin finding's words for a trust whose platform is not known (a trust with subjects always has one). */
const UNKNOWN_PLATFORM_ADMIN: Pick<CiFindingTexts, 'adminPusher' | 'adminFix' | 'protectedRefClaim'> = {
  adminPusher: 'that branch or tag',
  adminFix: 'Trust only jobs that need an approval (a protected environment or ref), or give the role only the permissions the deployment needs.',
};

function adminFindings(input: TrustPolicyInput, trusts: CiTrust[]): Finding[] {
  if (input.adminReasons.length === 0) {
    return [];
  }
  const findings: Finding[] = [];
  for (const trust of trusts) {
    const texts = trust.platform?.findings ?? UNKNOWN_PLATFORM_ADMIN;
    const protectedClaim = texts.protectedRefClaim;
    const protectedRef = protectedClaim !== undefined
      && trust.pins.some((p) => p.claim === protectedClaim && /^StringEquals$/i.test(p.operator) && p.values.every((v) => v === 'true'));
    const loose = trust.subjects.filter((s) => !environmentGated(s) && !(protectedRef && (s.kind === 'branch' || s.kind === 'tag')));
    if (loose.length === 0) {
      continue;
    }
    findings.push({
      severity: 'warning',
      id: FindingId.ADMIN_WITHOUT_ENVIRONMENT,
      rolePath: input.rolePath,
      condition: `Statement[${trust.statement}] ${trust.issuer}:sub ${JSON.stringify(loose.map((s) => s.value))}`,
      message: `The role has administrator-level permissions (${input.adminReasons.join('; ')}) and is assumed by ` +
        `${loose.map((s) => s.description).join('; ')}: whoever can push ${texts.adminPusher} can administer the account.`,
      fix: texts.adminFix,
    });
  }
  return findings;
}

/** Branch (or tag) and environment subjects of one repository in one role: the branch jobs skip the environment's reviewers. */
function branchAndEnvironmentFindings(rolePath: string, trusts: CiTrust[]): Finding[] {
  const subjects = trusts.flatMap((trust) => trust.subjects.map((s) => ({ trust, value: s.value, pattern: isPatternOperator(s.operator) })));
  const pair = branchAndEnvironment(subjects);
  if (pair === undefined) {
    return [];
  }
  const trust = subjects.find((s) => s.value === pair.branch)!.trust;
  return [{
    severity: 'warning',
    id: pair.risk.id,
    rolePath,
    condition: `Statement[${trust.statement}] ${trust.issuer}:sub ${JSON.stringify([pair.branch, pair.environment])}`,
    message: pair.risk.message,
    fix: pair.risk.fix,
  }];
}
