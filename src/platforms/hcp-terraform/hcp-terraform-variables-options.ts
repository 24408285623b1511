import type { CiDeployRole } from '../../role/ci-deploy-role';

/**
 * Options of the HCP Terraform workspace variables that a `CiDeployRole` renders.
 */
export interface HcpTerraformVariablesOptions {
  /**
   * The workspace the variables belong to, as the `workspace_id` of each `tfe_variable`: a
   * workspace id (`ws-...`) or a Terraform expression such as `${tfe_workspace.network.id}`.
   *
   * @default - `${var.workspace_id}`, with the variable `workspace_id` declared in the file
   */
  readonly workspaceId?: string;

  /**
   * The role's ARN, written into the variables.
   *
   * @default - built from the role's name and path and the stack's account and partition
   */
  readonly roleArn?: string;

  /**
   * A region of the role's partition, for its ARN; HCP Terraform's AWS provider takes its
   * region from the configuration, not from these variables.
   *
   * @default - the region of the role's stack; required for an environment-agnostic stack
   */
  readonly region?: string;

  /**
   * The workspace's plan role, rendered as `TFC_AWS_PLAN_ROLE_ARN` beside this (apply) role's
   * `TFC_AWS_APPLY_ROLE_ARN`, so that one file holds the workspace's variables.
   *
   * It must trust the plan phase only, and this role the apply phase only.
   *
   * @default - no plan role: this role's ARN alone, as the variable of the phases it trusts
   */
  readonly planRole?: CiDeployRole;

  /**
   * The plan role's ARN, written into the variables.
   *
   * @default - built from the plan role's name and path and its stack's account and partition
   */
  readonly planRoleArn?: string;
}
