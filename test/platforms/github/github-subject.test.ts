import { CiPlatform, GitHubRepository, GitHubSubject } from '../../../src';

describe('GitHubSubject.fromClaim', () => {
  test('an exact claim', () => {
    // WHEN
    const subject = GitHubSubject.fromClaim('repo:acme/api:environment:production');

    // THEN
    expect(subject.platform).toBe(CiPlatform.GITHUB_ACTIONS);
    expect(subject.subjectClaims).toEqual(['repo:acme/api:environment:production']);
    expect(subject.isPattern).toBe(false);
    expect(subject.pinnedClaims).toEqual({});
    expect(subject.description).toBe('sub repo:acme/api:environment:production');
    expect(subject.risks).toEqual([]);
  });

  test('a pattern after a complete owner, with a warning', () => {
    const subject = GitHubSubject.fromClaim('repo:acme/api:ref:refs/heads/release-?.*');
    expect(subject.subjectClaims).toEqual(['repo:acme/api:ref:refs/heads/release-?.*']);
    expect(subject.isPattern).toBe(true);
    expect(subject.risks).toEqual([{
      id: 'cdk-ci-oidc:rawPatternSubject',
      message: "The raw subject 'repo:acme/api:ref:refs/heads/release-?.*' is a pattern; prefer the typed factories of GitHubRepository and GitHubOwner.",
    }]);
  });

  test.each([['repo:*'], ['*'], ['repo:acme*'], ['repo:acme@*']])('fails if the pattern %j could match every repository or other owners', (sub) => {
    expect(() => GitHubSubject.fromClaim(sub)).toThrow(
      `Invalid GitHubSubject.fromClaim(sub) '${sub}': its fixed part before the first wildcard does not end a complete owner, group or repository with '/' or ':', ` +
      "so it would match other owners or every repository. Allowed form: a subject whose wildcards come after the owner, e.g. 'repo:acme/api:ref:refs/heads/main'.",
    );
  });

  test.each([
    ['repository:acme/api:environment:production'],
    ['repository_id:89012345:ref:refs/heads/main'],
    ['repository_owner:acme:environment:production'],
    ['repository_owner_id:1234567:*'],
  ])('accepts a customized subject that starts with a repository or owner claim: %s', (sub) => {
    expect(GitHubSubject.fromClaim(sub).subjectClaims).toEqual([sub]);
  });

  test.each([
    // Any repository can set its own template to ['environment'], ['job_workflow_ref'], ...
    ['environment:production'],
    ['job_workflow_ref:acme/shared/.github/workflows/deploy.yml@refs/heads/main'],
    ['ref:refs/heads/main'],
    ['context:ref:refs/heads/main'],
    ['workflow:deploy:repo:acme/api'],
    ['actor:octocat'],
    ['repo_x:acme/api'],
  ])('fails if the claim %j does not start with a claim naming the repository or its owner', (sub) => {
    expect(() => GitHubSubject.fromClaim(sub)).toThrow(
      `Invalid GitHubSubject.fromClaim(sub) '${sub}': it does not start with a claim that names the repository or its owner ` +
      '(repo, repository, repository_id, repository_owner, repository_owner_id), so a repository of any owner whose subject template starts with the same claim could present it. ' +
      "Allowed form: a subject such as 'repo:acme/api:ref:refs/heads/main' or 'repository_owner:acme:environment:production'; " +
      'GitHubSubjectTemplate builds the subjects of other customized templates.',
    );
  });

  test('fails if the claim is not Latin-1', () => {
    expect(() => GitHubSubject.fromClaim('repo:acme/api:environment:€')).toThrow(
      "Invalid GitHubSubject.fromClaim(sub) 'repo:acme/api:environment:€': it contains '€' (U+20AC), outside Latin-1, which IAM policies cannot carry. " +
      "Allowed form: a complete subject claim such as 'repo:acme/api:ref:refs/heads/main'.",
    );
  });
});

describe('GitHubSubject immutability', () => {
  test('the spec is frozen, down to its arrays and pins', () => {
    // GIVEN
    const subject = GitHubRepository.of('acme/api', { ownerId: 1, repositoryId: 2 }).pullRequest();
    const spec = subject._spec;

    // THEN
    expect(Object.isFrozen(spec)).toBe(true);
    expect(Object.isFrozen(spec.claims)).toBe(true);
    expect(Object.isFrozen(spec.pins)).toBe(true);
    expect(spec.pins.every(Object.isFrozen)).toBe(true);
    expect(Object.isFrozen(spec.risks)).toBe(true);
    expect(spec.risks.every(Object.isFrozen)).toBe(true);
    expect(() => (spec.claims as string[]).push('repo:*')).toThrow(TypeError);
  });

  test('the getters return copies', () => {
    // GIVEN
    const subject = GitHubRepository.of('acme/api', { repositoryId: 2 }).branch('main');

    // WHEN
    subject.subjectClaims.push('repo:*');
    subject.pinnedClaims.repository_id = '3';

    // THEN
    expect(subject.subjectClaims).toEqual(['repo:acme/api:ref:refs/heads/main']);
    expect(subject.pinnedClaims).toEqual({ repository_id: '2' });
  });

  test('subjects of one scope do not share state', () => {
    const repo = GitHubRepository.of('acme/api');
    const main = repo.branch('main');
    repo.branch('dev');
    expect(main.subjectClaims).toEqual(['repo:acme/api:ref:refs/heads/main']);
  });
});

describe('fromClaim whole-owner detection', () => {
  test('a wildcard in the repository position also warns as a whole-owner trust', () => {
    const ids = (sub: string) => GitHubSubject.fromClaim(sub).risks.map((risk) => risk.id);
    expect(ids('repo:acme/*:ref:refs/heads/main')).toEqual(['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:wholeOwnerSubject']);
    // Every job of every repository: the typed factories' any-ref and pull request warnings too.
    expect(ids('repo:acme/*')).toEqual(['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:wholeOwnerSubject', 'cdk-ci-oidc:anyRefSubject', 'cdk-ci-oidc:pullRequestSubject']);
    expect(ids('repo:acme/api:ref:refs/heads/*')).toEqual(['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:anyBranch']);
    expect(ids('repo:acme/api:ref:refs/heads/main')).toEqual([]);
  });
});

describe('fromClaim repository position', () => {
  test.each(['repo:acme/api-*:environment:production', 'repo:acme/*-api:ref:refs/heads/main', 'repo:acme/ap?:ref:refs/heads/main'])(
    'fails if the repository is a pattern: %s', (sub) => {
      expect(() => GitHubSubject.fromClaim(sub)).toThrow(
        `Invalid GitHubSubject.fromClaim(sub) '${sub}': its repository '${/^repo:acme\/([^:]*)/.exec(sub)![1]}' is a pattern, ` +
        "which would match repositories created later under similar names. Allowed form: a literal repository ('repo:acme/api:...') " +
        "or '*' for every repository of the owner ('repo:acme/*:...').");
    });
});
