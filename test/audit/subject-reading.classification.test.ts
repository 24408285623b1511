import { identityProblem } from '../../src/audit/identity-keys';
import { readSubject } from '../../src/audit/subject-reading';
import { matchesEvery, matchesSome, oneOrMore, someMatch, text } from '../../src/core/claim-shapes';

const id = (value: string) => value.replace('cdk-ci-oidc:', '');
const BRANCH = [text('repo:acme/api:ref:refs/heads/'), oneOrMore(':')];

describe('claim shapes: what a pattern matches, exactly', () => {
  test.each([
    ['repo:acme/api:ref:refs/heads/*', true, true],
    ['repo:acme/api:ref:refs/h*', true, true],
    ['repo:acme/api:ref:refs/heads/?*', true, true],
    ['repo:acme/api:*', true, true],
    ['repo:acme/api:ref:refs/heads/main', true, false],
    ['repo:acme/api:ref:refs/*/main', true, false],
    ['repo:acme/api:ref:refs/heads/??*', true, false],
    ['repo:acme/api:ref:refs/tags/*', false, false],
    ['repo:acme/api-v2:ref:refs/heads/*', false, false],
  ])('%s: some branch %s, every branch %s', (pattern, some, every) => {
    expect([matchesSome(pattern, true, BRANCH), matchesEvery(pattern, true, BRANCH)]).toEqual([some, every]);
  });

  test('under StringEquals * is a character, not a wildcard', () => {
    expect(matchesSome('repo:acme/api:ref:refs/heads/*', false, BRANCH)).toBe(true);
    expect(matchesEvery('repo:acme/api:ref:refs/heads/*', false, BRANCH)).toBe(false);
  });

  test('an example claim is shown for a match', () => {
    expect(someMatch('repo:acme/api:ref:refs/*/main', true, BRANCH)).toBe('repo:acme/api:ref:refs/heads/main');
    expect(someMatch('repo:acme/api:environment:*', true, BRANCH)).toBeUndefined();
  });
});

describe('one wildcard rule for every key that names a repository, owner, group or project', () => {
  test.each([
    'repo:acme/api*:ref:refs/heads/main',
    'repo:acme/?pi:ref:refs/heads/main',
    'repo:acme/*x',
    'repo:acme*',
    'repo:acme@1*/api',
    'repository:acme/api*:environment:production',
    'repository:acme*/api',
    'repository_owner:acme*:environment:production',
    'repository_owner:?cme',
    'repository_id:8901234?:ref:refs/heads/main',
    'repository_owner_id:12*',
    'repository_owner:acme:repository:acme/a*',
    'repo:acme/api:*:repository_id:1*',
    'project_path:acme-group/api*:ref_type:branch:ref:main',
    'project_path:acme-group/*-api:ref_type:branch:ref:main',
    'project_path:acme*/api',
    'project_id:4*:ref_type:branch:ref:main',
    'namespace_path:acme*:ref_type:branch:ref:main',
    'namespace_id:4?',
    '*:acme/api',
    'rep?:acme/api',
  ])('%s is refused', (value) => {
    expect(identityProblem(value, true)).toBeDefined();
    expect(readSubject(value, true).scopeProblem).toBeDefined();
  });

  test.each([
    'repo:acme/*',
    'repo:acme/*:ref:refs/heads/main',
    'repo:acme@1234567/*:environment:production',
    'repository:acme/*',
    'repository_owner:acme:*',
    'repo:acme/api:*',
    'project_path:acme-group/*:ref_type:branch:ref:main',
    'project_path:acme-group/platform/*',
    'namespace_path:acme-group/*',
    'project_id:42:*',
  ])('%s is allowed (a whole name after a complete owner or group, or a wildcard after the name)', (value) => {
    expect(identityProblem(value, true)).toBeUndefined();
  });

  test('under StringEquals only the order of the keys is checked', () => {
    expect(identityProblem('repository:acme/api*:x', false)).toBeUndefined();
    expect(identityProblem('workflow:deploy:repo:acme/api:ref:refs/heads/main', false)?.why).toBe(
      "has the free-text claim 'workflow' before the claim that names the repository, and GitHub does not document how a ':' in its value is written, " +
      "so a repository of another owner whose workflow value spells ':repo:acme/api' could present it");
  });

  test.each([
    ['job_workflow_ref:acme/wf/.github/workflows/d.yml@refs/heads/main:repo:acme/api'],
    ['workflow_ref:x:repository_owner:acme'],
  ])('a free-text key before the repository key is an error in the audit: %s', (value) => {
    expect(readSubject(value, false).scopeProblem?.why).toContain('free-text claim');
  });

  test('a customized subject that names neither the repository nor its owner is an error in the audit', () => {
    expect(readSubject('environment:production:ref:refs/heads/main', false).scopeProblem?.why).toBe(
      'names neither the repository nor its owner, so a repository of any owner whose subject template has the same keys presents it');
  });
});

