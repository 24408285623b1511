import {
  ORGANIZATION_FORM, ORGANIZATION_NAME, PROJECT_FORM, PROJECT_NAME, WORKSPACE_FORM, WORKSPACE_NAME,
} from './facts/hcp-terraform-names';
import { checkKind } from '../../core/runtime-checks';
import { hasWildcard, invalid, textProblem } from '../../subjects/literal-part';

/*
 * Each name is checked: literal, no wildcard, no ':' (which separates the parts of `sub`), and of
 * HCP Terraform's form. `source` names the factory, e.g. `HcpTerraformWorkspace.of()`.
 */

/** Throws unless the organization and project are literal HCP Terraform names. */
export function checkProjectNames(source: string, organization: string, project: string): void {
  checkName(`${source} organization`, organization, ORGANIZATION_NAME, ORGANIZATION_FORM);
  checkName(`${source} project`, project, PROJECT_NAME, PROJECT_FORM);
}

/** Throws unless the workspace is a literal HCP Terraform workspace name. */
export function checkWorkspaceName(source: string, workspace: string): void {
  checkName(`${source} workspace`, workspace, WORKSPACE_NAME, WORKSPACE_FORM);
}

function checkName(property: string, value: string, form: RegExp, allowedForm: string): void {
  checkKind(property, value, 'string', allowedForm);
  const problem = textProblem(value)
    ?? (hasWildcard(value) ? "it contains '*' or '?': names are never patterns (HcpTerraformProject trusts every workspace of a project, a warned choice)" : undefined)
    ?? (value.includes(':') ? "it contains ':', which separates the parts of HCP Terraform's sub claim" : undefined)
    ?? (form.test(value) ? undefined : 'HCP Terraform does not allow it as a name');
  if (problem) {
    throw invalid(property, value, problem, allowedForm);
  }
}
