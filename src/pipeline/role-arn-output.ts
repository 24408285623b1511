import { aws_iam as iam, CfnOutput, Token } from 'aws-cdk-lib';
import { RoleArnOutputOptions } from './role-arn-output-options';
import { CI_PLATFORMS } from '../platforms/registry';
import { invalid } from '../subjects/literal-part';

const OUTPUT_ID = 'ArnOutput';

/** A stack output with the role's ARN, as a child of the role. */
export function addRoleArnOutput(role: iam.Role, options: RoleArnOutputOptions): CfnOutput {
  if (role.node.tryFindChild(OUTPUT_ID)) {
    throw invalid('addArnOutput() role', role.node.path, 'addArnOutput() was already called for it', 'one call per role; use the output it returned');
  }
  const name = options.outputName;
  if (name !== undefined && (Token.isUnresolved(name) || !/^[A-Za-z0-9]{1,255}$/.test(name))) {
    throw invalid('RoleArnOutputOptions.outputName', name, 'CloudFormation logical ids are letters and digits only', "1 to 255 of A-Z a-z 0-9, e.g. 'DeployRoleArn'");
  }
  const output = new CfnOutput(role, OUTPUT_ID, {
    value: role.roleArn,
    description: options.description ?? `ARN of the CI role ${role.node.path}: ${CI_PLATFORMS.flatMap((platform) => platform.roleArnInput ?? []).join(', ')}`,
    exportName: options.exportName,
  });
  if (name !== undefined) {
    output.overrideLogicalId(name);
  }
  return output;
}
