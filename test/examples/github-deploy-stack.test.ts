import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, NagSuppressions } from 'cdk-nag';
import { GitHubDeployStack } from '../../examples/github-deploy-stack';

describe('the GitHub example stack under cdk-nag AwsSolutions', () => {
  test('has no unsuppressed error or warning', () => {
    // GIVEN
    const app = new App();
    const stack = new GitHubDeployStack(app, 'GitHubDeployExample');
    NagSuppressions.addResourceSuppressionsByPath(stack, '/GitHubDeployExample/ProductionDeployRole/DefaultPolicy/Resource', [{
      id: 'AwsSolutions-IAM5',
      reason: "A CloudFormation stack ARN ends with the stack's generated id: 'stack/payments-api/*' names one stack, the narrowest form IAM allows.",
      appliesTo: ['Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/payments-api/*'],
    }]);

    // WHEN
    Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));

    // THEN
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });

  test('without the documented suppression, the one finding is the stack ARN wildcard', () => {
    // GIVEN
    const app = new App();
    const stack = new GitHubDeployStack(app, 'GitHubDeployExample');

    // WHEN
    Aspects.of(app).add(new AwsSolutionsChecks());

    // THEN
    const findings = [
      ...Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ];
    expect(findings.map((f) => [f.id, String(f.entry.data).replace(/\]:.*/s, ']')])).toEqual([[
      '/GitHubDeployExample/ProductionDeployRole/DefaultPolicy/Resource',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/payments-api/*]',
    ]]);
  });
});
