import { HcpTerraformReading } from './hcp-terraform-reading';
import { FindingId } from '../../../core/finding-id';
import { SubjectRiskReading } from '../../../core/subject-reading';

/**
 * The warnings for what an HCP Terraform subject admits, shared by the subject builders and
 * the audit: both run phases, every workspace of a project, every project of an organization.
 *
 * @param label the subject in words, e.g. `acme/Default Project/network`
 */
export function hcpTerraformRisks(reading: HcpTerraformReading, label: string): SubjectRiskReading[] {
  const risks: SubjectRiskReading[] = [];
  if (reading.everyProject) {
    risks.push({
      id: FindingId.WHOLE_ORGANIZATION,
      message: `Every workspace of every project of '${reading.organization}', including ones created later, may assume this role; ` +
        `prefer HcpTerraformWorkspace.of('${reading.organization}', '<project>', '<workspace>').`,
      fix: `Name the workspace: 'organization:${reading.organization}:project:<project>:workspace:<workspace>:run_phase:<plan|apply>'.`,
    });
  } else if (reading.everyWorkspaceOf !== undefined) {
    risks.push({
      id: FindingId.WHOLE_PROJECT,
      message: `Every workspace of project '${reading.everyWorkspaceOf}' of '${reading.organization}', including ones created later, may assume this role; ` +
        `prefer HcpTerraformWorkspace.of('${reading.organization}', '${reading.everyWorkspaceOf}', '<workspace>').`,
      fix: `Name the workspace: 'organization:${reading.organization}:project:${reading.everyWorkspaceOf}:workspace:<workspace>:run_phase:<plan|apply>'.`,
    });
  }
  if (reading.phases.length > 1) {
    risks.push({
      id: FindingId.ANY_RUN_PHASE,
      message: `${label}: both the plan and the apply phase may assume this role, and plan runs for speculative plans of pull requests too, ` +
        'with code nobody has reviewed yet; give the plan phase a read-only role of its own (plan()) and the apply phase another (apply()).',
      fix: "Name the phase: ':run_phase:plan' for a read-only role, ':run_phase:apply' for the role that changes the account.",
    });
  }
  return risks;
}
