/*
 * The report as JSON for tools, described by docs/report-schema.json. `schemaVersion` changes
 * its major number when a field changes meaning or goes away, its minor number when fields are added.
 */
import { Review } from '../review';

/** The version of the JSON document's schema (docs/report-schema.json). */
export const REPORT_SCHEMA_VERSION = '2.0';

/** The review as a JSON document. */
export function renderJson(review: Review, toolVersion: string): string {
  const document = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'cdk-ci-oidc', version: toolVersion },
    inputs: review.inputs.read,
    skipped: review.inputs.skipped,
    problems: review.problems,
    summary: review.summary,
    roles: review.roles.map(({ audit, origin, assumableRoles, findings }) => ({
      stack: audit.stack,
      role: audit.path,
      logicalId: audit.logicalId,
      source: origin,
      trusts: audit.trusts.map((trust) => ({
        statement: trust.statement,
        provider: trust.issuer,
        platform: trust.platform?.id ?? null,
        audiences: trust.audiences,
        subjects: trust.subjects.map((s) => ({ description: s.description, operator: s.operator, value: s.value })),
        pinnedClaims: trust.pins.map((p) => ({ claim: p.claim, operator: p.operator, values: p.values })),
      })),
      permissions: {
        ...audit.permissions,
        administrator: audit.permissions.adminReasons.length > 0,
        assumableRoles,
      },
      findings: findings.map((f) => ({ ...f, acknowledged: f.acknowledged ?? null })),
    })),
  };
  return `${JSON.stringify(document, undefined, 2)}\n`;
}
