/**
 * Options of the stack output that carries a `CiDeployRole`'s ARN.
 */
export interface RoleArnOutputOptions {
  /**
   * The output's name in the template and in `cdk deploy --outputs-file` (its logical id),
   * e.g. `DeployRoleArn`: letters and digits.
   *
   * @default - the logical id CDK generates from the construct path (`DeployRoleArnOutput` and a hash)
   */
  readonly outputName?: string;

  /**
   * The output's description.
   *
   * @default - names the role and where the ARN goes (`role-to-assume`, `AWS_ROLE_ARN`)
   */
  readonly description?: string;

  /**
   * The name under which other stacks can import the value (`Fn::ImportValue`).
   *
   * @default - not exported
   */
  readonly exportName?: string;
}
