/*
 * HCP Terraform's workload identity facts: the issuer, the default audience, the `sub` grammar
 * and the form of the names in it. Plain data, no aws-cdk-lib.
 *
 * Sources (developer.hashicorp.com, "Dynamic Credentials with the AWS Provider" and "Workload
 * identity", HCP Terraform and Terraform Enterprise; support.hashicorp.com "Updating Workload
 * Identity for Projects"), checked 2026-12-02:
 * - issuer: `https://app.terraform.io` for HCP Terraform; a Terraform Enterprise installation
 *   issues under its own host name ("the address of HCP Terraform with https:// stripped");
 * - audience: `aws.workload.identity`, unless the workspace sets `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE`;
 * - sub: `organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>`
 *   (the project part was added in 2023; the default project is named `Default Project`);
 * - AWS STS passes no claim of these issuers besides `aud` and `sub` (Service Authorization
 *   Reference, sts:AssumeRoleWithWebIdentity), so the `sub` alone names the organization: the
 *   tenancy claim that IAM's identity-provider controls require for this shared issuer.
 */

/** HCP Terraform's issuer, without `https://`. */
export const HCP_TERRAFORM_ISSUER = 'app.terraform.io';

/** The audience HCP Terraform requests for AWS unless `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE` says otherwise. */
export const HCP_TERRAFORM_AUDIENCE = 'aws.workload.identity';

/** The run phases a workload identity token names. */
export const RUN_PHASES = ['plan', 'apply'] as const;

/** One run phase: `plan` (speculative plans of pull requests too) or `apply`. */
export type RunPhase = typeof RUN_PHASES[number];

/**
 * Organization names: letters, digits, `-` and `_` (the form HCP Terraform's API accepts).
 * No `:` ever, so no name can forge another part of `sub`.
 */
export const ORGANIZATION_NAME = /^[A-Za-z0-9_-]{1,255}$/;
export const ORGANIZATION_FORM = "an organization name of letters, digits, '-' and '_', e.g. 'acme'";

/**
 * Project names: 3 to 40 of letters, digits, spaces, `-` and `_`, not starting or ending with a
 * space (terraform-provider-tfe's `tfe_project` validation), e.g. `Default Project`.
 */
export const PROJECT_NAME = /^[A-Za-z0-9_-](?:[A-Za-z0-9_ -]{1,38})[A-Za-z0-9_-]$/;
export const PROJECT_FORM = "3 to 40 of letters, digits, spaces, '-' and '_', not starting or ending with a space, e.g. 'Default Project'";

/** Workspace names: 1 to 90 of letters, digits, `-` and `_`. */
export const WORKSPACE_NAME = /^[A-Za-z0-9_-]{1,90}$/;
export const WORKSPACE_FORM = "1 to 90 of letters, digits, '-' and '_', e.g. 'network-prod'";

/** The `sub` of a run of one workspace in one phase. */
export function hcpTerraformSubject(organization: string, project: string, workspace: string, phase: string): string {
  return `organization:${organization}:project:${project}:workspace:${workspace}:run_phase:${phase}`;
}
