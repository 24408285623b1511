import { checkProjectNames } from './hcp-terraform-name-checks';
import { HcpTerraformScope } from './hcp-terraform-scope';

/**
 * Every workspace of an HCP Terraform project, the scope of a whole-project trust.
 *
 * The subjects' fixed part ends with `project:<project>:workspace:`, so the project
 * `Infra` never matches `Infra Legacy`. Every subject warns with id
 * `cdk-ci-oidc:wholeProjectSubject`: any workspace created in the project later is trusted too.
 *
 * @example
 * import { HcpTerraformProject } from 'cdk-ci-oidc';
 *
 * const subject = HcpTerraformProject.of('acme', 'Networking').plan();
 */
export class HcpTerraformProject extends HcpTerraformScope {
  /**
   * A project by its organization and name.
   *
   * @param organization the organization's name, e.g. `acme`
   * @param project the project's name, e.g. `Default Project`
   */
  public static of(organization: string, project: string): HcpTerraformProject {
    checkProjectNames('HcpTerraformProject.of()', organization, project);
    return new HcpTerraformProject(organization, project);
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
  ) {
    super();
    // '*' stands for one workspace name: names hold no ':'.
    this._prefix = `organization:${organization}:project:${project}:workspace:*`;
    this._label = `every workspace of ${organization}/${project}`;
  }
}
