import { Stack } from 'aws-cdk-lib';
import { parse } from 'yaml';
import {
  CiDeployRole, CiDeployRoleProps, GitHubOidcProvider, GitHubRepository, GitHubSubject, GitHubSubjectClaimKey as Key, GitHubSubjectTemplate,
  GitLabOidcProvider, GitLabProject,
} from '../../src';
import { ACCOUNT, accountStack } from '../fixtures/account-stack';

/*
 * The rendered jobs take the environment from what each subject is (set by its builder), never
 * from re-reading the `sub` text, and never let a role's name or path expand as an expression.
 */

const SHARED = 'acme/shared/.github/workflows/deploy.yml@refs/heads/main';

const stack = (): Stack => accountStack('eu-west-1');

function gitHubRole(props: Partial<CiDeployRoleProps>): CiDeployRole {
  const scope = stack();
  return new CiDeployRole(scope, 'DeployRole', { provider: GitHubOidcProvider.fromAccount(scope, 'GitHub'), roleName: 'ci-deploy', ...props } as CiDeployRoleProps);
}

function environmentOf(role: CiDeployRole): unknown {
  return parse(role.renderGitHubActionsJob()).jobs.deploy.environment;
}

describe('the job environment comes from what the subject is', () => {
  test('a template subject [repo, context, job_workflow_ref] renders the environment, not the rest of the sub', () => {
    // GIVEN
    const template = GitHubSubjectTemplate.of([Key.REPO, Key.CONTEXT, Key.JOB_WORKFLOW_REF]);
    const role = gitHubRole({ subjects: [template.subject({ repository: 'acme/api', environment: 'production', jobWorkflowRef: SHARED })] });
    // THEN
    expect(role.subjects[0].subjectClaims).toEqual([`repo:acme/api:environment:production:job_workflow_ref:${SHARED}`]);
    expect(environmentOf(role)).toBe('production');
  });

  test('a template with an environment key before the owner, and an encoded name', () => {
    const template = GitHubSubjectTemplate.of([Key.ENVIRONMENT, Key.REPOSITORY_OWNER]);
    const role = gitHubRole({ subjects: [template.subject({ environment: 'prod:eu', owner: 'acme' })] });
    expect(role.subjects[0].subjectClaims).toEqual(['environment:prod%3Aeu:repository_owner:acme']);
    expect(environmentOf(role)).toBe('prod:eu');
  });

  test('environment("prod:eu") renders the name the job declares, prod:eu', () => {
    const role = gitHubRole({ subjects: [GitHubRepository.of('acme/api').environment('prod:eu')] });
    expect(environmentOf(role)).toBe('prod:eu');
  });

  test('environment("prod%3Aeu") renders it as named, prod%3Aeu (a literal %)', () => {
    const role = gitHubRole({ subjects: [GitHubRepository.of('acme/api').environment('prod%3Aeu')] });
    expect(environmentOf(role)).toBe('prod%3Aeu');
  });

  test('a raw environment subject renders its name; a raw one with %3A is ambiguous and renders none', () => {
    expect(environmentOf(gitHubRole({ subjects: [GitHubSubject.fromClaim('repo:acme/api:environment:production')] }))).toBe('production');
    expect(environmentOf(gitHubRole({ subjects: [GitHubSubject.fromClaim('repo:acme/api:environment:prod%3Aeu')] }))).toBeUndefined();
  });

  test.each([
    ['a template subject of a branch', [GitHubSubjectTemplate.of([Key.REPO, Key.CONTEXT]).subject({ repository: 'acme/api', branch: 'main' })]],
    ['a raw environment pattern', [GitHubSubject.fromClaim('repo:acme/api:environment:prod*')]],
    ['a template subject and a typed subject of different environments', [
      GitHubSubjectTemplate.of([Key.REPO, Key.CONTEXT, Key.JOB_WORKFLOW_REF]).subject({ repository: 'acme/api', environment: 'production', jobWorkflowRef: SHARED }),
      GitHubRepository.of('acme/api').environment('staging'),
    ]],
  ])('no environment for %s', (_name, subjects) => {
    expect(environmentOf(gitHubRole({ subjects }))).toBeUndefined();
  });
});

describe('role names and paths never expand in the pipeline file', () => {
  test('fails if the role path holds a GitHub expression', () => {
    // GIVEN a legal IAM path (printable ASCII) that GitHub would evaluate
    const role = gitHubRole({ subjects: [GitHubRepository.of('acme/api').environment('production')], path: '/${{secrets.X}}/' });
    // THEN
    expect(() => role.renderGitHubActionsJob()).toThrow(
      `Invalid renderGitHubActionsJob() roleArn 'arn:aws:iam::${ACCOUNT}:role/\${{secrets.X}}/ci-deploy': it contains '\${{', which GitHub Actions would ` +
      "evaluate as an expression. Allowed form: an IAM role ARN whose name and path hold no '${{'.");
  });

  test('fails if a given role ARN holds a GitHub expression', () => {
    const scope = stack();
    const role = new CiDeployRole(scope, 'DeployRole', {
      provider: GitHubOidcProvider.fromAccount(scope, 'GitHub'), subjects: [GitHubRepository.of('acme/api').environment('production')],
    });
    expect(() => role.renderGitHubActionsJob({ roleArn: `arn:aws:iam::${ACCOUNT}:role/\${{github.token}}` })).toThrow("it contains '${{'");
  });

  test('a $ in a GitLab role path is written $$, so GitLab does not expand it', () => {
    // GIVEN
    const scope = stack();
    const role = new CiDeployRole(scope, 'DeployRole', {
      provider: GitLabOidcProvider.fromAccount(scope, 'GitLab'),
      roleName: 'gitlab-deploy',
      path: '/$CI_JOB_TOKEN/',
      subjects: [GitLabProject.of('acme-group/api').branch('main')],
    });
    // WHEN
    const job = parse(role.renderGitLabCiJob()).deploy;
    // THEN the value GitLab reads is '$$CI_JOB_TOKEN', its escape for the literal '$CI_JOB_TOKEN'
    expect(job.variables.AWS_ROLE_ARN).toBe(`arn:aws:iam::${ACCOUNT}:role/$$CI_JOB_TOKEN/gitlab-deploy`);
  });
});
