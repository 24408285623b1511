import {
  CiSubject, CiSubjectKind, GitHubOwner, GitHubRepository, GitHubSubject, GitHubSubjectClaimKey as Key, GitHubSubjectTemplate,
  GitLabGroup, GitLabProject, GitLabSubject,
} from '../../src';

/** What a subject says it is, through its public properties only. */
const structure = (subject: CiSubject) => ({ kind: subject.kind, name: subject.name, namePattern: subject.namePattern });

describe('CiSubject: what a subject is, set by its factory', () => {
  test.each<[string, () => CiSubject, ReturnType<typeof structure>]>([
    ['a GitHub branch', () => GitHubRepository.of('acme/api').branch('main'), { kind: CiSubjectKind.BRANCH, name: 'main', namePattern: undefined }],
    ['a GitHub branch pattern', () => GitHubRepository.of('acme/api').branch('release/*'), { kind: CiSubjectKind.BRANCH, name: undefined, namePattern: 'release/*' }],
    ['a GitHub tag pattern', () => GitHubOwner.of('acme').tag('v*'), { kind: CiSubjectKind.TAG, name: undefined, namePattern: 'v*' }],
    // The name the job declares, not the '%3A' the sub claim carries.
    ['a GitHub environment with a colon', () => GitHubRepository.of('acme/api').environment('prod:eu'), { kind: CiSubjectKind.ENVIRONMENT, name: 'prod:eu', namePattern: undefined }],
    ['a GitHub pull request', () => GitHubRepository.of('acme/api').pullRequest(), { kind: CiSubjectKind.PULL_REQUEST, name: undefined, namePattern: undefined }],
    ['a GitHub any ref', () => GitHubRepository.of('acme/api').anyRef(), { kind: CiSubjectKind.ANY_REF, name: undefined, namePattern: undefined }],
    ['a raw GitHub environment claim', () => GitHubSubject.fromClaim('repo:acme/api:environment:production'), { kind: CiSubjectKind.ENVIRONMENT, name: 'production', namePattern: undefined }],
    // '%3A' may be ':' or a literal '%3A': the name is not certain, so none is given.
    ['a raw GitHub environment claim with %3A', () => GitHubSubject.fromClaim('repo:acme/api:environment:prod%3Aeu'), { kind: CiSubjectKind.ENVIRONMENT, name: undefined, namePattern: undefined }],
    ['a raw GitHub branch claim', () => GitHubSubject.fromClaim('repo:acme/api:ref:refs/heads/main'), { kind: CiSubjectKind.BRANCH, name: undefined, namePattern: undefined }],
    ['a template subject of a branch', () => GitHubSubjectTemplate.of([Key.REPO, Key.REF]).subject({ repository: 'acme/api', branch: 'main' }),
      { kind: CiSubjectKind.BRANCH, name: 'main', namePattern: undefined }],
    ['a template subject without a ref', () => GitHubSubjectTemplate.of([Key.REPO]).subject({ repository: 'acme/api' }), { kind: CiSubjectKind.OTHER, name: undefined, namePattern: undefined }],
    ['a GitLab branch', () => GitLabProject.of('acme-group/api').branch('main'), { kind: CiSubjectKind.BRANCH, name: 'main', namePattern: undefined }],
    ['a GitLab tag pattern', () => GitLabGroup.of('acme-group').tag('v*'), { kind: CiSubjectKind.TAG, name: undefined, namePattern: 'v*' }],
    ['a GitLab any ref', () => GitLabProject.of('acme-group/api').anyRef(), { kind: CiSubjectKind.ANY_REF, name: undefined, namePattern: undefined }],
    ['a raw GitLab claim', () => GitLabSubject.fromClaim('project_path:acme-group/api:ref_type:branch:ref:main'), { kind: CiSubjectKind.BRANCH, name: undefined, namePattern: undefined }],
  ])('%s', (_, make, expected) => {
    expect(structure(make())).toEqual(expected);
  });
});

describe('CiSubject.risks', () => {
  test('lists the warnings of the subject, in order, by id and message', () => {
    const subject = GitHubOwner.of('acme').anyRef();
    expect(subject.risks.map((risk) => risk.id)).toEqual(['cdk-ci-oidc:wholeOwnerSubject', 'cdk-ci-oidc:anyRefSubject']);
    expect(subject.risks.every((risk) => typeof risk.message === 'string' && risk.message.length > 0)).toBe(true);
  });

  test('is a copy: changing it changes no subject', () => {
    const subject = GitHubOwner.of('acme').branch('main');
    const risks = subject.risks as Array<{ id: string; message: string }>;
    risks.push({ id: 'cdk-ci-oidc:other', message: 'other' });
    (risks[0] as { message: string }).message = 'changed';
    expect(subject.risks).toHaveLength(1);
    expect(subject.risks[0].message).not.toBe('changed');
  });

  test('is empty for a narrow subject', () => {
    expect(GitHubRepository.of('acme/api').branch('main').risks).toEqual([]);
  });
});
