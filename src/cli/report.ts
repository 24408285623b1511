import { AssemblyError, loadAssembly } from './assembly';
import { IssuerFlags, issuerFlagsHelp, issuerFlagsSynopsis, wrapText } from './issuer-flags';
import { markdownCode, markdownText } from './markdown';
import { Finding } from '../audit/finding';
import { auditStack, RoleAudit } from '../audit/template-audit';
import { IssuerOptions } from '../core/ci-platform-facts';
import { CI_PLATFORMS, platformName } from '../platforms/registry';

/** Where the command writes. */
export interface ReportIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const USAGE = `Usage: cdk-ci-oidc report [ASSEMBLY_DIR] [--json]${issuerFlagsSynopsis()}

${wrapText(`Lists every IAM role of a synthesized CDK app that a CI OIDC provider (${CI_PLATFORMS.map((p) => p.displayName).join(', ')}) ` +
  'may assume, hand-written ones too: the provider, each subject in plain words, the pinned claims, the permissions and ' +
  'the trust-policy findings of CiTrustGuard.', 90)}

  ASSEMBLY_DIR             the cloud assembly 'cdk synth' wrote (default: cdk.out)
  --json                   print JSON instead of Markdown
${issuerFlagsHelp([' to audit', 'even without a sub condition; repeatable'])}

Exit status: 0 no errors, 1 trust-policy errors found, 2 usage or assembly problem.

Why was a token refused? cdk-ci-oidc explain --claims FILE [ASSEMBLY_DIR]
(see cdk-ci-oidc explain --help).
`;

/** The process's standard output and error. */
export const PROCESS_IO: ReportIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

interface Arguments {
  readonly directory: string;
  readonly json: boolean;
  readonly issuers: IssuerOptions;
}

/**
 * Runs the command line `cdk-ci-oidc <argv...>` and returns the exit status.
 *
 * @param argv the arguments after the program name, e.g. `['report', 'cdk.out', '--json']`
 */
export function main(argv: string[], io: ReportIo = PROCESS_IO): number {
  const args = parseArguments(argv);
  if (typeof args === 'string') {
    if (args === '') {
      io.stdout(USAGE);
      return 0;
    }
    io.stderr(`cdk-ci-oidc: ${args}\n\n${USAGE}`);
    return 2;
  }
  let roles: RoleAudit[];
  let stackCount: number;
  try {
    const stacks = loadAssembly(args.directory);
    stackCount = stacks.length;
    roles = stacks.flatMap((stack) => auditStack(stack, args.issuers));
  } catch (error) {
    // Status 1 means "errors found": anything that stops the review is 2, so a pipeline never mistakes one for the other.
    io.stderr(error instanceof AssemblyError
      ? `cdk-ci-oidc: ${error.message}\n`
      : `cdk-ci-oidc: internal error while reading '${args.directory}', please report it: ${(error as Error).stack ?? error}\n`);
    return 2;
  }
  const findings = roles.flatMap((role) => role.findings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const summary = { stacks: stackCount, roles: roles.length, errors, warnings: findings.length - errors };
  io.stdout(args.json ? renderJson(args.directory, summary, roles) : renderMarkdown(args.directory, summary, roles));
  return errors > 0 ? 1 : 0;
}

/** The arguments, or an error message ('' for --help). */
function parseArguments(argv: string[]): Arguments | string {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    return command === undefined ? 'no command given' : '';
  }
  if (command !== 'report') {
    return `unknown command '${command}'`;
  }
  let directory: string | undefined;
  let json = false;
  const issuers = new IssuerFlags();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const taken = issuers.take(arg, () => {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith('--')) {
        return undefined;
      }
      i++;
      return value;
    });
    if (taken !== undefined) {
      if (taken !== '') {
        return taken;
      }
    } else if (arg === '--json') {
      json = true;
    } else if (arg === '--help' || arg === '-h') {
      return '';
    } else if (arg.startsWith('-')) {
      return `unknown option '${arg}'`;
    } else if (directory === undefined) {
      directory = arg;
    } else {
      return `more than one assembly directory given ('${directory}', '${arg}')`;
    }
  }
  return { directory: directory ?? 'cdk.out', json, issuers: issuers.options };
}

interface Summary {
  readonly stacks: number;
  readonly roles: number;
  readonly errors: number;
  readonly warnings: number;
}

