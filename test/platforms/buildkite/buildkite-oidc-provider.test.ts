import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BuildkiteOidcProvider, CiPlatform } from '../../../src';

const BUILDKITE_CLAIMS = ['build_branch', 'cluster_id', 'cluster_name', 'organization_id', 'organization_slug', 'pipeline_id', 'pipeline_slug'];

function newStack(region?: string): Stack {
  return new Stack(new App(), 'Stack', region ? { env: { region, account: '123456789012' } } : undefined);
}

describe('BuildkiteOidcProvider', () => {
  test('agent.buildkite.com: native provider, sts.amazonaws.com audience, retained, the claims STS passes', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = new BuildkiteOidcProvider(stack, 'Buildkite');

    // THEN
    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(Object.values(resources)).toEqual([{
      Type: 'AWS::IAM::OIDCProvider',
      Properties: { Url: 'https://agent.buildkite.com', ClientIdList: ['sts.amazonaws.com'] },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    }]);
    expect(provider.platform).toBe(CiPlatform.BUILDKITE);
    expect(provider.issuer).toBe('agent.buildkite.com');
    expect(provider.url).toBe('https://agent.buildkite.com');
    expect(provider.audience).toBe('sts.amazonaws.com');
    expect(provider.conditionClaims).toEqual(BUILDKITE_CLAIMS);
  });

  test('the STS audience of the China partition in China regions', () => {
    expect(new BuildkiteOidcProvider(newStack('cn-northwest-1'), 'Buildkite').audience).toBe('sts.amazonaws.com.cn');
  });

  test('fromAccount: the ARN in the stack\'s partition, the same claims', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = BuildkiteOidcProvider.fromAccount(stack, 'Buildkite', { account: '210987654321' });

    // THEN
    expect(stack.resolve(provider.oidcProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::210987654321:oidc-provider/agent.buildkite.com']],
    });
    expect(provider.conditionClaims).toEqual(BUILDKITE_CLAIMS);
    expect(provider.audience).toBe('sts.amazonaws.com');
  });

  test('fromOidcProviderArn: a literal ARN must name agent.buildkite.com', () => {
    const stack = newStack();
    expect(BuildkiteOidcProvider.fromOidcProviderArn(stack, 'Ok', 'arn:aws:iam::123456789012:oidc-provider/agent.buildkite.com').issuer).toBe('agent.buildkite.com');
    expect(() => BuildkiteOidcProvider.fromOidcProviderArn(stack, 'Bad', 'arn:aws:iam::123456789012:oidc-provider/gitlab.com')).toThrow(
      "Invalid BuildkiteOidcProvider.fromOidcProviderArn(oidcProviderArn) 'arn:aws:iam::123456789012:oidc-provider/gitlab.com': " +
      "it must be the ARN of the provider for issuer 'agent.buildkite.com'.");
  });

  test('fails if the account is not an account id', () => {
    expect(() => BuildkiteOidcProvider.fromAccount(newStack(), 'Buildkite', { account: '1234' })).toThrow(
      "Invalid account '1234': it is not an AWS account id. Allowed form: 12 digits, e.g. '123456789012'.");
  });
});
