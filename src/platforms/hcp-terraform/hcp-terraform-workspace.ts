import { checkProjectNames, checkWorkspaceName } from './hcp-terraform-name-checks';
import { HcpTerraformScope } from './hcp-terraform-scope';

/**
 * An HCP Terraform (or Terraform Enterprise) workspace, named by its organization, project and
 * workspace, exactly as HCP Terraform shows them (IAM compares case): the scope of its runs'
 * subjects.
 *
 * The names are names, not ids: a workspace deleted and re-created with the same name (or a
 * renamed one whose name is taken again) presents the same subject. AWS passes none of the
 * token's id claims to IAM, so the names are all a trust policy can check.
 *
 * @example
 * import { HcpTerraformWorkspace } from 'cdk-ci-oidc';
 *
 * const network = HcpTerraformWorkspace.of('acme', 'Default Project', 'network');
 * const planSubject = network.plan();
 * const applySubject = network.apply();
 */
export class HcpTerraformWorkspace extends HcpTerraformScope {
  /**
   * A workspace by its organization, project and name.
   *
   * @param organization the organization's name, e.g. `acme`
   * @param project the project's name, e.g. `Default Project` (every organization has one of that name)
   * @param workspace the workspace's name, e.g. `network`
   */
  public static of(organization: string, project: string, workspace: string): HcpTerraformWorkspace {
    checkProjectNames('HcpTerraformWorkspace.of()', organization, project);
    checkWorkspaceName('HcpTerraformWorkspace.of()', workspace);
    return new HcpTerraformWorkspace(organization, project, workspace);
  }

  /** @internal */
  protected readonly _prefix: string;
  /** @internal */
  protected readonly _label: string;

  private constructor(
    /** The organization's name. */
    public readonly organization: string,
    /** The project's name. */
    public readonly project: string,
    /** The workspace's name. */
    public readonly workspace: string,
  ) {
    super();
    this._prefix = `organization:${organization}:project:${project}:workspace:${workspace}`;
    this._label = `${organization}/${project}/${workspace}`;
  }
}
