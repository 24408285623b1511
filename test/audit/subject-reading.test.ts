import { globMatches, readSubject } from '../../src/audit/subject-reading';

describe('subjects in plain words', () => {
  test.each([
    ['repo:acme/api:ref:refs/heads/main', false, 'acme/api, branch main', 'branch'],
    ['repo:acme@1234567/api@89012345:ref:refs/tags/v1.2.3', false, 'acme/api, tag v1.2.3', 'tag'],
    ['repo:acme/api:environment:preview%3Aeu', false, 'acme/api, environment preview:eu', 'environment'],
    ['repo:acme/api:pull_request', false, 'acme/api, pull requests', 'pullRequest'],
    ['repo:acme/api:ref:*', true, 'acme/api, any branch or tag', 'anyRef'],
    ['repo:acme/api:*', true, 'acme/api, any job', 'anyJob'],
    ['repo:acme/*:ref:refs/heads/release/*', true, 'every repository of acme, branch release/*', 'branch'],
    ['repo:acme/api:ref:refs/heads/*-hotfix', true, 'acme/api, branch *-hotfix', 'branch'],
    ['repo:acme/api:ref:*main', true, "acme/api, jobs whose context matches 'ref:*main'", 'other'],
    ['project_path:acme-group/platform/api:ref_type:branch:ref:main', false, 'acme-group/platform/api, branch main', 'branch'],
    ['project_id:4242:ref_type:tag:ref:v*', true, 'project 4242, tag v*', 'tag'],
    ['project_path:acme-group/*:ref_type:*', true, 'every project of acme-group, any branch or tag', 'anyRef'],
    ['repo:acme/api:environment:production:job_workflow_ref:acme/wf/.github/workflows/deploy.yml@refs/heads/main', false,
      'acme/api, environment production, workflow file acme/wf/.github/workflows/deploy.yml@refs/heads/main', 'environment'],
    ['repository_owner_id:1234567:repository_id:89012345:ref:refs/heads/main', false, 'owner id 1234567, repository id 89012345, branch main', 'branch'],
  ])('%s (pattern: %s) reads "%s"', (value, pattern, description, kind) => {
    const reading = readSubject(value, pattern);
    expect([reading.description, reading.kind, reading.scopeProblem, reading.unrecognized]).toEqual([description, kind, undefined, undefined]);
  });

  test('a literal * under StringEquals is no pattern', () => {
    expect(readSubject('repo:acme/*:ref:refs/heads/main', false).unrecognized).toBe(
      "has '*' or '?' under StringEquals, which compares them literally, so it matches no token");
  });
});

describe('IAM pattern matching', () => {
  test.each([
    ['repo:acme/*', 'repo:acme/api:pull_request', true],
    ['repo:acme/*', 'repo:acme-evil/api:pull_request', false],
    ['repo:acme*', 'repo:acme-evil/api:pull_request', true],
    ['ref:?', 'ref:x', true],
    ['ref:?', 'ref:xy', false],
    ['a.b', 'axb', false],
  ])('%s matches %s: %s', (pattern, text, matches) => {
    expect(globMatches(pattern, text)).toBe(matches);
  });
});
