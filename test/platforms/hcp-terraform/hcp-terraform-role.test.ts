import { App, aws_iam as iam, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import {
  CiDeployRole, CiSubject, GitHubRepository, HcpTerraformIssuer, HcpTerraformOidcProvider, HcpTerraformProject, HcpTerraformWorkspace,
} from '../../../src';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
}

/** The whole trust policy of a role. */
function trustPolicyOf(role: iam.Role): unknown {
  const stack = Stack.of(role);
  const logicalId = stack.getLogicalId(role.node.defaultChild as CfnElement);
  return Template.fromStack(stack).toJSON().Resources[logicalId].Properties.AssumeRolePolicyDocument;
}

const FEDERATED = { Federated: { Ref: 'Terraform210762A5' } };
const network = HcpTerraformWorkspace.of('acme', 'Default Project', 'network');

function roleFor(...subjects: CiSubject[]): CiDeployRole {
  const stack = newStack();
  return new CiDeployRole(stack, 'Role', { provider: new HcpTerraformOidcProvider(stack, 'Terraform'), subjects });
}

describe('HCP Terraform trust policies', () => {
  test('a plan role: aud aws.workload.identity and the exact plan subject, StringEquals', () => {
    expect(trustPolicyOf(roleFor(network.plan()))).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: FEDERATED,
        Condition: {
          StringEquals: {
            'app.terraform.io:aud': 'aws.workload.identity',
            'app.terraform.io:sub': 'organization:acme:project:Default Project:workspace:network:run_phase:plan',
          },
        },
      }],
    });
  });

  test('exact and pattern subjects land in statements of their own', () => {
    // WHEN
    const role = roleFor(network.apply(), HcpTerraformWorkspace.of('acme', 'Default Project', 'dns').apply(), HcpTerraformProject.of('acme', 'Edge').apply());

    // THEN
    expect(trustPolicyOf(role)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'sts:AssumeRoleWithWebIdentity',
          Effect: 'Allow',
          Principal: FEDERATED,
          Condition: {
            StringEquals: {
              'app.terraform.io:aud': 'aws.workload.identity',
              'app.terraform.io:sub': [
                'organization:acme:project:Default Project:workspace:network:run_phase:apply',
                'organization:acme:project:Default Project:workspace:dns:run_phase:apply',
              ],
            },
          },
        },
        {
          Action: 'sts:AssumeRoleWithWebIdentity',
          Effect: 'Allow',
          Principal: FEDERATED,
          Condition: {
            StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
            StringLike: { 'app.terraform.io:sub': 'organization:acme:project:Edge:workspace:*:run_phase:apply' },
          },
        },
      ],
    });
  });

  test('a Terraform Enterprise host names the condition keys', () => {
    // GIVEN
    const stack = newStack();
    const provider = new HcpTerraformOidcProvider(stack, 'Terraform', { issuer: HcpTerraformIssuer.terraformEnterprise('tfe.example.com') });

    // WHEN
    const role = new CiDeployRole(stack, 'Role', { provider, subjects: [network.apply()], audience: 'tfe-aws' });

    // THEN
    expect((trustPolicyOf(role) as { Statement: Array<{ Condition: unknown }> }).Statement[0].Condition).toEqual({
      StringEquals: { 'tfe.example.com:aud': 'tfe-aws', 'tfe.example.com:sub': 'organization:acme:project:Default Project:workspace:network:run_phase:apply' },
    });
  });

  test('any run phase and a whole project warn with stable ids', () => {
    // WHEN
    const role = roleFor(HcpTerraformProject.of('acme', 'Edge').anyRunPhase());

    // THEN
    const annotations = Annotations.fromStack(Stack.of(role));
    annotations.hasWarning('/Stack/Role/Resource', Match.stringLikeRegexp("Every workspace of project 'Edge' of 'acme'.*\\[ack: cdk-ci-oidc:wholeProjectSubject\\]"));
    annotations.hasWarning('/Stack/Role/Resource', Match.stringLikeRegexp('both the plan and the apply phase may assume this role.*\\[ack: cdk-ci-oidc:anyRunPhase\\]'));
  });

  test('a plan role and an apply role of one workspace give no warning', () => {
    // WHEN
    const role = roleFor(network.plan());

    // THEN
    Annotations.fromStack(Stack.of(role)).hasNoWarning('*', Match.anyValue());
  });

  test('fails if a subject of another platform is given', () => {
    expect(() => roleFor(GitHubRepository.of('acme/api').branch('main'))).toThrow(
      "Invalid subject 'acme/api, branch main': it is a GITHUB_ACTIONS subject, but the provider for issuer 'app.terraform.io' is HCP_TERRAFORM. Allowed form: a subject of the provider's platform, or a role per provider.");
  });

  test('fails at synthesis without a subject: a shared issuer must never be trusted by aud alone', () => {
    // GIVEN
    const stack = newStack();
    new CiDeployRole(stack, 'Role', { provider: new HcpTerraformOidcProvider(stack, 'Terraform') });

    // THEN
    expect(() => Template.fromStack(stack)).toThrow("CiDeployRole 'Stack/Role' has no subject");
  });

  test.each<[string, (stack: Stack) => HcpTerraformOidcProvider | ReturnType<typeof HcpTerraformOidcProvider.fromAccount>, () => CiSubject[]]>([
    ['created provider, plan and apply roles of one workspace', (s) => new HcpTerraformOidcProvider(s, 'Terraform'), () => [network.plan()]],
    ['imported provider, a whole project', (s) => HcpTerraformOidcProvider.fromAccount(s, 'Terraform'), () => [HcpTerraformProject.of('acme', 'Edge').apply()]],
  ])('snapshot: %s', (_name, makeProvider, subjects) => {
    // GIVEN
    const stack = newStack();

    // WHEN
    new CiDeployRole(stack, 'Role', { provider: makeProvider(stack), subjects: subjects() });

    // THEN
    expect(Template.fromStack(stack).toJSON().Resources).toMatchSnapshot();
  });
});
