import { App, Lazy, Stack } from 'aws-cdk-lib';
import { parse } from 'yaml';
import { CiDeployRole, CiDeployRoleProps, GitHubOidcProvider, GitHubOwner, GitHubRepository, GitLabOidcProvider, GitLabProject } from '../../../src';
import { ACCOUNT, accountStack } from '../../fixtures/account-stack';


interface Job {
  'runs-on': string;
  'environment'?: string;
  'if'?: string;
  'permissions': Record<string, string>;
  'steps': Array<{ uses?: string; with?: Record<string, string>; run?: string }>;
}

const stackIn = (region: string | undefined): Stack => accountStack(region);

function gitHubRole(stack: Stack, props: Partial<CiDeployRoleProps> = {}): CiDeployRole {
  return new CiDeployRole(stack, 'DeployRole', {
    provider: GitHubOidcProvider.fromAccount(stack, 'GitHub'),
    roleName: 'ci-deploy',
    subjects: [GitHubRepository.of('acme/api').environment('production')],
    ...props,
  });
}

/** The rendered YAML, parsed; the job under its name. */
function jobOf(yaml: string, jobName = 'deploy'): Job {
  const document = parse(yaml);
  expect(Object.keys(document)).toEqual(['on', 'jobs']);
  expect(Object.keys(document.jobs)).toEqual([jobName]);
  return document.jobs[jobName];
}

