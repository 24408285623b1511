import { Lazy } from 'aws-cdk-lib';
import { GitHubOwner, GitHubSubjectFormat } from '../../../src';

const OWNER_FORM = "Allowed form: an owner name of letters, digits, '-' and '_', e.g. 'acme'.";
const WHOLE_OWNER = {
  id: 'cdk-ci-oidc:wholeOwnerSubject',
  message: "Every repository of 'acme', including ones created later, may assume this role; prefer GitHubRepository.of('acme/<repository>').",
};

describe('GitHubOwner.of', () => {
  test('keeps the name and the id', () => {
    const owner = GitHubOwner.of('acme', { ownerId: 1234567 });
    expect(owner.owner).toBe('acme');
    expect(owner.ownerId).toBe(1234567);
  });

  test('accepts an Enterprise Managed Users name with _', () => {
    expect(GitHubOwner.of('acme_corp').branch('main').subjectClaims).toEqual(['repo:acme_corp/*:ref:refs/heads/main']);
  });

  test.each([
    ['*', "wildcards are never allowed in the owner or repository (for every repository of an owner use GitHubOwner.of('acme'))"],
    ['acme*', "wildcards are never allowed in the owner or repository (for every repository of an owner use GitHubOwner.of('acme'))"],
    ['ac?me', "wildcards are never allowed in the owner or repository (for every repository of an owner use GitHubOwner.of('acme'))"],
    ['', 'it is empty'],
    ['acme/', 'it is not a GitHub owner name'],
    ['acme/api', 'it is not a GitHub owner name'],
    ['ac:me', 'it is not a GitHub owner name'],
    ['ac me', 'it is not a GitHub owner name'],
    ['-acme', 'it is not a GitHub owner name'],
    ['_acme', 'it is not a GitHub owner name'],
    ['a${b}', "it contains '${', which IAM reads as a policy variable"],
  ])('fails if the owner is %j', (owner, problem) => {
    expect(() => GitHubOwner.of(owner)).toThrow(`Invalid GitHubOwner.of(owner) '${owner}': ${problem}. ${OWNER_FORM}`);
  });

  test('fails if the owner is a token', () => {
    const token = Lazy.string({ produce: () => 'acme' });
    expect(() => GitHubOwner.of(token)).toThrow(
      `Invalid GitHubOwner.of(owner) '${token}': it is a token; repository names must be literal so that they can be checked. ${OWNER_FORM}`,
    );
  });

  test.each([[0], [-1], [1.5], [NaN]])('fails if ownerId is %p', (id) => {
    expect(() => GitHubOwner.of('acme', { ownerId: id })).toThrow(
      `Invalid GitHubOwner.of('acme') ownerId '${id}': it is not a positive integer. ` +
      "Allowed form: GitHub's numeric id, e.g. 123456789 (from `gh api users/OWNER --jq .id`).",
    );
  });

  test.each([[GitHubSubjectFormat.IMMUTABLE], [GitHubSubjectFormat.LEGACY_AND_IMMUTABLE]])('fails if %s is asked without ownerId', (subjectFormat) => {
    expect(() => GitHubOwner.of('acme', { subjectFormat })).toThrow(
      `Invalid GitHubOwner.of('acme') subjectFormat '${subjectFormat}': the immutable subject form needs ownerId. ` +
      'Allowed form: GitHubSubjectFormat.LEGACY, or give ownerId.',
    );
  });
});

describe('GitHubOwner subjects', () => {
  test('a whole-owner subject is a pattern whose fixed part ends with the owner and /', () => {
    // WHEN
    const subject = GitHubOwner.of('acme').environment('production');

    // THEN: 'repo:acme/' cannot match acme-evil/api
    expect(subject.subjectClaims).toEqual(['repo:acme/*:environment:production']);
    expect(subject.isPattern).toBe(true);
    expect(subject.pinnedClaims).toEqual({});
    expect(subject.description).toBe('every repository of acme, environment production');
    expect(subject.risks).toEqual([WHOLE_OWNER]);
  });

  test('every scope method carries the whole-owner warning, plus its own', () => {
    const owner = GitHubOwner.of('acme');
    expect(owner.branch('main').subjectClaims).toEqual(['repo:acme/*:ref:refs/heads/main']);
    expect(owner.tag('v*').subjectClaims).toEqual(['repo:acme/*:ref:refs/tags/v*']);
    expect(owner.pullRequest().subjectClaims).toEqual(['repo:acme/*:pull_request']);
    expect(owner.anyRef().subjectClaims).toEqual(['repo:acme/*:ref:*']);
    expect(owner.branch('main').risks.map((r) => r.id)).toEqual(['cdk-ci-oidc:wholeOwnerSubject']);
    expect(owner.pullRequest().risks.map((r) => r.id)).toEqual(['cdk-ci-oidc:wholeOwnerSubject', 'cdk-ci-oidc:pullRequestSubject']);
    expect(owner.anyRef().risks.map((r) => r.id)).toEqual(['cdk-ci-oidc:wholeOwnerSubject', 'cdk-ci-oidc:anyRefSubject']);
    expect(owner.branch('*').risks.map((r) => r.id)).toEqual(['cdk-ci-oidc:wholeOwnerSubject', 'cdk-ci-oidc:anyBranch']);
  });

  test('with ownerId: legacy and immutable forms, the * stands for the repository and its id; owner id pinned', () => {
    const subject = GitHubOwner.of('acme', { ownerId: 1234567 }).environment('production');
    expect(subject.subjectClaims).toEqual(['repo:acme/*:environment:production', 'repo:acme@1234567/*:environment:production']);
    expect(subject.pinnedClaims).toEqual({ repository_owner_id: '1234567' });
  });

  test('IMMUTABLE only', () => {
    const subject = GitHubOwner.of('acme', { ownerId: 1234567, subjectFormat: GitHubSubjectFormat.IMMUTABLE }).branch('main');
    expect(subject.subjectClaims).toEqual(['repo:acme@1234567/*:ref:refs/heads/main']);
  });

  test('LEGACY only, id still pinned', () => {
    const subject = GitHubOwner.of('acme', { ownerId: 1234567, subjectFormat: GitHubSubjectFormat.LEGACY }).branch('main');
    expect(subject.subjectClaims).toEqual(['repo:acme/*:ref:refs/heads/main']);
    expect(subject.pinnedClaims).toEqual({ repository_owner_id: '1234567' });
  });

  test('pinIds false: nothing pinned', () => {
    const subject = GitHubOwner.of('acme', { ownerId: 1234567, pinIds: false }).branch('main');
    expect(subject.subjectClaims).toEqual(['repo:acme/*:ref:refs/heads/main', 'repo:acme@1234567/*:ref:refs/heads/main']);
    expect(subject.pinnedClaims).toEqual({});
  });

  test('fails if an environment of a whole owner has a wildcard', () => {
    expect(() => GitHubOwner.of('acme').environment('prod*')).toThrow(
      "Invalid GitHubOwner.of('acme').environment(environment) 'prod*': it contains '*' or '?', and only branch and tag names may be patterns.",
    );
  });
});
