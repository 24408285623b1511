import { Token } from 'aws-cdk-lib';
import { HCP_TERRAFORM_AUDIENCE, RunPhase } from './facts/hcp-terraform-names';
import { readHcpTerraformSubject } from './facts/hcp-terraform-reading';
import { HcpTerraformVariablesOptions } from './hcp-terraform-variables-options';
import { CiPlatform } from '../../core/ci-platform';
import { checkText, JobRole, roleAudience } from '../../pipeline/ci-job-parts';
import { jobRegion, literalRoleArn } from '../../pipeline/role-arn';
import { invalid } from '../../subjects/literal-part';

/*
 * The workspace variables of HCP Terraform's dynamic provider credentials for AWS, as a Terraform
 * JSON configuration file (`*.tf.json`) of `tfe_variable` resources (hashicorp/tfe provider), all
 * environment variables (developer.hashicorp.com, "Dynamic Credentials with the AWS Provider" >
 * "Configure HCP Terraform"):
 * - TFC_AWS_PROVIDER_AUTH = true, which turns dynamic credentials on;
 * - TFC_AWS_RUN_ROLE_ARN for both phases, or TFC_AWS_PLAN_ROLE_ARN and TFC_AWS_APPLY_ROLE_ARN for
 *   a role per phase;
 * - TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE when the role requires another audience than `aws.workload.identity`.
 */

const METHOD = 'renderHcpTerraformVariables()';
// eslint-disable-next-line no-template-curly-in-string
const DEFAULT_WORKSPACE_ID = '${var.workspace_id}';

/** One `tfe_variable` resource. */
interface TfeVariable {
  readonly workspace_id: string;
  readonly category: 'env';
  readonly key: string;
  readonly value: string;
  readonly description: string;
}

/** The variables for `role` (and the plan role of the options), as Terraform JSON text. */
export function renderHcpTerraformVariables(role: JobRole, options: HcpTerraformVariablesOptions, planRole: JobRole | undefined): string {
  const phases = trustedPhases(role);
  const workspaceId = options.workspaceId === undefined ? DEFAULT_WORKSPACE_ID : checkText(METHOD, 'workspaceId', options.workspaceId);
  const roleArn = literalRoleArn(role, METHOD, jobRegion(role, METHOD, options.region), options.roleArn);
  const audience = roleAudience(role, METHOD);
  const variable = (key: string, value: string, description: string): TfeVariable => ({ workspace_id: workspaceId, category: 'env', key, value, description });

  const variables: Record<string, TfeVariable> = {
    tfc_aws_provider_auth: variable('TFC_AWS_PROVIDER_AUTH', 'true', 'HCP Terraform authenticates the AWS provider with workload identity tokens.'),
  };
  if (planRole !== undefined) {
    const planPhases = trustedPhases(planRole);
    if (planRole.provider !== role.provider && planRole.provider.issuer !== role.provider.issuer) {
      throw invalid(`${METHOD} planRole`, planRole.node.path, `it trusts issuer '${planRole.provider.issuer}', and '${role.node.path}' issuer '${role.provider.issuer}'`,
        'a plan role of the same HCP Terraform issuer');
    }
    if (planPhases.join() !== 'plan' || phases.join() !== 'apply') {
      throw invalid(`${METHOD} planRole`, planRole.node.path,
        `it trusts the ${planPhases.join(' and ')} phase${planPhases.length > 1 ? 's' : ''}, and '${role.node.path}' the ${phases.join(' and ')} ` +
        `phase${phases.length > 1 ? 's' : ''}; with a plan role, each role must trust its own phase only`,
        'a role of plan() subjects, given to the renderHcpTerraformVariables() of a role of apply() subjects');
    }
    if (roleAudience(planRole, METHOD) !== audience) {
      throw invalid(`${METHOD} planRole`, planRole.node.path, `it requires the audience '${planRole.principal.audience}', and '${role.node.path}' '${audience}'; ` +
        'a workspace requests one audience', 'a plan role that requires the same audience');
    }
    const planArn = literalRoleArn(planRole, METHOD, jobRegion(planRole, METHOD, options.region), options.planRoleArn);
    variables.tfc_aws_plan_role_arn = variable('TFC_AWS_PLAN_ROLE_ARN', planArn, `The role of plan phases: ${planRole.node.path}.`);
    variables.tfc_aws_apply_role_arn = variable('TFC_AWS_APPLY_ROLE_ARN', roleArn, `The role of apply phases: ${role.node.path}.`);
  } else if (options.planRoleArn !== undefined) {
    throw invalid(`${METHOD} planRoleArn`, options.planRoleArn, 'it is given without planRole', 'leave it out, or give planRole too');
  } else if (phases.length === 2) {
    variables.tfc_aws_run_role_arn = variable('TFC_AWS_RUN_ROLE_ARN', roleArn, `The role of plan and apply phases: ${role.node.path}.`);
  } else {
    const key = `tfc_aws_${phases[0]}_role_arn`;
    variables[key] = variable(key.toUpperCase(), roleArn, `The role of ${phases[0]} phases: ${role.node.path}.`);
  }
  if (audience !== HCP_TERRAFORM_AUDIENCE) {
    variables.tfc_aws_workload_identity_audience = variable('TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE', audience, 'The audience the roles require.');
  }

  const file: Record<string, unknown> = {
    '//': `HCP Terraform workspace variables for the dynamic AWS credentials of ${[planRole, role].filter((r) => r !== undefined).map((r) => r!.node.path).join(' and ')}.`,
  };
  if (options.workspaceId === undefined) {
    file.variable = { workspace_id: { type: 'string', description: 'The id (ws-...) of the workspace whose runs assume the roles.' } };
  }
  file.resource = { tfe_variable: variables };
  return JSON.stringify(file, undefined, 2) + '\n';
}

/** The run phases the role's subjects admit, in the order plan, apply. */
function trustedPhases(role: JobRole): RunPhase[] {
  if (role.provider.platform !== CiPlatform.HCP_TERRAFORM) {
    throw invalid(`${METHOD} role`, role.node.path, `it trusts ${role.provider.platform} tokens (${role.provider.issuer}), not HCP Terraform's`, 'a role of an HcpTerraformOidcProvider');
  }
  if (Token.isUnresolved(role.provider.issuer)) {
    throw invalid(`${METHOD} role`, role.node.path, 'its issuer is a token', 'a role of a provider with a literal issuer');
  }
  const phases = new Set<RunPhase>();
  for (const subject of role.subjects) {
    for (const claim of subject._spec.claims) {
      readHcpTerraformSubject(claim, subject._spec.pattern).phases.forEach((phase) => phases.add(phase));
    }
  }
  if (phases.size === 0) {
    throw invalid(`${METHOD} role`, role.node.path, 'it has no subject', 'a role with plan() or apply() subjects');
  }
  return (['plan', 'apply'] as const).filter((phase) => phases.has(phase));
}
