import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { BuildkiteOidcProvider, BuildkitePipeline, CiDeployRole, HcpTerraformOidcProvider, HcpTerraformWorkspace } from '../../src';
import { explain } from '../../src/cli/explain';
import { main } from '../../src/cli/report';
import { buildkiteToken } from '../fixtures/tokens/buildkite-token';
import { hcpTerraformToken } from '../fixtures/tokens/hcp-terraform-token';

/*
 * `cdk-ci-oidc report` and `explain` on an app whose roles trust HCP Terraform (plan and apply
 * roles of one workspace) and Buildkite (a branch of one pipeline, its ids pinned).
 */

const ORG_ID = '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b';
const PIPELINE_ID = '0190a3b4-aaaa-7e8f-9a0b-1c2d3e4f5a6b';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function capture(command: (argv: string[], io: { stdout: (t: string) => void; stderr: (t: string) => void }) => number, argv: string[]): Run {
  let stdout = '';
  let stderr = '';
  const status = command(argv, { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; } });
  return { status, stdout, stderr };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function synthApp(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ci-oidc-shared-'));
  dirs.push(outdir);
  const app = new App({ outdir });
  const stack = new Stack(app, 'Platform');
  const terraform = new HcpTerraformOidcProvider(stack, 'Terraform');
  const network = HcpTerraformWorkspace.of('acme', 'Default Project', 'network');
  new CiDeployRole(stack, 'NetworkPlan', { provider: terraform, subjects: [network.plan()] })
    .addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
  new CiDeployRole(stack, 'NetworkApply', { provider: terraform, subjects: [network.apply()] })
    .addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
  new CiDeployRole(stack, 'AppDeploy', {
    provider: new BuildkiteOidcProvider(stack, 'Buildkite'),
    subjects: [BuildkitePipeline.of('acme-inc', 'deploy-app', { organizationId: ORG_ID, pipelineId: PIPELINE_ID }).branch('main')],
  });
  app.synth();
  return outdir;
}

function tokenFile(claims: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ci-oidc-token-'));
  dirs.push(dir);
  const file = path.join(dir, 'token.json');
  fs.writeFileSync(file, JSON.stringify(claims));
  return file;
}

describe('report on HCP Terraform and Buildkite roles', () => {
  test('names the platforms, the subjects in words and the pinned claims; the admin apply role is not reported', () => {
    // GIVEN
    const assembly = synthApp();

    // WHEN
    const result = capture(main, ['report', assembly]);

    // THEN
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Assembly \`${assembly}\`: 3 roles trusted by CI OIDC providers in 1 stack; 0 errors, 0 warnings.`);
    const lines = result.stdout.split('\n');
    expect(lines).toContain('- Provider: `app.terraform.io` (HCP Terraform), audience `aws.workload.identity`');
    expect(lines).toContain('  - acme/Default Project/network, plan phase (StringEquals `organization:acme:project:Default Project:workspace:network:run_phase:plan`)');
    expect(lines).toContain('  - acme/Default Project/network, apply phase (StringEquals `organization:acme:project:Default Project:workspace:network:run_phase:apply`)');
    expect(lines).toContain('- Provider: `agent.buildkite.com` (Buildkite), audience `sts.amazonaws.com`');
    expect(lines).toContain('  - acme-inc/deploy-app, branch main (StringLike `organization:acme-inc:pipeline:deploy-app:ref:refs/heads/main:commit:*:step:*`)');
    expect(lines).toContain(`- Pinned claims: \`build_branch\` = \`main\`, \`organization_id\` = \`${ORG_ID}\`, \`pipeline_id\` = \`${PIPELINE_ID}\``);
  });

  test('JSON: the platforms by id', () => {
    const result = capture(main, ['report', synthApp(), '--json']);
    const report = JSON.parse(result.stdout);
    const platforms = report.roles.flatMap((r: any) => r.trusts).map((t: any) => t.platform);
    expect(platforms.sort()).toEqual(['buildkite', 'hcp-terraform', 'hcp-terraform']);
  });
});

describe('explain on HCP Terraform and Buildkite roles', () => {
  test('a plan token is admitted by the plan role only', () => {
    // WHEN
    const result = capture(explain, ['--claims', tokenFile(hcpTerraformToken({ phase: 'plan' })), synthApp()]);

    // THEN
    expect(result.stdout).toContain('Token of app.terraform.io (HCP Terraform)');
    expect(result.stdout).toContain('Platform/NetworkPlan: ADMITTED');
    expect(result.stdout).toContain('Platform/NetworkApply: REFUSED');
    expect(result.stdout).toContain('Admitted by 1 of 3 CI roles');
  });

  test('a Buildkite token without the organization_id claim is refused, and explain says which condition failed', () => {
    // GIVEN a job that did not ask for --claim organization_id --claim pipeline_id
    const result = capture(explain, ['--claims', tokenFile(buildkiteToken()), synthApp()]);

    // THEN
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Platform/AppDeploy: REFUSED');
    expect(result.stdout).toMatch(/FAILED StringEquals agent\.buildkite\.com:organization_id: the key is missing: the token has no claim 'organization_id'/);
  });

  test('a Buildkite token with the ids it asked for is admitted', () => {
    const token = buildkiteToken({ organizationId: ORG_ID, pipelineId: PIPELINE_ID });
    const result = capture(explain, ['--claims', tokenFile(token), synthApp()]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Platform/AppDeploy: ADMITTED');
  });
});

describe('report on a Terraform Enterprise role', () => {
  function tfeApp(): string {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ci-oidc-tfe-'));
    dirs.push(outdir);
    const app = new App({ outdir });
    const stack = new Stack(app, 'Tfe');
    const provider = new iam.OidcProviderNative(stack, 'Provider', { url: 'https://tfe.example.com', clientIds: ['aws.workload.identity'] });
    // Hand-written: the audience only, which lets every organization of the installation in.
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, { StringEquals: { 'tfe.example.com:aud': 'aws.workload.identity' } }),
    });
    app.synth();
    return outdir;
  }

  test('is audited once --tfe-issuer names the host: no sub is an error', () => {
    const assembly = tfeApp();
    expect(capture(main, ['report', assembly]).stdout).toContain('0 roles trusted by CI OIDC providers');
    const named = capture(main, ['report', assembly, '--tfe-issuer', 'tfe.example.com']);
    expect(named.status).toBe(1);
    expect(named.stdout).toContain('cdk-ci-oidc:guard:missingSub');
    expect(named.stdout).toContain('- Provider: `tfe.example.com` (HCP Terraform), audience `aws.workload.identity`');
    expect(named.stdout).toContain('any job of any workspace that can get a token from this issuer may assume the role');
  });
});
