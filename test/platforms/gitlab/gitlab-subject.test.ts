import { CiPlatform, GitLabSubject } from '../../../src';

describe('GitLabSubject.fromClaim', () => {
  test('an exact claim is a StringEquals subject without risks', () => {
    // WHEN
    const subject = GitLabSubject.fromClaim('project_path:acme/api:ref_type:branch:ref:main');

    // THEN
    expect(subject.platform).toBe(CiPlatform.GITLAB_CI);
    expect(subject.subjectClaims).toEqual(['project_path:acme/api:ref_type:branch:ref:main']);
    expect(subject.isPattern).toBe(false);
    expect(subject.pinnedClaims).toEqual({});
    expect(subject.risks).toEqual([]);
  });

  test('a custom component list, e.g. project_path and ref only', () => {
    expect(GitLabSubject.fromClaim('project_path:acme/api:ref:main').subjectClaims).toEqual(['project_path:acme/api:ref:main']);
  });

  test.each([
    // The raw subjects carry the typed factories' warnings for the same trust (a whole group, any ref).
    ['project_path:acme/*', ['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:wholeGroupSubject', 'cdk-ci-oidc:anyRefSubject']],
    ['project_path:acme/api:*', ['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:anyRefSubject']],
    ['project_id:42:*', ['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:anyRefSubject']],
    ['project_path:acme/api:ref_type:branch:ref:release/*', ['cdk-ci-oidc:rawPatternSubject']],
  ])('a pattern after a complete group, project or id is accepted and warned: %p', (sub, ids) => {
    // WHEN
    const subject = GitLabSubject.fromClaim(sub);

    // THEN
    expect(subject.isPattern).toBe(true);
    expect(subject.risks.map((risk) => risk.id)).toEqual(ids);
  });

  test.each([
    '*',
    'project_path:*',
    'project_path:acme*',
    'project_path:acme-*/api:ref_type:branch:ref:main',
    'project_id:*',
    'project_id:4*:ref_type:branch:ref:main',
    '*:acme/api:ref_type:branch:ref:main',
  ])('fails if the pattern could match every project or other groups: %p', (sub) => {
    expect(() => GitLabSubject.fromClaim(sub)).toThrow(`Invalid GitLabSubject.fromClaim(sub) '${sub}': its fixed part before the first wildcard`);
  });

  test.each([
    ['', 'it is empty'],
    ['main', "it is not of the form '<claim>:<value>...'"],
    ['project_path:${aws:username}/api', "it contains '${'"],
    ['repo:acme/api:ref:refs/heads/main', 'it is a GitHub subject (use GitHubSubject.fromClaim)'],
  ])('fails if the claim is %p', (sub, problem) => {
    expect(() => GitLabSubject.fromClaim(sub)).toThrow(`Invalid GitLabSubject.fromClaim(sub) '${sub}': ${problem}`);
  });
});
