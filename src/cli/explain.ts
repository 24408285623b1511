import { AssemblyError, loadAssembly } from './assembly';
import { IssuerFlags, issuerFlagsHelp, issuerFlagsSynopsis } from './issuer-flags';
import type { ReportIo } from './report';
import { readTokenFile, TokenInput } from './token-input';
import { auditStack, resolveProvider, StackAuditInput } from '../audit/template-audit';
import { evaluateTrustPolicy, StatementEvaluation, TrustEvaluation } from '../audit/trust-evaluation';
import { StatementRequirements, trustRequirements } from '../audit/trust-requirements';
import { TokenError, webIdentityRequest, WebIdentityRequest } from '../audit/web-identity-request';
import { IssuerOptions } from '../core/ci-platform-facts';

export const EXPLAIN_USAGE = `Usage: cdk-ci-oidc explain --claims FILE [ASSEMBLY_DIR] [--role PATH] [--json]${issuerFlagsSynopsis()}
       cdk-ci-oidc explain --role PATH [ASSEMBLY_DIR] [--json]${issuerFlagsSynopsis()}

Why was my token refused? For each IAM role of a synthesized CDK app that a CI OIDC provider
may assume, says whether it admits a token and, if not, which condition fails and what the
token would have needed. With --role and no --claims: which claims that role wants.
It decides as IAM does, on the condition keys AWS STS passes for the token's issuer;
conditions it cannot decide from the token alone are reported as such.

  --claims FILE            the token: its decoded payload (JSON) or the JWT itself; '-' reads
                           standard input. A JWT's signature is NOT checked: only its claims are read
  --role PATH              one role, by the path 'cdk-ci-oidc report' prints (e.g. Deploy/DeployRole)
                           or its logical id
  ASSEMBLY_DIR             the cloud assembly 'cdk synth' wrote (default: cdk.out)
  --json                   print JSON instead of text
${issuerFlagsHelp()}

Exit status: 0 a role admits the token (with --role: that role does), or the role was described;
1 every role refuses it; 3 no role admits it, but for some the decision needs more than the
token tells; 2 usage, token or assembly problem.
`;

const SIGNATURE_NOTICE = 'The JWT\'s signature was not checked: explain only reads its claims. STS checks the signature, the expiry and the audience list of the provider too.';

interface Arguments {
  readonly directory: string;
  readonly claimsFile?: string;
  readonly role?: string;
  readonly json: boolean;
  readonly issuers: IssuerOptions;
}

interface AssemblyRole {
  readonly stack: StackAuditInput;
  readonly path: string;
  readonly logicalId: string;
  readonly trustPolicy: unknown;
}

/**
 * Runs `cdk-ci-oidc explain <argv...>` and returns the exit status.
 *
 * @param argv the arguments after `explain`
 */
export function explain(argv: string[], io: ReportIo): number {
  const args = parseArguments(argv);
  if (typeof args === 'string') {
    if (args === '') {
      io.stdout(EXPLAIN_USAGE);
      return 0;
    }
    io.stderr(`cdk-ci-oidc explain: ${args}\n\n${EXPLAIN_USAGE}`);
    return 2;
  }
  let token: TokenInput | undefined;
  let request: WebIdentityRequest | undefined;
  let roles: AssemblyRole[];
  try {
    if (args.claimsFile !== undefined) {
      token = readTokenFile(args.claimsFile);
      request = webIdentityRequest(token.claims, args.issuers);
    }
    roles = ciRoles(args);
  } catch (error) {
    if (error instanceof TokenError || error instanceof AssemblyError) {
      io.stderr(`cdk-ci-oidc explain: ${escapeText(error.message)}\n`);
      return 2;
    }
    io.stderr(`cdk-ci-oidc explain: internal error, please report it: ${(error as Error).stack ?? error}\n`);
    return 2;
  }
  if (args.role !== undefined) {
    const chosen = roles.filter((r) => r.path === args.role || r.logicalId === args.role);
    if (chosen.length !== 1) {
      const known = roles.map((r) => r.path).join(', ') || 'none';
      io.stderr(escapeText(`cdk-ci-oidc explain: ${chosen.length === 0 ? 'no' : 'more than one'} CI role '${args.role}' in '${args.directory}'. ` +
        `CI roles: ${known}.`) + '\n');
      return 2;
    }
    roles = chosen;
  }
  if (token === undefined || request === undefined) {
    const role = roles[0];
    const statements = trustRequirements(role.trustPolicy, (f) => resolveProvider(role.stack, f), args.issuers);
    io.stdout(args.json ? renderRequirementsJson(args.directory, role, statements) : renderRequirements(role, statements));
    return 0;
  }
  const tokenRequest = request;
  const results = roles.map((role) => ({
    role, evaluation: evaluateTrustPolicy(role.trustPolicy, tokenRequest, (f) => resolveProvider(role.stack, f)),
  }));
  io.stdout(args.json ? renderEvaluationJson(args.directory, token, request, results) : renderEvaluation(args.directory, token, request, results));
  if (results.some((r) => r.evaluation.verdict === 'admitted')) {
    return 0;
  }
  return results.some((r) => r.evaluation.verdict === 'unknown') ? 3 : 1;
}

