import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CiDeployRole, GitHubOidcProvider, GitHubRepository } from '../../src';

function deployRole(): CiDeployRole {
  const stack = new Stack(new App(), 'Stack');
  return new CiDeployRole(stack, 'DeployRole', {
    provider: GitHubOidcProvider.fromAccount(stack, 'GitHub'),
    subjects: [GitHubRepository.of('acme/api').branch('main')],
  });
}

function outputsOf(role: CiDeployRole): Record<string, unknown> {
  return Template.fromStack(Stack.of(role)).toJSON().Outputs ?? {};
}

describe('addArnOutput', () => {
  test('no output unless asked', () => {
    // GIVEN
    const role = deployRole();

    // THEN
    expect(outputsOf(role)).toEqual({});
  });

  test('the role ARN with a description; CDK names it', () => {
    // GIVEN
    const role = deployRole();

    // WHEN
    role.addArnOutput();

    // THEN
    const roleLogicalId = Stack.of(role).getLogicalId(role.node.defaultChild as never);
    const outputs = outputsOf(role);
    expect(Object.keys(outputs)).toEqual([expect.stringMatching(/^DeployRoleArnOutput[0-9A-F]{8}$/)]);
    expect(Object.values(outputs)).toEqual([{
      Description: 'ARN of the CI role Stack/DeployRole: role-to-assume (GitHub Actions), AWS_ROLE_ARN (GitLab CI)',
      Value: { 'Fn::GetAtt': [roleLogicalId, 'Arn'] },
    }]);
  });

  test('a name, a description and an export', () => {
    // GIVEN
    const role = deployRole();

    // WHEN
    const output = role.addArnOutput({ outputName: 'DeployRoleArn', description: 'For the pipeline', exportName: 'ci-deploy-role-arn' });

    // THEN
    const roleLogicalId = Stack.of(role).getLogicalId(role.node.defaultChild as never);
    expect(outputsOf(role)).toEqual({
      DeployRoleArn: {
        Description: 'For the pipeline',
        Value: { 'Fn::GetAtt': [roleLogicalId, 'Arn'] },
        Export: { Name: 'ci-deploy-role-arn' },
      },
    });
    expect(Stack.of(role).resolve(output.value)).toEqual({ 'Fn::GetAtt': [roleLogicalId, 'Arn'] });
  });

  test.each(['Deploy-Role-Arn', 'Deploy Role', '', 'x'.repeat(256)])('fails if the output name is %p', (outputName) => {
    // GIVEN
    const role = deployRole();

    // THEN
    expect(() => role.addArnOutput({ outputName })).toThrow(
      `Invalid RoleArnOutputOptions.outputName '${outputName}': CloudFormation logical ids are letters and digits only. ` +
      "Allowed form: 1 to 255 of A-Z a-z 0-9, e.g. 'DeployRoleArn'.",
    );
  });

  test('an output name of 255 characters is accepted', () => {
    // GIVEN
    const role = deployRole();

    // WHEN
    role.addArnOutput({ outputName: 'x'.repeat(255) });

    // THEN
    expect(Object.keys(outputsOf(role))).toEqual(['x'.repeat(255)]);
  });

  test('fails if called twice', () => {
    // GIVEN
    const role = deployRole();
    role.addArnOutput();

    // THEN
    expect(() => role.addArnOutput()).toThrow("Invalid addArnOutput() role 'Stack/DeployRole': addArnOutput() was already called for it. Allowed form: one call per role; use the output it returned.");
  });
});
