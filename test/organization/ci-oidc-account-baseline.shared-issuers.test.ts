import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  BuildkitePipeline, CiOidcAccountBaseline, CiOidcBaselineProvider, CiOidcProviderSource, CiPlatform, HcpTerraformIssuer, HcpTerraformWorkspace,
} from '../../src';

describe('CiOidcAccountBaseline with HCP Terraform and Buildkite providers', () => {
  const terraform = CiOidcBaselineProvider.hcpTerraform();
  const buildkite = CiOidcBaselineProvider.buildkite();
  const network = HcpTerraformWorkspace.of('acme', 'Default Project', 'network');

  test('creates both providers and trusts them by ARN, with their own audiences', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Account', { env: { account: '111111111111', region: 'eu-west-1' } });

    // WHEN
    const baseline = new CiOidcAccountBaseline(stack, 'Baseline', {
      providers: [terraform, buildkite],
      roles: [
        { id: 'NetworkPlan', provider: terraform, subjects: [network.plan()] },
        { id: 'AppDeploy', provider: buildkite, subjects: [BuildkitePipeline.of('acme-inc', 'deploy-app').branch('main')] },
      ],
      providerSource: CiOidcProviderSource.CREATE,
    });

    // THEN
    const providers = Object.values(Template.fromStack(stack).findResources('AWS::IAM::OIDCProvider')).map((r) => r.Properties);
    expect(providers).toEqual([
      { Url: 'https://app.terraform.io', ClientIdList: ['aws.workload.identity'] },
      { Url: 'https://agent.buildkite.com', ClientIdList: ['sts.amazonaws.com'] },
    ]);
    expect([terraform.platform, terraform.issuer]).toEqual([CiPlatform.HCP_TERRAFORM, 'app.terraform.io']);
    expect([buildkite.platform, buildkite.issuer]).toEqual([CiPlatform.BUILDKITE, 'agent.buildkite.com']);
    expect(baseline.role('NetworkPlan').provider.audience).toBe('aws.workload.identity');
    expect(baseline.role('AppDeploy').provider.conditionClaims).toContain('build_branch');
  });

  test('a Terraform Enterprise host names the provider\'s issuer', () => {
    expect(CiOidcBaselineProvider.hcpTerraform({ issuer: HcpTerraformIssuer.terraformEnterprise('tfe.example.com') }).issuer).toBe('tfe.example.com');
  });
});
