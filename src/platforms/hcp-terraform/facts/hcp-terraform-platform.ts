/*
 * HCP Terraform (and Terraform Enterprise), as the audit, the guard, the report and the role see
 * it: the issuer, the `sub` grammar `organization:<org>:project:<project>:workspace:<workspace>:run_phase:<phase>`,
 * read by its own reader (Buildkite's subjects start with `organization:` too), and the words of
 * its findings.
 *
 * @see https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
 */
import { HCP_TERRAFORM_AUDIENCE, HCP_TERRAFORM_ISSUER } from './hcp-terraform-names';
import { HcpTerraformReading, readHcpTerraformSubject } from './hcp-terraform-reading';
import { hcpTerraformRisks } from './hcp-terraform-risks';
import { CiPlatform } from '../../../core/ci-platform';
import { CiPlatformFacts } from '../../../core/ci-platform-facts';
import { oneOrMore } from '../../../core/claim-shapes';
import { FindingId } from '../../../core/finding-id';
import { scopeProblemReading, SubjectReading, unrecognizedReading } from '../../../core/subject-reading';

const EXAMPLE = 'organization:acme:project:Default Project:workspace:network:run_phase:apply';
const FIX = `Name the organization, project, workspace and phase, e.g. '${EXAMPLE}' (HcpTerraformWorkspace.of('acme', 'Default Project', 'network').apply())`;

/** Reads a value of a statement that trusts an HCP Terraform issuer. */
function readHcpTerraform(value: string, pattern: boolean): SubjectReading {
  const reading = readHcpTerraformSubject(value, pattern);
  if (reading.problem !== undefined) {
    const why = reading.problem.replace(/^it /, '');
    // A pattern that does not fix the organization lets other tenants of the shared issuer in; an exact value just matches no token.
    return pattern ? scopeProblemReading(value, pattern, why, FIX) : unrecognizedReading(value, pattern, `${why}, so no HCP Terraform token carries it`);
  }
  if (reading.phases.length === 0) {
    return unrecognizedReading(value, pattern, "matches no run of HCP Terraform ('...:workspace:<workspace>:run_phase:<plan|apply>'), so no token carries it");
  }
  const label = labelOf(reading, value);
  const phase = reading.phases.length > 1 ? 'any run phase' : `${reading.phases[0]} phase`;
  return {
    value,
    pattern,
    description: `${label}, ${phase}`,
    kind: 'other',
    risks: hcpTerraformRisks(reading, label),
    // The apply phase never runs for a speculative plan of a pull request: it comes after the run's plan and the workspace's apply rules.
    gated: reading.phases.length === 1 && reading.phases[0] === 'apply',
  };
}

function labelOf(reading: HcpTerraformReading, value: string): string {
  if (reading.everyProject) {
    return `every workspace of ${reading.organization}`;
  }
  if (reading.everyWorkspaceOf !== undefined) {
    return `every workspace of ${reading.organization}/${reading.everyWorkspaceOf}`;
  }
  return reading.workspace !== undefined ? `${reading.organization}/${reading.workspace.project}/${reading.workspace.workspace}` : `sub ${value}`;
}

/** HCP Terraform, described once. */
export const HCP_TERRAFORM_PLATFORM: CiPlatformFacts = {
  platform: CiPlatform.HCP_TERRAFORM,
  id: 'hcp-terraform',
  displayName: 'HCP Terraform',
  name: 'HcpTerraform',
  defaultIssuer: HCP_TERRAFORM_ISSUER,
  defaultAudience: HCP_TERRAFORM_AUDIENCE,
  // One issuer for every organization: the organization in `sub` is the tenancy IAM's identity-provider controls require.
  issuerFamilies: [{ name: 'HCP Terraform', issuer: /^app\.terraform\.io$/, conditionClaims: [], tenancy: 'shared' }],
  selfHosted: { option: 'terraformEnterpriseIssuers', cliFlag: '--tfe-issuer', familyName: 'Terraform Enterprise', example: 'tfe.example.com' },
  subjects: {
    forms: [],
    identity: {
      keys: {},
      singleKeys: [],
      freeTextKeys: [],
      wholeKind: 'group',
      noun: 'workspace',
      idHolders: 'workspaces\'',
      wholeName: (organization) => organization,
      wholeRest: oneOrMore(':'),
      wildcardFix: FIX,
      scopeExample: EXAMPLE,
    },
    contexts: { branch: [], tag: [], environment: [], pullRequest: [] },
    contextWords: [],
    example: EXAMPLE,
    read: readHcpTerraform,
  },
  findings: {
    wholeRisk: (organization) => ({
      id: FindingId.WHOLE_ORGANIZATION,
      message: `Every workspace of every project of '${organization}', including ones created later, may assume this role.`,
      fix: FIX,
    }),
    templateWholeRisk: (organization) => ({
      id: FindingId.WHOLE_ORGANIZATION,
      message: `Every workspace of every project of '${organization}', including ones created later, may assume this role.`,
      fix: FIX,
    }),
    anyRefFix: "Name the phase: ':run_phase:plan' or ':run_phase:apply'.",
    everyRefFix: () => "Name the phase: ':run_phase:plan' or ':run_phase:apply'.",
    refTypeFix: "Name the phase: ':run_phase:plan' or ':run_phase:apply'.",
    adminPusher: "a branch of the workspace's repository and open a pull request (its speculative plan runs the plan phase), or queue a run in the workspace",
    adminFix: 'Give the plan phase a read-only role of its own (HcpTerraformWorkspace.plan()), and trust the apply phase (apply()) for the role that changes the account.',
  },
};
