import { App, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { parse } from 'yaml';
import { ActionVersion, CiDeployRole, CiDeployRoleProps, GitHubOidcProvider, GitHubRepository, GitLabOidcProvider, GitLabProject } from '../../src';

const ACCOUNT = '123456789012';
const SHA = '0123456789abcdef0123456789abcdef01234567';

function role(platform: 'github' | 'gitlab', props: Partial<CiDeployRoleProps> = {}): CiDeployRole {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  return platform === 'github'
    ? new CiDeployRole(stack, 'DeployRole', { provider: GitHubOidcProvider.fromAccount(stack, 'GitHub'), roleName: 'ci-deploy', subjects: [GitHubRepository.of('acme/api').branch('main')], ...props })
    : new CiDeployRole(stack, 'DeployRole', { provider: GitLabOidcProvider.fromAccount(stack, 'GitLab'), roleName: 'ci-deploy', subjects: [GitLabProject.of('acme/api').branch('main')], ...props });
}

describe('ActionVersion', () => {
  test('a major tag and a pinned SHA render as uses: lines', () => {
    const yaml = role('github').renderGitHubActionsJob({
      checkoutVersion: ActionVersion.major('v6'), configureAwsCredentialsVersion: ActionVersion.sha(SHA, 'v6.3.0'),
    });
    expect(yaml).toContain('      - uses: actions/checkout@v6\n');
    expect(yaml).toContain(`      - uses: aws-actions/configure-aws-credentials@${SHA} # v6.3.0\n`);
    expect(parse(yaml).jobs.deploy.steps[1].uses).toBe(`aws-actions/configure-aws-credentials@${SHA}`);
  });

  test.each(['v7', 'v1', 'v1234'])('major %p is accepted', (tag) => {
    expect(ActionVersion.major(tag).ref).toBe(tag);
  });

  test.each(['7', 'v0', 'v7.0', 'main', 'v12345', ''])('fails if the major tag is %p', (tag) => {
    expect(() => ActionVersion.major(tag)).toThrow(`Invalid ActionVersion.major(tag) '${tag}': it is not a major version tag. Allowed form: 'v' and a number, e.g. 'v7'.`);
  });

  test.each([SHA.slice(0, 39), `${SHA}0`, SHA.toUpperCase(), `${SHA.slice(0, 39)}g`, 'v7'])('fails if the SHA is %p', (sha) => {
    expect(() => ActionVersion.sha(sha, 'v7.0.1')).toThrow(`Invalid ActionVersion.sha(sha) '${sha}': it is not a full commit SHA`);
  });

  test.each(['7.0.1', 'v7.0.1 # x', 'v7\n', ''])('fails if the release is %p', (release) => {
    expect(() => ActionVersion.sha(SHA, release)).toThrow(`Invalid ActionVersion.sha(release) '${release}': it is not a release tag. Allowed form: 'v' and a version, e.g. 'v7.0.1'.`);
  });
});

describe('role session name', () => {
  test.each([['github'], ['gitlab']] as const)('%s: 2 and 64 characters of the grammar pass, 1 and 65 do not', (platform) => {
    const target = role(platform);
    const render = (name: string) => (platform === 'github' ? target.renderGitHubActionsJob({ roleSessionName: name }) : target.renderGitLabCiJob({ roleSessionName: name }));
    const method = platform === 'github' ? 'renderGitHubActionsJob()' : 'renderGitLabCiJob()';
    expect(render('ab')).toContain('ab');
    expect(render('a'.repeat(60) + '+=,.@-_'.slice(0, 4))).toContain('a'.repeat(60));
    for (const name of ['a', 'a'.repeat(65), 'a b', 'a$b', 'a"b', 'deploy/api']) {
      expect(() => render(name)).toThrow(`Invalid ${method} roleSessionName '${name}': IAM does not accept it as a role session name. ` +
        "Allowed form: 2 to 64 of letters, digits and '_+=,.@-', e.g. 'deploy-api'.");
    }
  });

  test('GitLab exports the given name', () => {
    expect(parse(role('gitlab').renderGitLabCiJob({ roleSessionName: 'deploy@api' })).deploy.script).toContain('export AWS_ROLE_SESSION_NAME="deploy@api"');
  });
});

describe('role session duration', () => {
  test('15 minutes and the role\'s maximum pass; a second less and a second more do not', () => {
    const target = role('github', { maxSessionDuration: Duration.hours(2) });
    expect(parse(target.renderGitHubActionsJob({ roleSessionDuration: Duration.seconds(900) })).jobs.deploy.steps[1].with['role-duration-seconds']).toBe('900');
    expect(parse(target.renderGitHubActionsJob({ roleSessionDuration: Duration.hours(2) })).jobs.deploy.steps[1].with['role-duration-seconds']).toBe('7200');
    expect(() => target.renderGitHubActionsJob({ roleSessionDuration: Duration.seconds(899) })).toThrow(
      "Invalid renderGitHubActionsJob() roleSessionDuration '14 minutes 59 seconds': STS grants no session shorter than 15 minutes. " +
      "Allowed form: 900 to 7200 seconds, e.g. Duration.minutes(30), or raise the role's maxSessionDuration.");
    expect(() => target.renderGitHubActionsJob({ roleSessionDuration: Duration.seconds(7201) })).toThrow(
      "Invalid renderGitHubActionsJob() roleSessionDuration '2 hours 1 second': it is longer than the maximum session duration of 'Stack/DeployRole' (7200 seconds), " +
      "and STS would refuse it. Allowed form: 900 to 7200 seconds, e.g. Duration.minutes(30), or raise the role's maxSessionDuration.");
  });

  test('the default maximum is one hour', () => {
    expect(() => role('gitlab').renderGitLabCiJob({ roleSessionDuration: Duration.seconds(3601) })).toThrow('(3600 seconds)');
  });

  test('fails if the duration is not whole seconds', () => {
    expect(() => role('github').renderGitHubActionsJob({ roleSessionDuration: Duration.millis(1500_500) })).toThrow('it is not a whole number of seconds');
  });

  test('a token-valued maximum skips the role check, not IAM\'s 12 hours', () => {
    const target = role('github');
    (target.node.defaultChild as { maxSessionDuration?: number }).maxSessionDuration = Lazy.number({ produce: () => 7200 });
    expect(parse(target.renderGitHubActionsJob({ roleSessionDuration: Duration.hours(12) })).jobs.deploy.steps[1].with['role-duration-seconds']).toBe('43200');
    expect(() => target.renderGitHubActionsJob({ roleSessionDuration: Duration.seconds(43201) })).toThrow('IAM allows no session longer than 12 hours');
  });

  test('GitLab assumes the role once with --duration-seconds; without a duration the SDKs do it', () => {
    const script: string[] = parse(role('gitlab').renderGitLabCiJob({ roleSessionDuration: Duration.minutes(30) })).deploy.script;
    expect(script.filter((line) => line.includes('assume-role-with-web-identity'))).toEqual([
      'AWS_CREDENTIALS="$(aws sts assume-role-with-web-identity --role-arn "$AWS_ROLE_ARN" --role-session-name "$AWS_ROLE_SESSION_NAME" ' +
      '--web-identity-token "file://$AWS_WEB_IDENTITY_TOKEN_FILE" --duration-seconds 1800 --query \'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]\' --output text)"',
    ]);
    expect(script).toContain('export AWS_SESSION_TOKEN="$(printf "%s" "$AWS_CREDENTIALS" | cut -f3)"');
    expect(parse(role('gitlab').renderGitLabCiJob()).deploy.script.join('\n')).not.toContain('assume-role-with-web-identity');
  });
});