describe('subjects are classified by what they match, not by how they are spelled', () => {
  test.each([
    // GitHub
    ['repo:acme/api:*:*', 'other', ['anyRefSubject', 'pullRequestSubject', 'branchAndEnvironment']],
    ['repo:acme/api:environment:*', 'environmentPattern', ['environmentPattern']],
    ['repo:acme/api:environment:prod*', 'environmentPattern', ['environmentPattern']],
    ['repo:acme/api:e*', 'environmentPattern', ['environmentPattern']],
    ['repo:acme/api:ref:refs/*/main', 'other', ['refTypeNotFixed']],
    ['repo:acme/api:ref:refs/h*', 'branch', ['anyBranch']],
    ['repo:acme/api:ref:refs/t*', 'tag', ['anyTag']],
    ['repo:acme/api:ref:refs/heads/?*', 'branch', ['anyBranch']],
    ['repo:acme/api:r*', 'anyRef', ['anyRefSubject']],
    ['repo:acme/api:p*', 'pullRequest', ['pullRequestSubject']],
    ['repo:acme/api:?*', 'anyJob', ['anyRefSubject', 'pullRequestSubject']],
    // 'ref:refs/heads/x' holds no 'n': some branches and tags only
    ['repo:acme/api:*n*', 'other', ['refTypeNotFixed', 'pullRequestSubject', 'branchAndEnvironment']],
    ['repo:acme/api:environment:prod:job_workflow_ref:*', 'environment', []],
    ['repo:acme/api:ref:refs/heads/release/*', 'branch', []],
    ['repo:acme/*:environment:production', 'environment', ['wholeOwnerSubject']],
    ['repository_owner:acme:*', 'anyJob', ['wholeOwnerSubject', 'anyRefSubject', 'pullRequestSubject']],
    ['repository_owner:acme:environment:e*', 'environmentPattern', ['wholeOwnerSubject', 'environmentPattern']],
    // GitLab
    ['project_path:acme/api:ref_type:*:ref:*', 'anyRef', ['anyRefSubject']],
    ['project_path:acme/api:*:ref:main', 'other', ['refTypeNotFixed']],
    ['project_path:acme/api:ref_type:b*', 'branch', ['anyBranch']],
    ['project_path:acme/api:ref_type:t*', 'tag', ['anyTag']],
    ['project_path:acme/api:ref_type:*:ref:main', 'other', ['refTypeNotFixed']],
    ['project_path:acme/*:ref_type:branch:ref:?*', 'branch', ['wholeGroupSubject', 'anyBranch']],
    ['project_id:42:ref_type:branch:ref:release/*', 'branch', []],
  ])('%s reads as %s with %j', (value, kind, risks) => {
    const reading = readSubject(value, true);
    expect([reading.kind, reading.risks.map((r) => id(r.id)), reading.scopeProblem]).toEqual([kind, risks, undefined]);
  });

  test('an exact GitLab subject without ref_type admits the tag of the same name too', () => {
    const reading = readSubject('project_path:acme/api:ref:main', false);
    expect([reading.kind, reading.risks.map((r) => id(r.id))]).toEqual(['other', ['refTypeNotFixed']]);
  });

  test('an environment pattern names an example of what it admits', () => {
    expect(readSubject('repo:acme/api:environment:prod*', true).risks[0].message).toBe(
      "acme/api: the subject admits environments by a pattern (e.g. 'repo:acme/api:environment:prod'); any writer can name a new environment " +
      'in a workflow, and a new environment has no protection rules.');
  });

  test('only a literal environment is environment-gated', () => {
    expect(readSubject('repo:acme/api:environment:production', false).kind).toBe('environment');
    expect(readSubject('repo:acme/api:environment:production', true).kind).toBe('environment');
    expect(readSubject('repo:acme/api:environment:p?oduction', true).kind).toBe('environmentPattern');
    // '*' reaches back over a branch context of a customized template ('ref:refs/heads/x:environment:production')
    expect(readSubject('repo:acme/api:*environment:production', true).kind).toBe('other');
  });
});
