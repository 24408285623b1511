import { parseArguments as parseCommandLine } from './arguments';
import { visibleEscapes } from './escape';
import { readInputs } from './input-files';
import { issuerFlagsHelp, issuerFlagsSynopsis, issuerOptionsOf } from './issuer-flags';
import { problemText } from './report';
import type { ReportIo } from './report';
import { roleNames } from './review';
import { readTokenFile, TokenInput } from './token-input';
import { auditStack, resolveProvider, StackAuditInput } from '../audit/template-audit';
import { evaluateTrustPolicy, StatementEvaluation, TrustEvaluation } from '../audit/trust-evaluation';
import { StatementRequirements, trustRequirements } from '../audit/trust-requirements';
import { TokenError, webIdentityRequest, WebIdentityRequest } from '../audit/web-identity-request';
import { IssuerOptions } from '../core/ci-platform-facts';

export const EXPLAIN_USAGE = `Usage: cdk-ci-oidc explain --claims FILE [INPUT...] [--role PATH] [--json]${issuerFlagsSynopsis()}
       cdk-ci-oidc explain --role PATH [INPUT...] [--json]${issuerFlagsSynopsis()}

Why was my token refused? For each IAM role of a synthesized CDK app that a CI OIDC provider
may assume, says whether it admits a token and, if not, which condition fails and what the
token would have needed. With --role and no --claims: which claims that role wants.
It decides as IAM does, on the condition keys AWS STS passes for the token's issuer;
conditions it cannot decide from the token alone are reported as such.

  --claims FILE            the token: its decoded payload (JSON) or the JWT itself; '-' reads
                           standard input. A JWT's signature is NOT checked: only its claims are read
  --role PATH              one role, by the path 'cdk-ci-oidc report' prints (e.g. Deploy/DeployRole),
                           its logical id, ARN, name or Terraform address
  INPUT                    what 'cdk-ci-oidc report' reads: the cloud assembly 'cdk synth' wrote
                           (default: cdk.out), CloudFormation templates, IAM exports, Terraform JSON
  --json                   print JSON instead of text
${issuerFlagsHelp()}

Exit status: 0 a role admits the token (with --role: that role does), or the role was described;
1 every role refuses it; 3 no role admits it, but for some the decision needs more than the
token tells; 2 usage, token or input problem.

Examples:
  cdk-ci-oidc explain --claims claims.json cdk.out
  cdk-ci-oidc explain --claims - --role Deploy/DeployRole < claims.json
  cdk-ci-oidc explain --role arn:aws:iam::123456789012:role/deploy exports/123456789012.json
`;

const SIGNATURE_NOTICE = 'The JWT\'s signature was not checked: explain only reads its claims. STS checks the signature, the expiry and the audience list of the provider too.';

interface Arguments {
  readonly inputs: string[];
  /** The inputs, as messages name them. */
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
  /** The names `--role` may give: path, logical id, ARN, name, address. */
  readonly names: string[];
  readonly trustPolicy: unknown;
}

/** A problem with the inputs: the command exits with code 2. */
class InputError extends Error {}

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
    if (error instanceof TokenError || error instanceof InputError) {
      io.stderr(`cdk-ci-oidc explain: ${visibleEscapes(error.message)}\n`);
      return 2;
    }
    io.stderr(`cdk-ci-oidc explain: internal error, please report it: ${(error as Error).stack ?? error}\n`);
    return 2;
  }
  if (args.role !== undefined) {
    const chosen = roles.filter((r) => r.names.includes(args.role!));
    if (chosen.length !== 1) {
      const known = roles.map((r) => r.path).join(', ') || 'none';
      io.stderr(visibleEscapes(`cdk-ci-oidc explain: ${chosen.length === 0 ? 'no' : 'more than one'} CI role '${args.role}' in '${args.directory}'. ` +
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

/** The arguments, or an error message ('' for --help). */
function parseArguments(argv: string[]): Arguments | string {
  const args = parseCommandLine(argv, {
    claims: { type: 'string', example: '--claims token.json (or - for standard input)' },
    role: { type: 'string', example: '--role Deploy/DeployRole' },
  });
  if (args.kind === 'help' || args.kind === 'version') {
    return '';
  }
  if (args.kind === 'error') {
    return args.message;
  }
  const claimsFile = args.values.claims as string | undefined;
  const role = args.values.role as string | undefined;
  if (claimsFile === undefined && role === undefined) {
    return 'give --claims FILE (is the token admitted?) or --role PATH (what does the role want?)';
  }
  const inputs = args.positionals.length === 0 ? ['cdk.out'] : args.positionals;
  return {
    inputs,
    directory: inputs.join(', '),
    claimsFile,
    role,
    json: args.values.json === true,
    issuers: issuerOptionsOf(args.values),
  };
}

/** The roles of the inputs that trust a CI OIDC provider, as the report finds them. */
function ciRoles(args: Arguments): AssemblyRole[] {
  const inputs = readInputs(args.inputs);
  if (inputs.read.length === 0 || inputs.problems.length > 0) {
    // explain answers about the roles it was given: an input it cannot read would leave one out.
    throw new InputError(inputs.problems.map(problemText).join('\n') || `no input in ${args.directory}`);
  }
  const roles: AssemblyRole[] = [];
  for (const unit of inputs.units) {
    for (const audit of auditStack(unit.input, args.issuers)) {
      const origin = unit.origin(audit.logicalId);
      const trustPolicy = unit.input.template.Resources?.[audit.logicalId]?.Properties?.AssumeRolePolicyDocument;
      const names = roleNames({ audit, origin });
      roles.push({ stack: unit.input, path: audit.path, logicalId: audit.logicalId, names, trustPolicy });
    }
  }
  return roles;
}

// --- text output: every value from the token or the template goes through visibleEscapes ---

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
  return lines.map(visibleEscapes).join('\n') + '\n';
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
  return lines.map(visibleEscapes).join('\n') + '\n';
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