function parseArguments(argv: string[]): Arguments | string {
  let directory: string | undefined;
  let claimsFile: string | undefined;
  let role: string | undefined;
  let json = false;
  const issuers = new IssuerFlags();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string | undefined => {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next !== '-')) {
        return undefined;
      }
      i++;
      return next;
    };
    const taken = issuers.take(arg, value);
    if (taken !== undefined) {
      if (taken !== '') {
        return taken;
      }
    } else if (arg === '--help' || arg === '-h') {
      return '';
    } else if (arg === '--json') {
      json = true;
    } else if (arg === '--claims') {
      claimsFile = value();
      if (claimsFile === undefined) {
        return '--claims needs a file, e.g. --claims token.json (or - for standard input)';
      }
    } else if (arg === '--role') {
      role = value();
      if (role === undefined) {
        return '--role needs a role path, e.g. --role Deploy/DeployRole';
      }
    } else if (arg.startsWith('-')) {
      return `unknown option '${arg}'`;
    } else if (directory === undefined) {
      directory = arg;
    } else {
      return `more than one assembly directory given ('${directory}', '${arg}')`;
    }
  }
  if (claimsFile === undefined && role === undefined) {
    return 'give --claims FILE (is the token admitted?) or --role PATH (what does the role want?)';
  }
  return { directory: directory ?? 'cdk.out', claimsFile, role, json, issuers: issuers.options };
}

/** The roles of the assembly that trust a CI OIDC provider, as the report finds them. */
function ciRoles(args: Arguments): AssemblyRole[] {
  const roles: AssemblyRole[] = [];
  for (const stack of loadAssembly(args.directory)) {
    for (const audit of auditStack(stack, args.issuers)) {
      const trustPolicy = stack.template.Resources?.[audit.logicalId]?.Properties?.AssumeRolePolicyDocument;
      roles.push({ stack, path: audit.path, logicalId: audit.logicalId, trustPolicy });
    }
  }
  return roles;
}

// --- text output: every value from the token or the template goes through escapeText ---

interface RoleResult {
  readonly role: AssemblyRole;
  readonly evaluation: TrustEvaluation;
}

const VERDICT_WORDS = { admitted: 'ADMITTED', refused: 'REFUSED', unknown: 'CANNOT DECIDE' } as const;
const CHECK_WORDS = { met: 'ok', failed: 'FAILED', unknown: '??' } as const;

function renderEvaluation(directory: string, token: TokenInput, request: WebIdentityRequest, results: RoleResult[]): string {
  const lines: string[] = [];
  if (token.form === 'jwt') {
    lines.push(`Note: ${SIGNATURE_NOTICE}`, '');
  }
  lines.push(`Token of ${request.issuer}${request.family ? ` (${request.family.name})` : ' (an issuer this library does not know: STS passes aud and sub only)'}`);
  for (const claim of ['sub', 'aud', ...request.passedClaims]) {
    const value = request.keys.get(`${request.issuer}:${claim}`.toLowerCase());
    if (value !== undefined) {
      lines.push(`  ${claim.padEnd(20)} ${value}`);
    }
  }
  lines.push('');
  for (const { role, evaluation } of results) {
    lines.push(`${role.path}: ${VERDICT_WORDS[evaluation.verdict]} (${evaluation.reason})`);
    for (const statement of evaluation.statements) {
      lines.push(...statementLines(statement, evaluation.verdict));
    }
    lines.push('');
  }
  const admitted = results.filter((r) => r.evaluation.verdict === 'admitted').length;
  lines.push(results.length === 0
    ? `No IAM role in '${directory}' trusts a CI OIDC provider.`
    : `Admitted by ${admitted} of ${results.length} CI role${results.length === 1 ? '' : 's'} in '${directory}'.`);
  return lines.map(escapeText).join('\n') + '\n';
}

