import { App, Aspects, aws_iam as iam, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, NagSuppressions } from 'cdk-nag';
import { GitLabDeployStack } from '../../examples/gitlab-deploy-stack';

function conditionOf(stack: Stack, roleId: string): unknown[] {
  const role = stack.node.findChild(roleId) as iam.Role;
  const logicalId = stack.getLogicalId(role.node.defaultChild as CfnElement);
  return Template.fromStack(stack).toJSON().Resources[logicalId].Properties.AssumeRolePolicyDocument.Statement
    .map((statement: { Condition: unknown }) => statement.Condition);
}

describe('the GitLab example stack', () => {
  test('trusts exactly the documented jobs', () => {
    // WHEN
    const stack = new GitLabDeployStack(new App(), 'GitLabDeployExample');

    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::IAM::OIDCProvider', 2);
    expect(conditionOf(stack, 'ProductionDeployRole')).toEqual([{
      StringEquals: {
        'gitlab.com:aud': 'sts.amazonaws.com',
        'gitlab.com:project_id': '4242',
        'gitlab.com:ref_protected': 'true',
        'gitlab.com:sub': 'project_path:acme-group/platform/api:ref_type:branch:ref:main',
      },
    }]);
    expect(conditionOf(stack, 'ReleaseRole')).toEqual([{
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com', 'gitlab.com:project_id': '4242', 'gitlab.com:ref_protected': 'true' },
      StringLike: { 'gitlab.com:sub': 'project_path:acme-group/platform/api:ref_type:tag:ref:v*' },
    }]);
    expect(conditionOf(stack, 'InternalToolsDeployRole')).toEqual([{
      StringEquals: { 'gitlab.acme.example:aud': 'sts.amazonaws.com', 'gitlab.acme.example:sub': 'project_id:42:ref_type:branch:ref:main' },
    }]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('has no unsuppressed cdk-nag AwsSolutions error or warning', () => {
    // GIVEN
    const app = new App();
    const stack = new GitLabDeployStack(app, 'GitLabDeployExample');
    NagSuppressions.addResourceSuppressionsByPath(stack, '/GitLabDeployExample/ProductionDeployRole/DefaultPolicy/Resource', [{
      id: 'AwsSolutions-IAM5',
      reason: "A CloudFormation stack ARN ends with the stack's generated id: 'stack/platform-api/*' names one stack, the narrowest form IAM allows.",
      appliesTo: ['Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/platform-api/*'],
    }]);

    // WHEN
    Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));

    // THEN
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });
});
