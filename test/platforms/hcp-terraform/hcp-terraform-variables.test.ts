import { App, Stack } from 'aws-cdk-lib';
import { CiDeployRole, CiSubject, GitHubOidcProvider, GitHubRepository, HcpTerraformOidcProvider, HcpTerraformWorkspace } from '../../../src';

const network = HcpTerraformWorkspace.of('acme', 'Default Project', 'network');

interface Fixture {
  readonly stack: Stack;
  readonly provider: HcpTerraformOidcProvider;
}

function fixture(region: string | undefined = 'eu-west-1'): Fixture {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region } });
  return { stack, provider: new HcpTerraformOidcProvider(stack, 'Terraform') };
}

function role(f: Fixture, id: string, subjects: CiSubject[], audience?: string): CiDeployRole {
  return new CiDeployRole(f.stack, id, { provider: f.provider, roleName: id, subjects, audience });
}

/** The rendered file, parsed back: Terraform JSON syntax is JSON. */
function parsed(text: string): any {
  return JSON.parse(text);
}

const PROVIDER_AUTH = {
  workspace_id: '${var.workspace_id}',
  category: 'env',
  key: 'TFC_AWS_PROVIDER_AUTH',
  value: 'true',
  description: 'HCP Terraform authenticates the AWS provider with workload identity tokens.',
};
const WORKSPACE_VARIABLE = { workspace_id: { type: 'string', description: 'The id (ws-...) of the workspace whose runs assume the roles.' } };