function statementLines(statement: StatementEvaluation, verdict: string): string[] {
  const head = `  Statement[${statement.index}] ${statement.effect}${statement.issuer ? `, provider ${statement.issuer}` : ''}`;
  if (statement.principal.result === 'failed' || statement.action.result === 'failed') {
    // Another provider's statement, or one for another action: its conditions never matter for this token.
    const why = statement.principal.result === 'failed' ? statement.principal.why : statement.action.why;
    return [`${head}: does not apply (${why})`];
  }
  const lines = [`${head}: ${statement.result === 'met' ? 'applies' : statement.result === 'failed' ? 'does not apply' : 'cannot be decided'}`];
  for (const check of [statement.principal, statement.action].filter((c) => c.result !== 'met')) {
    lines.push(`    ${CHECK_WORDS[check.result].padEnd(6)} ${check.why}`);
  }
  for (const condition of statement.conditions) {
    // An admitted token needs no list of what it met; a refused one shows every condition of the statements that could apply.
    if (verdict === 'admitted' && condition.result === 'met') {
      continue;
    }
    lines.push(`    ${CHECK_WORDS[condition.result].padEnd(6)} ${condition.operator} ${condition.key}: ${condition.why}`);
  }
  return lines;
}

function renderRequirements(role: AssemblyRole, statements: StatementRequirements[]): string {
  const lines = [`${role.path} admits a web identity token when one Allow statement applies and no Deny statement does:`];
  if (statements.length === 0) {
    lines.push('  no statement names a web identity provider');
  }
  for (const statement of statements) {
    lines.push(`  Statement[${statement.index}] ${statement.effect}: tokens of ${statement.provider}${statement.issuerFamily && statement.issuerFamily !== statement.provider ? ` (${statement.issuerFamily})` : ''}`);
    if (statement.conditions.length === 0) {
      lines.push('    no condition: every token of this provider');
    }
    for (const c of statement.conditions) {
      const values = c.values.map((v, i) => `${JSON.stringify(v)}${c.descriptions ? ` (${c.descriptions[i]})` : ''}`).join(' or ');
      lines.push(`    ${(c.claim ?? c.key).padEnd(20)} ${c.operator} ${values}`);
      if (c.neverPresent !== undefined) {
        lines.push(`    ${''.padEnd(20)} never met: ${c.neverPresent}`);
      }
    }
  }
  return lines.map(escapeText).join('\n') + '\n';
}

// --- JSON output ---

function renderEvaluationJson(directory: string, token: TokenInput, request: WebIdentityRequest, results: RoleResult[]): string {
  const document = {
    assembly: directory,
    token: {
      form: token.form,
      signatureChecked: false,
      notice: token.form === 'jwt' ? SIGNATURE_NOTICE : undefined,
      issuer: request.issuer,
      issuerFamily: request.family?.name ?? null,
      platform: request.family?.platform.id ?? null,
      conditionKeys: Object.fromEntries(request.keys),
    },
    summary: {
      roles: results.length,
      admitted: results.filter((r) => r.evaluation.verdict === 'admitted').length,
      refused: results.filter((r) => r.evaluation.verdict === 'refused').length,
      unknown: results.filter((r) => r.evaluation.verdict === 'unknown').length,
    },
    roles: results.map(({ role, evaluation }) => ({
      stack: role.stack.stack, role: role.path, logicalId: role.logicalId, ...evaluation,
    })),
  };
  return `${JSON.stringify(document, undefined, 2)}\n`;
}

function renderRequirementsJson(directory: string, role: AssemblyRole, statements: StatementRequirements[]): string {
  return `${JSON.stringify({ assembly: directory, stack: role.stack.stack, role: role.path, logicalId: role.logicalId, statements }, undefined, 2)}\n`;
}

/**
 * Text from a token or a template, safe for a terminal: control characters (ANSI escape
 * sequences, carriage returns, line breaks inside a value) and Unicode direction overrides
 * are shown as escapes instead of being interpreted.
 */
export function escapeText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) =>
    (c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