describe('renderGitHubActionsJob', () => {
  test('the whole fragment for a role with a name in an account and region', () => {
    // GIVEN
    const role = gitHubRole(stackIn('eu-west-1'));

    // WHEN
    const yaml = role.renderGitHubActionsJob({ commands: ['npx cdk deploy --all --require-approval never'] });

    // THEN
    expect(yaml).toBe([
      "'on':",
      '  push:',
      '  workflow_dispatch:',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    environment: production',
      "    # The environment's deployment branch and tag rules decide which refs deploy to production.",
      '    permissions:',
      '      id-token: write',
      '      contents: read',
      '    steps:',
      '      - uses: actions/checkout@v7',
      '      - uses: aws-actions/configure-aws-credentials@v6',
      '        with:',
      `          role-to-assume: arn:aws:iam::${ACCOUNT}:role/ci-deploy`,
      '          aws-region: eu-west-1',
      '      - run: npx cdk deploy --all --require-approval never',
      '',
    ].join('\n'));
  });

  test('the parsed values are the role\'s: ARN, region, permissions, no audience for sts.amazonaws.com', () => {
    // GIVEN
    const stack = stackIn('us-east-2');
    const role = gitHubRole(stack, { path: '/ci/' });

    // WHEN
    const job = jobOf(role.renderGitHubActionsJob({ jobName: 'cdk_deploy-1', runsOn: 'self-hosted', checkout: false }), 'cdk_deploy-1');

    // THEN
    expect(job).toEqual({
      'runs-on': 'self-hosted',
      'environment': 'production',
      'permissions': { 'id-token': 'write', 'contents': 'read' },
      'steps': [{
        uses: 'aws-actions/configure-aws-credentials@v6',
        with: { 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/ci/ci-deploy`, 'aws-region': 'us-east-2' },
      }],
    });
    expect(role.principal.audience).toBe('sts.amazonaws.com');
  });

  test('a custom audience is written, as the role requires it', () => {
    // GIVEN
    const role = gitHubRole(stackIn('eu-west-1'), { audience: 'https://github.com/acme' });

    // WHEN
    const job = jobOf(role.renderGitHubActionsJob());

    // THEN
    expect(job.steps[1].with).toEqual({
      'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/ci-deploy`,
      'aws-region': 'eu-west-1',
      'audience': role.principal.audience,
    });
    expect(role.principal.audience).toBe('https://github.com/acme');
  });

  test('China: the aws-cn partition and the sts.amazonaws.com.cn audience', () => {
    // GIVEN
    const role = gitHubRole(stackIn('cn-north-1'));

    // WHEN
    const job = jobOf(role.renderGitHubActionsJob());

    // THEN
    expect(job.steps[1].with).toEqual({
      'role-to-assume': `arn:aws-cn:iam::${ACCOUNT}:role/ci-deploy`,
      'aws-region': 'cn-north-1',
      'audience': 'sts.amazonaws.com.cn',
    });
  });

  describe('environment', () => {
    test('a name with a colon is written as the user named it, not as the token encodes it', () => {
      // GIVEN
      const role = gitHubRole(stackIn('eu-west-1'), { subjects: [GitHubRepository.of('acme/api').environment('prod: eu #1')] });

      // WHEN
      const yaml = role.renderGitHubActionsJob();

      // THEN
      expect(role.subjects[0].subjectClaims).toEqual(['repo:acme/api:environment:prod%3A eu #1']);
      expect(jobOf(yaml).environment).toBe('prod: eu #1');
    });

    test('the same environment of several repositories, immutable subjects and a whole owner', () => {
      // GIVEN
      const role = gitHubRole(stackIn('eu-west-1'), {
        subjects: [
          GitHubRepository.of('acme/api', { ownerId: 1, repositoryId: 2 }).environment('production'),
          GitHubOwner.of('acme').environment('production'),
        ],
      });

      // WHEN
      const job = jobOf(role.renderGitHubActionsJob());

      // THEN
      expect(job.environment).toBe('production');
    });

    test.each([
      ['two environments', [GitHubRepository.of('acme/api').environment('production'), GitHubRepository.of('acme/api').environment('staging')]],
      ['an environment and a branch', [GitHubRepository.of('acme/api').environment('production'), GitHubRepository.of('acme/api').branch('main')]],
      ['a branch', [GitHubRepository.of('acme/api').branch('main')]],
    ])('no environment for %s', (_, subjects) => {
      // GIVEN
      const role = gitHubRole(stackIn('eu-west-1'), { subjects });

      // WHEN
      const job = jobOf(role.renderGitHubActionsJob());

      // THEN
      expect(job).not.toHaveProperty('environment');
    });
  });

  describe('role ARN', () => {
    test('an environment-agnostic stack: the given ARN and region', () => {
      // GIVEN
      const role = gitHubRole(new Stack(new App(), 'Stack'), { roleName: undefined });

      // WHEN
      const job = jobOf(role.renderGitHubActionsJob({ roleArn: 'arn:aws-us-gov:iam::210987654321:role/Generated-ABC', region: 'us-gov-west-1' }));

      // THEN
      expect(job.steps[1].with).toEqual({ 'role-to-assume': 'arn:aws-us-gov:iam::210987654321:role/Generated-ABC', 'aws-region': 'us-gov-west-1' });
    });

    test('the partition comes from the given region when the stack has none', () => {
      // GIVEN
      const role = gitHubRole(stackIn(undefined));

      // WHEN
      const job = jobOf(role.renderGitHubActionsJob({ region: 'us-gov-east-1' }));

      // THEN
      expect(job.steps[1].with!['role-to-assume']).toBe(`arn:aws-us-gov:iam::${ACCOUNT}:role/ci-deploy`);
    });

    test('the given ARN may repeat the known one', () => {
      // GIVEN
      const role = gitHubRole(stackIn('eu-west-1'));

      // WHEN
      const job = jobOf(role.renderGitHubActionsJob({ roleArn: `arn:aws:iam::${ACCOUNT}:role/ci-deploy` }));

      // THEN
      expect(job.steps[1].with!['role-to-assume']).toBe(`arn:aws:iam::${ACCOUNT}:role/ci-deploy`);
    });

    test('fails if the given ARN is not the role\'s', () => {
      // GIVEN
      const role = gitHubRole(stackIn('eu-west-1'));

      // THEN
      expect(() => role.renderGitHubActionsJob({ roleArn: `arn:aws:iam::${ACCOUNT}:role/other` })).toThrow(
        `Invalid renderGitHubActionsJob() roleArn 'arn:aws:iam::${ACCOUNT}:role/other': the role 'Stack/DeployRole' is arn:aws:iam::${ACCOUNT}:role/ci-deploy. ` +
        `Allowed form: 'arn:aws:iam::${ACCOUNT}:role/ci-deploy', or leave roleArn out.`,
      );
    });

    test.each([
      'arn:aws:iam::12345678901:role/x',
      'arn:aws:iam::123456789012:user/x',
      'arn:aws:sts::123456789012:role/x',
      'arn:aws:iam::123456789012:role/',
      'arn:aws:iam::123456789012:role/a b',
      'arn:aws:iam::123456789012:role/x\n',
    ])('fails if the given ARN is %p', (roleArn) => {
      // GIVEN
      const role = gitHubRole(stackIn('eu-west-1'), { roleName: undefined });

      // THEN
      expect(() => role.renderGitHubActionsJob({ roleArn })).toThrow(
        `Invalid renderGitHubActionsJob() roleArn '${roleArn}': it is not an IAM role ARN. Allowed form: an IAM role ARN such as 'arn:aws:iam::123456789012:role/DeployRole'.`,
      );
    });

    test('fails if the role has no name and no ARN is given', () => {
      // GIVEN
      const role = gitHubRole(stackIn('eu-west-1'), { roleName: undefined });

      // THEN
      expect(() => role.renderGitHubActionsJob()).toThrow(
        "Invalid renderGitHubActionsJob() roleArn 'undefined': the ARN of 'Stack/DeployRole' is not known at synthesis (the role has no roleName, so CloudFormation names it). " +
        'Allowed form: roleArn (the value of addArnOutput() after a deployment), or a role with a roleName in a stack with an account.',
      );
    });

    test('fails if the partition of the region is unknown and no ARN is given', () => {
      // GIVEN
      const role = gitHubRole(stackIn(undefined));

      // THEN
      expect(() => role.renderGitHubActionsJob({ region: 'zz-east-1' })).toThrow('(the partition of region zz-east-1 is not known)');
    });

    test('fails if the stack has no account and no ARN is given', () => {
      // GIVEN
      const role = gitHubRole(new Stack(new App(), 'Stack', { env: { region: 'eu-west-1' } }));

      // THEN
      expect(() => role.renderGitHubActionsJob()).toThrow('(its stack has no account)');
    });
  });

  describe('validation', () => {
    test('fails if neither the stack nor the options have a region', () => {
      // GIVEN
      const role = gitHubRole(new Stack(new App(), 'Stack'));

      // THEN
      expect(() => role.renderGitHubActionsJob({ roleArn: `arn:aws:iam::${ACCOUNT}:role/x` })).toThrow(
        "Invalid renderGitHubActionsJob() region 'undefined': the stack of 'Stack/DeployRole' has no region. Allowed form: a region, e.g. { region: 'eu-west-1' }.",
      );
    });

    test.each(['eu-west', 'EU-WEST-1', '*', ''])('fails if the region is %p', (region) => {
      // GIVEN
      const role = gitHubRole(stackIn('eu-west-1'));

      // THEN
      expect(() => role.renderGitHubActionsJob({ region })).toThrow(
        `Invalid renderGitHubActionsJob() region '${region}': it is not a region name. Allowed form: a region such as 'eu-west-1'.`,
      );
    });

    test('fails if the region is in another partition than the role', () => {
      // GIVEN
      const role = gitHubRole(stackIn('eu-west-1'));

      // THEN
      expect(() => role.renderGitHubActionsJob({ region: 'cn-north-1' })).toThrow(
        "Invalid renderGitHubActionsJob() region 'cn-north-1': it is in partition aws-cn, and the role's stack (eu-west-1) in aws. Allowed form: a region of partition aws.",
      );
    });

    test.each([
      ['_deploy', true], ['a', true], ['deploy-1_x', true],
      ['1deploy', false], ['-deploy', false], ['de ploy', false], ['deploy:x', false], ['', false],
    ])('job name %p is accepted: %p', (jobName, ok) => {
      // GIVEN
      const role = gitHubRole(stackIn('eu-west-1'));

      // WHEN
      const render = () => role.renderGitHubActionsJob({ jobName });

      // THEN
      if (ok) {
        expect(jobOf(render(), jobName)['runs-on']).toBe('ubuntu-latest');
      } else {
        expect(render).toThrow(
          `Invalid renderGitHubActionsJob() jobName '${jobName}': GitHub does not accept it as a job id. ` +
          "Allowed form: a letter or '_', then letters, digits, '-' or '_', e.g. 'deploy'.",
        );
      }
    });

    test.each([['runsOn', { runsOn: ' ' }], ['commands', { commands: ['npm ci', ''] }]])('fails if %s is empty', (property, options) => {
      // GIVEN
      const role = gitHubRole(stackIn('eu-west-1'));

      // THEN
      expect(() => role.renderGitHubActionsJob(options)).toThrow(`Invalid renderGitHubActionsJob() ${property} '`);
    });

    test('fails if the role\'s audience is a token', () => {
      // GIVEN
      const role = gitHubRole(stackIn('eu-west-1'), { audience: Lazy.string({ produce: () => 'sts.amazonaws.com' }) });

      // THEN
      expect(() => role.renderGitHubActionsJob()).toThrow(
        "Invalid renderGitHubActionsJob() role 'Stack/DeployRole': its audience is a token; the pipeline file needs the value itself. Allowed form: a role with a literal audience.",
      );
    });

    test('fails for a GitLab role', () => {
      // GIVEN
      const stack = stackIn('eu-west-1');
      const role = new CiDeployRole(stack, 'DeployRole', {
        provider: GitLabOidcProvider.fromAccount(stack, 'GitLab'),
        subjects: [GitLabProject.of('acme/api').branch('main')],
      });

      // THEN
      expect(() => role.renderGitHubActionsJob()).toThrow(
        "Invalid renderGitHubActionsJob() role 'Stack/DeployRole': it trusts GITLAB_CI tokens (gitlab.com). Allowed form: a role of a GitHubOidcProvider, or renderGitLabCiJob() for this one.",
      );
    });
  });

  test('adversarial values parse back exactly', () => {
    // GIVEN
    const role = gitHubRole(stackIn('eu-west-1'), { roleName: 'ci-deploy' });
    const commands = ['echo "a: b" # not a comment', "it's", 'yes', '- x', 'line1\nline2', '{x}', '*', '@at', '  indented'];

    // WHEN
    const job = jobOf(role.renderGitHubActionsJob({ runsOn: 'label: #1', commands }));

    // THEN
    expect(job['runs-on']).toBe('label: #1');
    expect(job.steps.slice(2).map((step) => step.run)).toEqual(commands);
  });
});
