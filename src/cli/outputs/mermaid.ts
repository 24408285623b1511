/*
 * The review as a picture: a Mermaid flowchart (pipelines → roles → what they may do) that GitHub
 * renders in a pull-request comment or a job summary. Subjects are the pipelines; an edge that a
 * finding is about is drawn red and labelled with the finding, administrator-level access red too.
 * Every label is untrusted text: escaped, then written with Mermaid's entity codes, so that none
 * can close its label, the diagram or the Markdown fence around it.
 *
 * @see https://mermaid.js.org/syntax/flowchart.html
 * @see https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/creating-diagrams
 */
import { platformName } from '../../platforms/registry';
import { visibleEscapes } from '../escape';
import { Review, ReviewFinding, ReviewRole } from '../review';

/** Above this many roles the diagram is left out: it would not be readable, and GitHub caps a diagram's size. */
export const MAX_DIAGRAM_ROLES = 40;

/** A label in Mermaid's quoted form: characters that could end it (or the fence) as `#code;` entities. */
export function mermaidLabel(text: string): string {
  const escaped = visibleEscapes(text).replace(/["#&<>`|[\]{}()\\;]/g, (c) => `#${c.charCodeAt(0)};`);
  return `"${escaped}"`;
}

function shortId(finding: ReviewFinding): string {
  return finding.id.replace(/^cdk-ci-oidc:(guard:)?/, '');
}

function capabilities(role: ReviewRole): string {
  const { managedPolicies, actions, adminReasons } = role.audit.permissions;
  const parts: string[] = [];
  if (adminReasons.length > 0) {
    parts.push('administrator-level');
  }
  if (managedPolicies.length > 0) {
    parts.push(`managed: ${managedPolicies.slice(0, 3).join(', ')}${managedPolicies.length > 3 ? ` +${managedPolicies.length - 3}` : ''}`);
  }
  for (const assumable of role.assumableRoles.slice(0, 3)) {
    parts.push(`assumes ${assumable.description}`);
  }
  if (actions.length > 0 && adminReasons.length === 0) {
    parts.push(`${actions.length} action${actions.length === 1 ? '' : 's'}`);
  }
  if (parts.length === 0) {
    parts.push('no permissions in these inputs');
  }
  return parts.join(' / ');
}

/** The diagram, or a line that says why it is left out. */
export function renderMermaid(review: Review): string[] {
  if (review.roles.length === 0) {
    return [];
  }
  if (review.roles.length > MAX_DIAGRAM_ROLES) {
    return [`The diagram is left out above ${MAX_DIAGRAM_ROLES} roles (${review.roles.length} here).`, ''];
  }
  const lines = ['```mermaid', 'flowchart LR'];
  const subjectIds = new Map<string, string>();
  const riskyLinks: number[] = [];
  const riskyNodes: string[] = [];
  let links = 0;
  review.roles.forEach((role, index) => {
    const roleId = `role${index + 1}`;
    lines.push(`  ${roleId}[${mermaidLabel(role.audit.path)}]`);
    const open = role.findings.filter((f) => f.acknowledged === undefined);
    const edges: Array<{ key: string; label: string; findings: ReviewFinding[] }> = [];
    for (const trust of role.audit.trusts) {
      const platform = platformName(trust.platform);
      if (trust.subjects.length === 0) {
        edges.push({ key: `${trust.issuer} any`, label: `${platform}: any job of ${trust.issuer} (no sub condition that narrows it)`, findings: open.filter((f) => f.condition.startsWith(`Statement[${trust.statement}]`)) });
      }
      for (const subject of trust.subjects) {
        edges.push({
          key: `${trust.issuer} ${subject.operator} ${subject.value}`,
          label: `${platform}: ${subject.description}`,
          findings: open.filter((f) => f.condition.includes(subject.value)),
        });
      }
    }
    if (edges.length === 0) {
      // A trust the audit cannot read: the role still appears, with its findings.
      edges.push({ key: `${roleId} unreadable`, label: 'a trust the audit cannot read', findings: open });
    }
    for (const edge of edges) {
      let subjectId = subjectIds.get(edge.key);
      if (subjectId === undefined) {
        subjectId = `subject${subjectIds.size + 1}`;
        subjectIds.set(edge.key, subjectId);
        lines.push(`  ${subjectId}(${mermaidLabel(edge.label)})`);
      }
      const risks = [...new Set(edge.findings.map(shortId))];
      lines.push(risks.length === 0 ? `  ${subjectId} --> ${roleId}` : `  ${subjectId} -->|${mermaidLabel(risks.join(', '))}| ${roleId}`);
      if (risks.length > 0) {
        riskyLinks.push(links);
      }
      links++;
    }
    const capabilityId = `may${index + 1}`;
    lines.push(`  ${capabilityId}[${mermaidLabel(capabilities(role))}]`, `  ${roleId} --> ${capabilityId}`);
    if (role.audit.permissions.adminReasons.length > 0) {
      riskyLinks.push(links);
      riskyNodes.push(capabilityId);
    }
    links++;
    if (role.findings.some((f) => f.severity === 'error')) {
      riskyNodes.push(roleId);
    }
  });
  lines.push('  classDef risky stroke:#d73a49,stroke-width:2px,color:#d73a49');
  if (riskyNodes.length > 0) {
    lines.push(`  class ${riskyNodes.join(',')} risky`);
  }
  if (riskyLinks.length > 0) {
    lines.push(`  linkStyle ${riskyLinks.join(',')} stroke:#d73a49,stroke-width:2px`);
  }
  lines.push('```', '');
  return lines;
}