function renderJson(directory: string, summary: Summary, roles: RoleAudit[]): string {
  const document = {
    assembly: directory,
    summary,
    roles: roles.map((role) => ({
      stack: role.stack,
      role: role.path,
      logicalId: role.logicalId,
      trusts: role.trusts.map((trust) => ({
        statement: trust.statement,
        provider: trust.issuer,
        platform: trust.platform?.id ?? null,
        audiences: trust.audiences,
        subjects: trust.subjects.map((s) => ({ description: s.description, operator: s.operator, value: s.value })),
        pinnedClaims: trust.pins.map((p) => ({ claim: p.claim, operator: p.operator, values: p.values })),
      })),
      permissions: role.permissions,
      findings: role.findings,
    })),
  };
  return `${JSON.stringify(document, undefined, 2)}\n`;
}

const MAX_ACTIONS = 12;

function renderMarkdown(directory: string, summary: Summary, roles: RoleAudit[]): string {
  const lines = [
    '# CI OIDC access review',
    '',
    `Assembly \`${directory}\`: ${count(summary.roles, 'role')} trusted by CI OIDC providers in ${count(summary.stacks, 'stack')}; ` +
    `${count(summary.errors, 'error')}, ${count(summary.warnings, 'warning')}.`,
  ];
  let stack: string | undefined;
  for (const role of roles) {
    if (role.stack !== stack) {
      stack = role.stack;
      lines.push('', `## Stack ${markdownText(stack)}`);
    }
    lines.push('', `### ${markdownText(role.path)}`, '');
    for (const trust of mergeTrusts(role)) {
      const audiences = trust.audiences.length === 0 ? 'no audience condition' : `audience ${trust.audiences.map(code).join(', ')}`;
      lines.push(`- Provider: ${code(trust.issuer)} (${platformName(trust.platform)}), ${audiences}`);
      lines.push(`- Subjects:${trust.subjects.length === 0 ? ' none' : ''}`);
      for (const subject of trust.subjects) {
        lines.push(`  - ${markdownText(subject.description)} (${markdownText(subject.operator)} ${subject.values.map(code).join(' or ')})`);
      }
      lines.push(`- Pinned claims: ${trust.pins.length === 0 ? 'none' : trust.pins.join(', ')}`);
    }
    lines.push(`- Permissions: ${describePermissions(role)}`);
    lines.push(`- Findings: ${role.findings.length === 0 ? 'none' : ''}`.trimEnd());
    for (const finding of role.findings) {
      lines.push(`  - ${describeFinding(finding)}`);
    }
  }
  if (roles.length === 0) {
    lines.push('', 'No IAM role in this assembly trusts a CI OIDC provider.');
  }
  return `${lines.join('\n')}\n`;
}

interface MergedTrust {
  readonly issuer: string;
  readonly platform: RoleAudit['trusts'][number]['platform'];
  readonly audiences: string[];
  readonly pins: string[];
  readonly subjects: Array<{ description: string; operator: string; values: string[] }>;
}

/** The statements of a role that share a provider, audience and pins, with subjects of one description together. */
function mergeTrusts(role: RoleAudit): MergedTrust[] {
  const merged = new Map<string, MergedTrust>();
  for (const trust of role.trusts) {
    const pins = trust.pins.map((p) => `${code(p.claim)} = ${p.values.map(code).join(' or ')}${/^StringEquals$/i.test(p.operator) ? '' : ` (${markdownText(p.operator)})`}`);
    const key = JSON.stringify([trust.issuer, trust.audiences, pins]);
    const entry = merged.get(key) ?? { issuer: trust.issuer, platform: trust.platform, audiences: trust.audiences, pins, subjects: [] };
    merged.set(key, entry);
    for (const subject of trust.subjects) {
      const same = entry.subjects.find((s) => s.description === subject.description && s.operator === subject.operator);
      if (same) {
        same.values.push(subject.value);
      } else {
        entry.subjects.push({ description: subject.description, operator: subject.operator, values: [subject.value] });
      }
    }
  }
  return [...merged.values()];
}

function describePermissions(role: RoleAudit): string {
  const { managedPolicies, actions, adminReasons } = role.permissions;
  const parts: string[] = [];
  if (adminReasons.length > 0) {
    parts.push(`**administrator-level** (${adminReasons.map(markdownText).join('; ')})`);
  }
  if (managedPolicies.length > 0) {
    parts.push(`managed policies ${managedPolicies.map(code).join(', ')}`);
  }
  if (actions.length > 0) {
    const shown = actions.slice(0, MAX_ACTIONS).map(code).join(', ');
    parts.push(`actions ${shown}${actions.length > MAX_ACTIONS ? ` and ${actions.length - MAX_ACTIONS} more` : ''}`);
  }
  return parts.length === 0 ? 'none in this assembly' : parts.join('; ');
}

function describeFinding(finding: Finding): string {
  return `**${finding.severity.toUpperCase()}** ${code(finding.id)}: ${markdownText(finding.message)} Condition: ${code(finding.condition)}. Fix: ${markdownText(finding.fix)}`;
}

function code(text: string): string {
  return markdownCode(text);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
