/*
 * The report in Markdown, for a review, a pull-request comment or a job summary. Every value
 * taken from an input goes through markdownText or markdownCode.
 */
import { renderMermaid } from './mermaid';
import { Finding } from '../../audit/finding';
import { InputFormat, RoleOrigin } from '../../audit/inputs/audit-unit';
import { platformName } from '../../platforms/registry';
import { markdownCode, markdownText } from '../markdown';
import { Review, ReviewFinding, ReviewRole } from '../review';

const MAX_ACTIONS = 12;

/** How each format is named in the report. */
export const FORMAT_NAMES: Record<InputFormat, string> = {
  'cloud-assembly': 'cloud assembly',
  'cloudformation-json': 'CloudFormation template',
  'cloudformation-yaml': 'CloudFormation template (YAML)',
  'iam-authorization-details': 'IAM authorization details',
  'terraform-plan': 'Terraform plan',
  'terraform-state': 'Terraform state',
};

/** Options of the Markdown report. */
export interface MarkdownOptions {
  /** Whether to draw the Mermaid diagram. */
  readonly diagram: boolean;
}

/** The review in Markdown. */
export function renderMarkdown(review: Review, options: MarkdownOptions): string {
  const { summary } = review;
  const inputs = review.inputs.read.map((i) => `${code(i.path)} (${FORMAT_NAMES[i.format]})`).join(', ') || 'none';
  const acknowledged = summary.acknowledged > 0 ? `, ${count(summary.acknowledged, 'acknowledged warning')}` : '';
  const lines = [
    '# CI OIDC access review',
    '',
    `Inputs ${inputs}: ${count(summary.roles, 'role')} trusted by CI OIDC providers in ${count(summary.stacks, 'stack')}; ` +
    `${count(summary.errors, 'error')}, ${count(summary.warnings, 'warning')}${acknowledged}.`,
  ];
  if (options.diagram && review.roles.length > 0) {
    lines.push('', ...renderMermaid(review).slice(0, -1));
  }
  let stack: string | undefined;
  for (const role of review.roles) {
    if (role.audit.stack !== stack) {
      stack = role.audit.stack;
      lines.push('', `## ${heading(role)}`);
    }
    lines.push('', `### ${markdownText(role.audit.path)}`, '', `- Source: ${describeOrigin(role.origin)}`);
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
    for (const assumable of role.assumableRoles) {
      lines.push(`  - may assume ${markdownText(assumable.description)}: ${code(assumable.resource)}`);
    }
    lines.push(`- Findings: ${role.findings.length === 0 ? 'none' : ''}`.trimEnd());
    for (const finding of role.findings) {
      lines.push(`  - ${describeFinding(finding)}`);
    }
  }
  if (review.roles.length === 0) {
    lines.push('', 'No IAM role in these inputs trusts a CI OIDC provider.');
  }
  if (review.problems.length > 0) {
    lines.push('', '## Inputs not read (or read in part)', '');
    for (const problem of review.problems) {
      lines.push(`- ${code(problem.path)}: ${markdownText(problem.message)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The heading of a role's group: the stack, the account of an IAM export, the Terraform file. */
function heading(role: ReviewRole): string {
  const { format, account, file } = role.origin;
  if (format === 'iam-authorization-details') {
    return `Account ${markdownText(account ?? 'unknown')} (IAM authorization details)`;
  }
  if (format === 'terraform-plan' || format === 'terraform-state') {
    return `Terraform ${format === 'terraform-plan' ? 'plan' : 'state'} ${markdownText(file)}`;
  }
  return `Stack ${markdownText(role.audit.stack)}`;
}

/** Where a role came from: the file, and the account, region, stack and logical id, or the resource address. */
export function describeOrigin(origin: RoleOrigin): string {
  const parts = [code(origin.file)];
  if (origin.address !== undefined) {
    parts.push(`resource ${code(origin.address)}`);
  } else if (origin.arn !== undefined) {
    parts.push(`role ${code(origin.arn)}`);
  }
  if (origin.stack !== undefined) {
    parts.push(`stack ${code(origin.stack)}`);
  }
  if (origin.logicalId !== undefined) {
    parts.push(`logical id ${code(origin.logicalId)}`);
  }
  parts.push(`account ${origin.account === undefined ? 'unknown' : code(origin.account)}`);
  parts.push(origin.region === 'global' ? 'IAM (global)' : `region ${origin.region === undefined ? 'unknown' : code(origin.region)}`);
  return parts.join(', ');
}

interface MergedTrust {
  readonly issuer: string;
  readonly platform: ReviewRole['audit']['trusts'][number]['platform'];
  readonly audiences: string[];
  readonly pins: string[];
  readonly subjects: Array<{ description: string; operator: string; values: string[] }>;
}

/** The statements of a role that share a provider, audience and pins, with subjects of one description together. */
function mergeTrusts(role: ReviewRole): MergedTrust[] {
  const merged = new Map<string, MergedTrust>();
  for (const trust of role.audit.trusts) {
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

function describePermissions(role: ReviewRole): string {
  const { managedPolicies, actions, adminReasons } = role.audit.permissions;
  const parts: string[] = [adminReasons.length > 0
    ? `**administrator-level** (${adminReasons.map(markdownText).join('; ')})`
    : 'not administrator-level'];
  if (managedPolicies.length > 0) {
    parts.push(`managed policies ${managedPolicies.map(code).join(', ')}`);
  }
  if (actions.length > 0) {
    const shown = actions.slice(0, MAX_ACTIONS).map(code).join(', ');
    parts.push(`actions ${shown}${actions.length > MAX_ACTIONS ? ` and ${actions.length - MAX_ACTIONS} more` : ''}`);
  }
  if (managedPolicies.length === 0 && actions.length === 0) {
    parts.push('no policy in these inputs');
  }
  return parts.join('; ');
}

function describeFinding(finding: ReviewFinding): string {
  const head = finding.acknowledged === undefined
    ? `**${finding.severity.toUpperCase()}**`
    : `**ACKNOWLEDGED ${finding.severity.toUpperCase()}** (reason: ${markdownText(finding.acknowledged.reason)})`;
  return `${head} ${findingText(finding)}`;
}

function findingText(finding: Finding): string {
  return `${code(finding.id)}: ${markdownText(finding.message)} Condition: ${code(finding.condition)}. Fix: ${markdownText(finding.fix)}`;
}

function code(text: string): string {
  return markdownCode(text);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
