import { App, Stack } from 'aws-cdk-lib';
import { parse } from 'yaml';
import { CiDeployRole, CiSubject, GitHubOidcProvider, GitHubRepository, GitLabOidcProvider, GitLabProject } from '../../src';

/* The exact filter forms, written whole for one role of several subjects per platform. */

function render(platform: 'github' | 'gitlab', subjects: CiSubject[], requireProtectedRef = false): string {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const provider = platform === 'github' ? GitHubOidcProvider.fromAccount(stack, 'P') : GitLabOidcProvider.fromAccount(stack, 'P');
  const role = new CiDeployRole(stack, 'DeployRole', { provider, roleName: 'ci-deploy', subjects, requireProtectedRef });
  return platform === 'github' ? role.renderGitHubActionsJob({ checkout: false }) : role.renderGitLabCiJob();
}

describe('GitHub filter forms', () => {
  const api = GitHubRepository.of('acme/api');

  test('branches, a branch pattern, a tag, pull requests, and a pattern left out', () => {
    const workflow = parse(render('github', [api.branch('main'), api.branch('release/*'), api.tag("v1+'rc'"), api.pullRequest(), api.tag('v?')]));
    expect(workflow.on).toEqual({ push: { branches: ['main', 'release/**'], tags: ["v1\\+'rc'"] }, pull_request: null });
    expect(workflow.jobs.deploy.if).toBe(
      "((github.ref == 'refs/heads/main' || startsWith(github.ref, 'refs/heads/release/') || github.ref == 'refs/tags/v1+''rc''') " +
      "&& !startsWith(github.event_name, 'pull_request')) || (github.event_name == 'pull_request')");
    expect(render('github', [api.tag('v?')])).toContain('    # Left out of the filter, GitHub expressions have no exact form for this pattern: acme/api, tag v?.\n');
  });

  test('a role no filter can express never runs', () => {
    const workflow = parse(render('github', [api.tag('v?')]));
    expect(workflow.on).toEqual({ workflow_dispatch: null });
    expect(workflow.jobs.deploy.if).toBe('false');
  });
});

describe('GitLab rule forms', () => {
  const project = GitLabProject.of('acme/api');

  test('one rule per subject, patterns as anchored regular expressions, protected refs required', () => {
    const job = parse(render('gitlab', [project.branch('main'), project.branch('release/1.*'), project.tag('v?'), project.anyRef()], true)).deploy;
    expect(job.rules).toEqual([
      { if: '$CI_COMMIT_BRANCH == "main" && $CI_COMMIT_REF_PROTECTED == "true"' },
      { if: '$CI_COMMIT_BRANCH =~ /^release\\/1\\..*$/ && $CI_COMMIT_REF_PROTECTED == "true"' },
      { if: '$CI_COMMIT_TAG =~ /^v.$/ && $CI_COMMIT_REF_PROTECTED == "true"' },
      { if: '($CI_COMMIT_BRANCH || $CI_COMMIT_TAG) && $CI_COMMIT_REF_PROTECTED == "true"' },
    ]);
  });

  test('quotes are chosen to fit; a name with $ or both quotes is left out, and no rule left means never', () => {
    expect(parse(render('gitlab', [project.branch('say-"hi"')])).deploy.rules).toEqual([{ if: '$CI_COMMIT_BRANCH == \'say-"hi"\'' }]);
    const yaml = render('gitlab', [project.branch('a$b')]);
    expect(parse(yaml).deploy.rules).toEqual([{ when: 'never' }]);
    expect(yaml).toContain("  # Left out of the rules, its name holds '$', which GitLab would read as a variable: acme/api, branch a$b.\n");
  });
});
