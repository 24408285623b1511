import { App, aws_iam as iam, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { BuildkiteOidcProvider, BuildkitePipeline, CiDeployRole, CiSubject, HcpTerraformWorkspace } from '../../../src';

const ORG_ID = '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b';
const PIPELINE_ID = '0190a3b4-aaaa-7e8f-9a0b-1c2d3e4f5a6b';
const FEDERATED = { Federated: { Ref: 'BuildkiteAE8A47B7' } };

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
}

function trustPolicyOf(role: iam.Role): unknown {
  const stack = Stack.of(role);
  const logicalId = stack.getLogicalId(role.node.defaultChild as CfnElement);
  return Template.fromStack(stack).toJSON().Resources[logicalId].Properties.AssumeRolePolicyDocument;
}

function roleFor(...subjects: CiSubject[]): CiDeployRole {
  const stack = newStack();
  return new CiDeployRole(stack, 'Role', { provider: new BuildkiteOidcProvider(stack, 'Buildkite'), subjects });
}

describe('Buildkite trust policies', () => {
  const pipeline = BuildkitePipeline.of('acme-inc', 'deploy-app', { organizationId: ORG_ID, pipelineId: PIPELINE_ID });

  test('a branch: aud, ids and build_branch with StringEquals, the sub pattern with StringLike', () => {
    expect(trustPolicyOf(roleFor(pipeline.branch('main')))).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: FEDERATED,
        Condition: {
          StringEquals: {
            'agent.buildkite.com:aud': 'sts.amazonaws.com',
            'agent.buildkite.com:build_branch': 'main',
            'agent.buildkite.com:organization_id': ORG_ID,
            'agent.buildkite.com:pipeline_id': PIPELINE_ID,
          },
          StringLike: { 'agent.buildkite.com:sub': 'organization:acme-inc:pipeline:deploy-app:ref:refs/heads/main:commit:*:step:*' },
        },
      }],
    });
  });

  test('subjects with other pins get statements of their own: a branch and a tag never AND their pins', () => {
    // WHEN
    const role = roleFor(pipeline.branch('main'), pipeline.tag('v*'), BuildkitePipeline.of('acme-inc', 'docs').branch('main'));

    // THEN
    expect((trustPolicyOf(role) as { Statement: Array<{ Condition: unknown }> }).Statement.map((s) => s.Condition)).toEqual([
      {
        StringEquals: {
          'agent.buildkite.com:aud': 'sts.amazonaws.com',
          'agent.buildkite.com:build_branch': 'main',
          'agent.buildkite.com:organization_id': ORG_ID,
          'agent.buildkite.com:pipeline_id': PIPELINE_ID,
        },
        StringLike: { 'agent.buildkite.com:sub': 'organization:acme-inc:pipeline:deploy-app:ref:refs/heads/main:commit:*:step:*' },
      },
      {
        StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com', 'agent.buildkite.com:organization_id': ORG_ID, 'agent.buildkite.com:pipeline_id': PIPELINE_ID },
        StringLike: { 'agent.buildkite.com:sub': 'organization:acme-inc:pipeline:deploy-app:ref:refs/tags/v*:commit:*:step:*' },
      },
      {
        StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com', 'agent.buildkite.com:build_branch': 'main' },
        StringLike: { 'agent.buildkite.com:sub': 'organization:acme-inc:pipeline:docs:ref:refs/heads/main:commit:*:step:*' },
      },
    ]);
  });

  test('an imported provider pins the same claims', () => {
    // GIVEN
    const stack = newStack();
    const provider = BuildkiteOidcProvider.fromAccount(stack, 'Buildkite');

    // WHEN
    const role = new CiDeployRole(stack, 'Role', { provider, subjects: [BuildkitePipeline.of('acme-inc', 'deploy-app').branch('main')] });

    // THEN
    expect((trustPolicyOf(role) as { Statement: Array<{ Condition: unknown }> }).Statement[0].Condition).toEqual({
      StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com', 'agent.buildkite.com:build_branch': 'main' },
      StringLike: { 'agent.buildkite.com:sub': 'organization:acme-inc:pipeline:deploy-app:ref:refs/heads/main:commit:*:step:*' },
    });
  });

  test('any ref warns with a stable id', () => {
    const role = roleFor(pipeline.anyRef());
    Annotations.fromStack(Stack.of(role)).hasWarning('/Stack/Role/Resource',
      Match.stringLikeRegexp('acme-inc/deploy-app: any branch or tag may assume this role.*\\[ack: cdk-ci-oidc:anyRefSubject\\]'));
  });

  test('a branch of one pipeline gives no warning', () => {
    Annotations.fromStack(Stack.of(roleFor(pipeline.branch('main')))).hasNoWarning('*', Match.anyValue());
  });

  test('fails if a subject of another platform is given', () => {
    expect(() => roleFor(HcpTerraformWorkspace.of('acme', 'Default Project', 'network').apply())).toThrow(
      "Invalid subject 'acme/Default Project/network, apply phase': it is a HCP_TERRAFORM subject, but the provider for issuer 'agent.buildkite.com' is BUILDKITE. Allowed form: a subject of the provider's platform, or a role per provider.");
  });

  test('snapshot: a branch role with ids', () => {
    expect(Template.fromStack(Stack.of(roleFor(pipeline.branch('main')))).toJSON().Resources).toMatchSnapshot();
  });
});