describe('renderHcpTerraformVariables', () => {
  test('an apply role with its plan role: the provider auth and one ARN per phase', () => {
    // GIVEN
    const f = fixture();
    const plan = role(f, 'NetworkPlan', [network.plan()]);
    const apply = role(f, 'NetworkApply', [network.apply()]);

    // WHEN
    const text = apply.renderHcpTerraformVariables({ planRole: plan });

    // THEN
    expect(text.endsWith('}\n')).toBe(true);
    expect(parsed(text)).toEqual({
      '//': 'HCP Terraform workspace variables for the dynamic AWS credentials of Stack/NetworkPlan and Stack/NetworkApply.',
      'variable': WORKSPACE_VARIABLE,
      'resource': {
        tfe_variable: {
          tfc_aws_provider_auth: PROVIDER_AUTH,
          tfc_aws_plan_role_arn: {
            workspace_id: '${var.workspace_id}',
            category: 'env',
            key: 'TFC_AWS_PLAN_ROLE_ARN',
            value: 'arn:aws:iam::123456789012:role/NetworkPlan',
            description: 'The role of plan phases: Stack/NetworkPlan.',
          },
          tfc_aws_apply_role_arn: {
            workspace_id: '${var.workspace_id}',
            category: 'env',
            key: 'TFC_AWS_APPLY_ROLE_ARN',
            value: 'arn:aws:iam::123456789012:role/NetworkApply',
            description: 'The role of apply phases: Stack/NetworkApply.',
          },
        },
      },
    });
  });

  test('a role of both phases is the run role; a workspace id and another audience are written', () => {
    // GIVEN
    const f = fixture('cn-north-1');
    const both = role(f, 'Network', [network.anyRunPhase()], 'tfc-aws');

    // WHEN
    const file = parsed(both.renderHcpTerraformVariables({ workspaceId: '${tfe_workspace.network.id}' }));

    // THEN
    expect(file.variable).toBeUndefined();
    expect(Object.values(file.resource.tfe_variable)).toEqual([
      { ...PROVIDER_AUTH, workspace_id: '${tfe_workspace.network.id}' },
      {
        workspace_id: '${tfe_workspace.network.id}',
        category: 'env',
        key: 'TFC_AWS_RUN_ROLE_ARN',
        value: 'arn:aws-cn:iam::123456789012:role/Network',
        description: 'The role of plan and apply phases: Stack/Network.',
      },
      {
        workspace_id: '${tfe_workspace.network.id}',
        category: 'env',
        key: 'TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE',
        value: 'tfc-aws',
        description: 'The audience the roles require.',
      },
    ]);
  });

  test('a plan role alone is the plan role; a role trusted by plan and apply subjects is the run role', () => {
    // GIVEN
    const f = fixture();

    // WHEN
    const plan = parsed(role(f, 'Plan', [network.plan()]).renderHcpTerraformVariables()).resource.tfe_variable;
    const run = parsed(role(f, 'Run', [network.plan(), network.apply()]).renderHcpTerraformVariables()).resource.tfe_variable;

    // THEN
    expect(Object.keys(plan)).toEqual(['tfc_aws_provider_auth', 'tfc_aws_plan_role_arn']);
    expect(plan.tfc_aws_plan_role_arn.value).toBe('arn:aws:iam::123456789012:role/Plan');
    expect(Object.keys(run)).toEqual(['tfc_aws_provider_auth', 'tfc_aws_run_role_arn']);
  });

  test('fails if the plan role trusts the apply phase', () => {
    // GIVEN
    const f = fixture();
    const apply = role(f, 'Apply', [network.apply()]);
    const other = role(f, 'Other', [network.anyRunPhase()]);

    // THEN
    expect(() => apply.renderHcpTerraformVariables({ planRole: other })).toThrow(
      "Invalid renderHcpTerraformVariables() planRole 'Stack/Other': it trusts the plan and apply phases, and 'Stack/Apply' the apply phase; " +
      'with a plan role, each role must trust its own phase only. ' +
      'Allowed form: a role of plan() subjects, given to the renderHcpTerraformVariables() of a role of apply() subjects.');
  });

  test('fails if the plan role requires another audience', () => {
    // GIVEN
    const f = fixture();

    // THEN
    expect(() => role(f, 'Apply', [network.apply()]).renderHcpTerraformVariables({ planRole: role(f, 'Plan', [network.plan()], 'other') })).toThrow(
      "Invalid renderHcpTerraformVariables() planRole 'Stack/Plan': it requires the audience 'other', and 'Stack/Apply' 'aws.workload.identity'; " +
      'a workspace requests one audience. Allowed form: a plan role that requires the same audience.');
  });

  test('fails if the role trusts another platform', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    const gitHub = new CiDeployRole(stack, 'Role', { provider: new GitHubOidcProvider(stack, 'GitHub'), roleName: 'R', subjects: [GitHubRepository.of('acme/api').branch('main')] });

    // THEN
    expect(() => gitHub.renderHcpTerraformVariables()).toThrow(
      "Invalid renderHcpTerraformVariables() role 'Stack/Role': it trusts GITHUB_ACTIONS tokens (token.actions.githubusercontent.com), not HCP Terraform's. Allowed form: a role of an HcpTerraformOidcProvider.");
  });

  test('fails if the ARN is not known and not given; a given ARN is written', () => {
    // GIVEN
    const f = fixture();
    const unnamed = new CiDeployRole(f.stack, 'Unnamed', { provider: f.provider, subjects: [network.apply()] });

    // THEN
    expect(() => unnamed.renderHcpTerraformVariables()).toThrow(
      "Invalid renderHcpTerraformVariables() roleArn 'undefined': the ARN of 'Stack/Unnamed' is not known at synthesis (the role has no roleName, so CloudFormation names it).");
    const file = parsed(unnamed.renderHcpTerraformVariables({ roleArn: 'arn:aws:iam::123456789012:role/Deployed' }));
    expect(file.resource.tfe_variable.tfc_aws_apply_role_arn.value).toBe('arn:aws:iam::123456789012:role/Deployed');
  });

  test('fails if a plan role ARN comes without a plan role, or the workspace id is empty', () => {
    const r = role(fixture(), 'Apply', [network.apply()]);
    expect(() => r.renderHcpTerraformVariables({ planRoleArn: 'arn:aws:iam::123456789012:role/P' })).toThrow(
      "Invalid renderHcpTerraformVariables() planRoleArn 'arn:aws:iam::123456789012:role/P': it is given without planRole. Allowed form: leave it out, or give planRole too.");
    expect(() => r.renderHcpTerraformVariables({ workspaceId: ' ' })).toThrow("Invalid renderHcpTerraformVariables() workspaceId ' ': it is empty.");
  });
});
