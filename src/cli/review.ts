/*
 * The review every output renders: each CI role with where it came from, what it may do, and its
 * findings, acknowledged ones marked; the inputs read and the problems met.
 */
import { Acknowledgement, unusedAcknowledgements } from './acknowledgements';
import { Inputs } from './input-files';
import { AssumableRole, assumableRoles } from '../audit/assumable-roles';
import { Finding } from '../audit/finding';
import { InputProblem, RoleOrigin } from '../audit/inputs/audit-unit';
import { auditStack, RoleAudit } from '../audit/template-audit';
import { AuditOptions } from '../audit/trust-policy-audit';

/** A finding of the review; an acknowledged warning carries the reason it was accepted. */
export interface ReviewFinding extends Finding {
  readonly acknowledged?: { readonly reason: string };
}

/** One CI role of the review. */
export interface ReviewRole {
  readonly audit: RoleAudit;
  readonly origin: RoleOrigin;
  readonly trustPolicy: unknown;
  readonly assumableRoles: AssumableRole[];
  readonly findings: ReviewFinding[];
}

/** Counts of the review. */
export interface ReviewSummary {
  readonly inputs: number;
  readonly stacks: number;
  readonly roles: number;
  readonly errors: number;
  /** Warnings not acknowledged. */
  readonly warnings: number;
  readonly acknowledged: number;
  readonly problems: number;
}

/** Everything the outputs show. */
export interface Review {
  readonly inputs: Inputs;
  readonly roles: ReviewRole[];
  readonly problems: InputProblem[];
  readonly summary: ReviewSummary;
}

/** The names a role answers to in an acknowledgement or a `--role` option. */
export function roleNames(role: { audit: RoleAudit; origin: RoleOrigin }): string[] {
  return [role.audit.path, role.audit.logicalId, role.origin.arn, role.origin.name, role.origin.address]
    .filter((n): n is string => n !== undefined);
}

/** Audits every unit of the inputs and applies the acknowledgements. */
export function buildReview(inputs: Inputs, options: AuditOptions, acknowledgementsFile?: { file: string; entries: Acknowledgement[] }): Review {
  const acknowledgements = acknowledgementsFile?.entries ?? [];
  const used = new Set<Acknowledgement>();
  const roles: ReviewRole[] = [];
  for (const unit of inputs.units) {
    for (const audit of auditStack(unit.input, options)) {
      const origin = unit.origin(audit.logicalId);
      const names = roleNames({ audit, origin });
      const findings = audit.findings.map((finding): ReviewFinding => {
        const ack = finding.severity === 'warning'
          ? acknowledgements.find((a) => a.id === finding.id && names.includes(a.role))
          : undefined;
        if (ack === undefined) {
          return finding;
        }
        used.add(ack);
        return { ...finding, acknowledged: { reason: ack.reason } };
      });
      roles.push({
        audit,
        origin,
        trustPolicy: unit.input.template.Resources?.[audit.logicalId]?.Properties?.AssumeRolePolicyDocument,
        assumableRoles: assumableRoles(unit.input, audit.logicalId),
        findings,
      });
    }
  }
  const findings = roles.flatMap((r) => r.findings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const acknowledged = findings.filter((f) => f.acknowledged !== undefined).length;
  const problems = [...inputs.problems, ...(acknowledgementsFile ? unusedAcknowledgements(acknowledgementsFile.file, acknowledgements, used) : [])];
  return {
    inputs,
    roles,
    problems,
    summary: {
      inputs: inputs.read.length,
      stacks: inputs.units.length,
      roles: roles.length,
      errors,
      warnings: findings.length - errors - acknowledged,
      acknowledged,
      problems: problems.length,
    },
  };
}
