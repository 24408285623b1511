import { Duration, Stack } from 'aws-cdk-lib';
import { actionlintFindings, gitLabSchemaErrors } from './job-validators';
import {
  ActionVersion, CiDeployRole, CiDeployRoleProps, GitHubOidcProvider, GitHubOwner, GitHubRepository, GitHubSubject, GitLabGroup, GitLabOidcProvider,
  GitLabProject, GitLabSubject,
} from '../../src';
import { accountStack } from '../fixtures/account-stack';

/*
 * Every rendered job is checked by the platform's own rules, offline: actionlint for GitHub
 * workflows, GitLab's published .gitlab-ci.yml schema for GitLab jobs. Each validator is also
 * shown a broken copy, so that a validator that accepts anything would fail these tests.
 */

const SHA = '0123456789abcdef0123456789abcdef01234567';

const stack = (): Stack => accountStack('eu-west-1');

function gitHubJob(props: Partial<CiDeployRoleProps>, options: Parameters<CiDeployRole['renderGitHubActionsJob']>[0] = {}): string {
  const scope = stack();
  const role = new CiDeployRole(scope, 'DeployRole', { provider: GitHubOidcProvider.fromAccount(scope, 'GitHub'), roleName: 'ci-deploy', ...props } as CiDeployRoleProps);
  return role.renderGitHubActionsJob(options);
}

function gitLabJob(props: Partial<CiDeployRoleProps>, options: Parameters<CiDeployRole['renderGitLabCiJob']>[0] = {}): string {
  const scope = stack();
  const role = new CiDeployRole(scope, 'DeployRole', { provider: GitLabOidcProvider.fromAccount(scope, 'GitLab'), roleName: 'gitlab-deploy', ...props } as CiDeployRoleProps);
  return role.renderGitLabCiJob(options);
}

const api = GitHubRepository.of('acme/api');
const gitHubCases: Array<[string, () => string]> = [
  ['an environment', () => gitHubJob({ subjects: [api.environment('prod: eu #1')] })],
  ['a branch, with commands', () => gitHubJob({ subjects: [api.branch('main')] }, { commands: ['npm ci', 'npx cdk deploy --all'] })],
  ['a branch pattern and a tag pattern', () => gitHubJob({ subjects: [api.branch('release/*'), api.tag('v*')] })],
  ['a pattern with no exact filter, and a literal tag', () => gitHubJob({ subjects: [api.tag('v?.*'), api.tag("it's+1")] })],
  ['pull requests and a branch', () => gitHubJob({ subjects: [api.pullRequest(), api.branch('main')] })],
  ['any ref of a whole owner', () => gitHubJob({ subjects: [GitHubOwner.of('acme').anyRef()] })],
  ['a raw subject the filter cannot read', () => gitHubJob({ subjects: [GitHubSubject.fromClaim('repo:acme/api:job_workflow_ref:x')] })],
  ['two environments', () => gitHubJob({ subjects: [api.environment('production'), api.environment('staging')] })],
  ['pinned SHAs, session name and duration, a custom audience', () => gitHubJob({ subjects: [api.branch('main')], audience: 'https://github.com/acme' }, {
    checkoutVersion: ActionVersion.sha(SHA, 'v7.0.1'),
    configureAwsCredentialsVersion: ActionVersion.sha(SHA, 'v6.3.0'),
    roleSessionName: 'deploy@api',
    roleSessionDuration: Duration.minutes(30),
    runsOn: 'self-hosted',
    jobName: 'cdk_deploy-1',
  })],
  ['no checkout', () => gitHubJob({ subjects: [api.branch('main')] }, { checkout: false })],
];

const project = GitLabProject.of('acme-group/api');
const gitLabCases: Array<[string, () => string]> = [
  ['a branch, image, stage and commands', () => gitLabJob({ subjects: [project.branch('main')] }, { image: 'node:22', stage: 'deploy', commands: ['npm ci'] })],
  ['branch and tag patterns of a group, protected refs', () => gitLabJob({ subjects: [GitLabGroup.of('acme-group').branch('release/*'), project.tag('v?.*')], requireProtectedRef: true })],
  ['any ref', () => gitLabJob({ subjects: [project.anyRef()] })],
  ['a raw subject the rules cannot read', () => gitLabJob({ subjects: [GitLabSubject.fromClaim('project_path:acme-group/api:ref_type:branch:ref:ma*n')] })],
  ['names with quotes and a $', () => gitLabJob({ subjects: [project.branch('it\'s'), project.branch('say-"hi"'), project.branch('a$b')] })],
  ['session name and duration', () => gitLabJob({ subjects: [project.branch('main')], maxSessionDuration: Duration.hours(2) }, {
    roleSessionName: 'deploy-api', roleSessionDuration: Duration.hours(2), jobName: 'cdk: deploy #prod',
  })],
];

describe('actionlint accepts every rendered GitHub workflow', () => {
  test.each(gitHubCases)('%s', async (_name, render) => {
    expect(await actionlintFindings(render())).toEqual([]);
  });

  test.each([
    ['a misspelt job key', (yaml: string) => yaml.replace('runs-on:', 'runs_on:'), 'syntax-check'],
    ['an unknown context in the condition', (yaml: string) => yaml.replace("github.ref == ''refs/heads/main''", "github.reff == ''refs/heads/main''"), 'expression'],
    ['an unknown trigger', (yaml: string) => yaml.replace('  push:', '  pushed:'), 'events'],
  ])('and catches a broken copy: %s', async (_name, breakIt, kind) => {
    // GIVEN a workflow actionlint accepts
    const yaml = gitHubJob({ subjects: [api.branch('main')] });
    expect(await actionlintFindings(yaml)).toEqual([]);
    // WHEN it is broken
    const broken = breakIt(yaml);
    expect(broken).not.toBe(yaml);
    // THEN actionlint reports it
    const findings = await actionlintFindings(broken);
    expect(findings.some((finding) => finding.includes(` ${kind} `))).toBe(true);
  });
});

describe("GitLab's .gitlab-ci.yml schema accepts every rendered job", () => {
  test.each(gitLabCases)('%s', (_name, render) => {
    expect(gitLabSchemaErrors(render())).toEqual([]);
  });

  test.each([
    ['a misspelt job key', (yaml: string) => yaml.replace('id_tokens:', 'id_token:'), '/deploy must NOT have additional properties'],
    ['a misspelt rule key', (yaml: string) => yaml.replace('- if:', '- iff:'), '/deploy/rules/0 must NOT have additional properties'],
    ['an ID token without aud', (yaml: string) => yaml.replace('aud: sts.amazonaws.com', 'audience: sts.amazonaws.com'), "/deploy/id_tokens/AWS_ID_TOKEN must have required property 'aud'"],
  ])('and catches a broken copy: %s', (_name, breakIt, error) => {
    // GIVEN a job the schema accepts
    const yaml = gitLabJob({ subjects: [project.branch('main')] });
    expect(gitLabSchemaErrors(yaml)).toEqual([]);
    // WHEN it is broken
    const broken = breakIt(yaml);
    expect(broken).not.toBe(yaml);
    // THEN the schema refuses it
    expect(gitLabSchemaErrors(broken)).toContain(error);
  });
});
