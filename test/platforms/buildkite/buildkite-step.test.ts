import { App, Duration, Stack } from 'aws-cdk-lib';
import { parse } from 'yaml';
import { BuildkiteOidcProvider, BuildkitePipeline, BuildkiteSubject, CiDeployRole, CiSubject, HcpTerraformOidcProvider, HcpTerraformWorkspace } from '../../../src';

const ORG_ID = '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b';
const ARN = 'arn:aws:iam::123456789012:role/deploy-app';

function role(subjects: CiSubject[], audience?: string, region: string = 'eu-west-1'): CiDeployRole {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region } });
  return new CiDeployRole(stack, 'Role', { provider: new BuildkiteOidcProvider(stack, 'Buildkite'), roleName: 'deploy-app', subjects, audience });
}

const slugs = BuildkitePipeline.of('acme-inc', 'deploy-app');

describe('renderBuildkiteStep', () => {
  test('slugs only: the plugin, with the role ARN and region, for builds of main only (parsed back)', () => {
    // WHEN
    const text = role([slugs.branch('main')]).renderBuildkiteStep({ commands: ['npm ci', 'npx cdk deploy --all --require-approval never'] });

    // THEN
    expect(parse(text)).toEqual({
      steps: [{
        label: 'deploy',
        key: 'deploy',
        if: 'build.branch == "main" && build.tag == null',
        command: ['npm ci', 'npx cdk deploy --all --require-approval never'],
        plugins: [{ 'aws-assume-role-with-web-identity#v1.4.0': { 'role-arn': ARN, 'region': 'eu-west-1' } }],
      }],
    });
  });

  test('pinned ids: the agent asks for the claims the role pins, and the SDKs read the token file', () => {
    // GIVEN
    const pinned = BuildkitePipeline.of('acme-inc', 'deploy-app', { organizationId: ORG_ID, pipelineId: '0190a3b4-aaaa-7e8f-9a0b-1c2d3e4f5a6b' });

    // WHEN
    const step = parse(role([pinned.branch('main'), pinned.tag('v*')]).renderBuildkiteStep({ roleSessionDuration: Duration.minutes(30) })).steps[0];

    // THEN
    expect(step).toEqual({
      label: 'deploy',
      key: 'deploy',
      if: '(build.branch == "main" && build.tag == null) || (build.tag =~ /^v.*$/)',
      env: { AWS_ROLE_ARN: ARN, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' },
      command: [
        'export AWS_WEB_IDENTITY_TOKEN_FILE="$$(mktemp)"',
        'buildkite-agent oidc request-token --audience sts.amazonaws.com --claim organization_id --claim pipeline_id --lifetime 1800 > "$$AWS_WEB_IDENTITY_TOKEN_FILE"',
        'export AWS_ROLE_SESSION_NAME="buildkite-job-$$BUILDKITE_JOB_ID"',
      ],
    });
  });

  test('another audience (China) is asked for by the agent, not the plugin, which always asks for sts.amazonaws.com', () => {
    const step = parse(role([slugs.branch('release/*')], undefined, 'cn-north-1').renderBuildkiteStep({ roleSessionName: 'deploy-app' })).steps[0];
    expect(step.if).toBe('build.branch =~ /^release\\/.*$/ && build.tag == null');
    expect(step.env.AWS_ROLE_ARN).toBe('arn:aws-cn:iam::123456789012:role/deploy-app');
    expect(step.command[1]).toBe('buildkite-agent oidc request-token --audience sts.amazonaws.com.cn > "$$AWS_WEB_IDENTITY_TOKEN_FILE"');
    expect(step.command[2]).toBe('export AWS_ROLE_SESSION_NAME="deploy-app"');
  });

  test('any ref runs on every build; a raw subject is left out with a comment, and alone the step never runs', () => {
    expect(parse(role([slugs.anyRef()]).renderBuildkiteStep()).steps[0].if).toBeUndefined();
    const text = role([BuildkiteSubject.fromClaim('organization:acme-inc:pipeline:deploy-app:ref:refs/heads/main:commit:*:step:deploy')]).renderBuildkiteStep();
    expect(text).toContain('# Left out of the condition, its subject does not say which branch or tag it is: sub organization:acme-inc:pipeline:deploy-app');
    expect(text).toContain('# No subject of the role could be written as a condition: the step never runs until you write its condition.');
    expect(parse(text).steps[0].if).toBe('false');
  });

  test('a plugin pinned to a commit, and a session duration for the plugin', () => {
    const sha = 'a'.repeat(40);
    const step = parse(role([slugs.tag('v1.2.3')]).renderBuildkiteStep({ pluginVersion: sha, roleSessionDuration: Duration.hours(1), jobName: 'release' })).steps[0];
    expect(step.key).toBe('release');
    expect(step.if).toBe('build.tag == "v1.2.3"');
    expect(step.plugins).toEqual([{ [`aws-assume-role-with-web-identity#${sha}`]: { 'role-arn': ARN, 'role-session-duration': '3600', 'region': 'eu-west-1' } }]);
  });

  test.each([
    [{ pluginVersion: 'latest' }, "Invalid renderBuildkiteStep() pluginVersion 'latest': it is not a release tag or a full commit SHA."],
    [{ jobName: 'deploy app' }, "Invalid renderBuildkiteStep() jobName 'deploy app': Buildkite would not take it as a step key."],
    [{ roleSessionName: 'a b' }, "Invalid renderBuildkiteStep() roleSessionName 'a b': IAM does not accept it as a role session name."],
  ])('fails if an option is bad: %p', (options, message) => {
    expect(() => role([slugs.branch('main')]).renderBuildkiteStep(options)).toThrow(message);
  });

  test('fails if the role trusts another platform', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    const terraform = new CiDeployRole(stack, 'Role', {
      provider: new HcpTerraformOidcProvider(stack, 'Terraform'), subjects: [HcpTerraformWorkspace.of('acme', 'Default Project', 'network').apply()],
    });
    expect(() => terraform.renderBuildkiteStep()).toThrow("Invalid renderBuildkiteStep() role 'Stack/Role': it trusts HCP_TERRAFORM tokens (app.terraform.io), not Buildkite's. Allowed form: a role of a BuildkiteOidcProvider.");
  });
});
