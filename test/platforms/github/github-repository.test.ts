import { Lazy } from 'aws-cdk-lib';
import { CiPlatform, GitHubRepository, GitHubSubjectFormat } from '../../../src';

const REPOSITORY_FORM = "Allowed form: '<owner>/<repository>' with letters, digits, '.', '-' and '_', e.g. 'acme/api'.";
const BRANCH_FORM = "Allowed form: a branch name such as 'main' or 'release/*' ('*' and '?' make it a pattern).";
const TAG_FORM = "Allowed form: a tag name such as 'v1.2.3' or 'v*' ('*' and '?' make it a pattern).";
const ENVIRONMENT_FORM = "Allowed form: an environment name such as 'production', without wildcards.";
const WILDCARD_PROBLEM = "wildcards are never allowed in the owner or repository (for every repository of an owner use GitHubOwner.of('acme'))";

describe('GitHubRepository.of', () => {
  test('splits owner and repository and keeps the ids', () => {
    // WHEN
    const repo = GitHubRepository.of('acme/api', { ownerId: 1234567, repositoryId: 89012345 });

    // THEN
    expect(repo.owner).toBe('acme');
    expect(repo.repository).toBe('api');
    expect(repo.fullName).toBe('acme/api');
    expect(repo.ownerId).toBe(1234567);
    expect(repo.repositoryId).toBe(89012345);
  });

  test.each([
    ['acme/.github'],
    ['acme_corp/api'],
    ['Acme-Corp/My.Repo_2'],
    ['a/b'],
  ])('accepts the GitHub name %s', (fullName) => {
    expect(GitHubRepository.of(fullName).branch('main').subjectClaims).toEqual([`repo:${fullName}:ref:refs/heads/main`]);
  });

  test.each([
    ['*', WILDCARD_PROBLEM],
    ['acme*', WILDCARD_PROBLEM],
    ['acme/*', WILDCARD_PROBLEM],
    ['acme/api?', WILDCARD_PROBLEM],
    ['', 'it is empty'],
    ['acme', "it has 0 '/' instead of one"],
    ['acme/', "'' is not a GitHub repository name"],
    ['/api', "'' is not a GitHub owner name"],
    ['acme/api/x', "it has 2 '/' instead of one"],
    ['acme:x/api', "'acme:x' is not a GitHub owner name"],
    ['acme/a:pi', "'a:pi' is not a GitHub repository name"],
    ['acme /api', "'acme ' is not a GitHub owner name"],
    ['acme/my api', "'my api' is not a GitHub repository name"],
    ['ac${x}/api', "it contains '${', which IAM reads as a policy variable"],
    ['-acme/api', "'-acme' is not a GitHub owner name"],
    ['acme-/api', "'acme-' is not a GitHub owner name"],
    ['_acme/api', "'_acme' is not a GitHub owner name"],
    ['acme/..', "'..' is not a GitHub repository name"],
    ['acme/.', "'.' is not a GitHub repository name"],
    ['acme/äpi', "'äpi' is not a GitHub repository name"],
    ['acme/€', "it contains '€' (U+20AC), outside Latin-1, which IAM policies cannot carry"],
  ])('fails if the full name is %j', (fullName, problem) => {
    expect(() => GitHubRepository.of(fullName)).toThrow(`Invalid GitHubRepository.of(fullName) '${fullName}': ${problem}. ${REPOSITORY_FORM}`);
  });

  test('fails if the full name is a token', () => {
    const token = Lazy.string({ produce: () => 'acme/api' });
    expect(() => GitHubRepository.of(token)).toThrow(
      `Invalid GitHubRepository.of(fullName) '${token}': it is a token; repository names must be literal so that they can be checked. ${REPOSITORY_FORM}`,
    );
  });

  test('owner name boundary: 100 characters pass, 101 fail', () => {
    const longest = `a${'b'.repeat(98)}c`;
    expect(GitHubRepository.of(`${longest}/api`).owner).toBe(longest);
    expect(() => GitHubRepository.of(`${longest}d/api`)).toThrow(`'${longest}d' is not a GitHub owner name`);
  });

  test('repository name boundary: 100 characters pass, 101 fail', () => {
    const longest = 'r'.repeat(100);
    expect(GitHubRepository.of(`acme/${longest}`).repository).toBe(longest);
    expect(() => GitHubRepository.of(`acme/${longest}r`)).toThrow(`'${longest}r' is not a GitHub repository name`);
  });

  test.each([
    [0], [-1], [1.5], [NaN], [Infinity], [2 ** 53],
  ])('fails if ownerId is %p', (id) => {
    expect(() => GitHubRepository.of('acme/api', { ownerId: id })).toThrow(
      `Invalid GitHubRepository.of('acme/api') ownerId '${id}': it is not a positive integer. ` +
      "Allowed form: GitHub's numeric id, e.g. 123456789 (from `gh api users/OWNER --jq .id`).",
    );
  });

  test.each([
    [0], [-1], [1.5], [NaN],
  ])('fails if repositoryId is %p', (id) => {
    expect(() => GitHubRepository.of('acme/api', { repositoryId: id })).toThrow(
      `Invalid GitHubRepository.of('acme/api') repositoryId '${id}': it is not a positive integer. ` +
      "Allowed form: GitHub's numeric id, e.g. 123456789 (from `gh api repos/OWNER/REPO --jq .id`).",
    );
  });

  test('id boundary: 1 and 2^53-1 pass', () => {
    expect(GitHubRepository.of('acme/api', { ownerId: 1, repositoryId: Number.MAX_SAFE_INTEGER }).branch('main').pinnedClaims).toEqual({
      repository_owner_id: '1',
      repository_id: '9007199254740991',
    });
  });
});

describe('GitHubRepository subjects', () => {
  const repo = GitHubRepository.of('acme/api');

  test('branch: an exact ref subject', () => {
    // WHEN
    const subject = repo.branch('main');

    // THEN
    expect(subject.platform).toBe(CiPlatform.GITHUB_ACTIONS);
    expect(subject.subjectClaims).toEqual(['repo:acme/api:ref:refs/heads/main']);
    expect(subject.isPattern).toBe(false);
    expect(subject.pinnedClaims).toEqual({});
    expect(subject.description).toBe('acme/api, branch main');
    expect(subject.toString()).toBe('acme/api, branch main');
    expect(subject.risks).toEqual([]);
  });

  test('branch with * or ? is a pattern', () => {
    expect(repo.branch('release/*').subjectClaims).toEqual(['repo:acme/api:ref:refs/heads/release/*']);
    expect(repo.branch('release/*').isPattern).toBe(true);
    expect(repo.branch('v?').isPattern).toBe(true);
  });

  test('tag: exact and pattern', () => {
    expect(repo.tag('v1.2.3').subjectClaims).toEqual(['repo:acme/api:ref:refs/tags/v1.2.3']);
    expect(repo.tag('v1.2.3').isPattern).toBe(false);
    expect(repo.tag('v*').subjectClaims).toEqual(['repo:acme/api:ref:refs/tags/v*']);
    expect(repo.tag('v*').isPattern).toBe(true);
  });

  test('environment: exact, with : encoded as %3A as GitHub writes it', () => {
    expect(repo.environment('production').subjectClaims).toEqual(['repo:acme/api:environment:production']);
    expect(repo.environment('prod:eu-west-1').subjectClaims).toEqual(['repo:acme/api:environment:prod%3Aeu-west-1']);
    expect(repo.environment('Prod EU').subjectClaims).toEqual(['repo:acme/api:environment:Prod EU']);
    expect(repo.environment('production').isPattern).toBe(false);
  });

  test('pullRequest: exact, with a warning', () => {
    const subject = repo.pullRequest();
    expect(subject.subjectClaims).toEqual(['repo:acme/api:pull_request']);
    expect(subject.isPattern).toBe(false);
    expect(subject.risks.map((risk) => risk.id)).toEqual(['cdk-ci-oidc:pullRequestSubject']);
  });

  test('anyRef: a pattern over refs only, with a warning', () => {
    const subject = repo.anyRef();
    expect(subject.subjectClaims).toEqual(['repo:acme/api:ref:*']);
    expect(subject.isPattern).toBe(true);
    expect(subject.risks.map((risk) => risk.id)).toEqual(['cdk-ci-oidc:anyRefSubject']);
  });

  test.each([['*'], ['**'], ['?*'], ['*/*']])('branch(%j) warns that it matches every branch', (branch) => {
    expect(repo.branch(branch).risks).toEqual([
      { id: 'cdk-ci-oidc:anyBranch', message: `acme/api: branch '${branch}' matches every branch.` },
    ]);
  });

  test('a narrower branch pattern does not warn', () => {
    expect(repo.branch('release/*').risks).toEqual([]);
  });

  test('tag(*) warns that it matches every tag', () => {
    expect(repo.tag('*').risks.map((risk) => risk.id)).toEqual(['cdk-ci-oidc:anyTag']);
  });

  test('Latin-1 boundary pair for a branch: main-ü passes, main-€ fails', () => {
    expect(repo.branch('main-ü').subjectClaims).toEqual(['repo:acme/api:ref:refs/heads/main-ü']);
    expect(() => repo.branch('main-€')).toThrow(
      "Invalid GitHubRepository.of('acme/api').branch(branch) 'main-€': it contains '€' (U+20AC), outside Latin-1, which IAM policies cannot carry. " + BRANCH_FORM,
    );
  });

  test('fails if a branch is an emoji', () => {
    expect(() => repo.branch('🚀')).toThrow(
      "Invalid GitHubRepository.of('acme/api').branch(branch) '🚀': it contains '🚀' (U+1F680), outside Latin-1, which IAM policies cannot carry. " + BRANCH_FORM,
    );
  });

  test('Latin-1 boundary pair for an environment: Produktion-ü passes, Produktion-€ fails', () => {
    expect(repo.environment('Produktion-ü').subjectClaims).toEqual(['repo:acme/api:environment:Produktion-ü']);
    expect(() => repo.environment('Produktion-€')).toThrow(
      "Invalid GitHubRepository.of('acme/api').environment(environment) 'Produktion-€': it contains '€' (U+20AC), outside Latin-1, which IAM policies cannot carry. " +
      ENVIRONMENT_FORM,
    );
  });

  test('fails if a branch is given as a full ref', () => {
    expect(() => repo.branch('refs/heads/main')).toThrow(
      "Invalid GitHubRepository.of('acme/api').branch(branch) 'refs/heads/main': it is a full ref; give the short name ('main', not 'refs/heads/main'). " +
      BRANCH_FORM,
    );
  });

  test('fails if a tag is given as a full ref', () => {
    expect(() => repo.tag('refs/tags/v1')).toThrow(
      "Invalid GitHubRepository.of('acme/api').tag(tag) 'refs/tags/v1': it is a full ref; give the short name ('main', not 'refs/heads/main'). " + TAG_FORM,
    );
  });

  test.each([
    ['a:b'], ['a b'], ['a~b'], ['a^b'], ['a\\b'], ['a[b'], ['a..b'], ['a@{b'], ['a//b'], ['/a'], ['a/'], ['a.lock'], ['-a'],
    ['.a'], ['a/.b'], ['a.'], ['@'], ['a.lock/b'],
  ])('fails if the branch %j is not a git ref name', (branch) => {
    expect(() => repo.branch(branch)).toThrow(
      `Invalid GitHubRepository.of('acme/api').branch(branch) '${branch}': git does not allow it in a ref name. ${BRANCH_FORM}`,
    );
  });

  test('fails if a branch holds a policy variable', () => {
    expect(() => repo.branch('${aws:username}')).toThrow(
      "Invalid GitHubRepository.of('acme/api').branch(branch) '${aws:username}': it contains '${', which IAM reads as a policy variable. " + BRANCH_FORM,
    );
  });

  test('fails if a branch is a token', () => {
    const token = Lazy.string({ produce: () => 'main' });
    expect(() => repo.branch(token)).toThrow(
      `Invalid GitHubRepository.of('acme/api').branch(branch) '${token}': it is a token; subjects must be literal so that they can be checked. ${BRANCH_FORM}`,
    );
  });

  test.each([['prod*'], ['prod?'], ['*']])('fails if the environment %j has a wildcard', (environment) => {
    expect(() => repo.environment(environment)).toThrow(
      `Invalid GitHubRepository.of('acme/api').environment(environment) '${environment}': it contains '*' or '?', and only branch and tag names may be patterns. ` +
      ENVIRONMENT_FORM,
    );
  });

  test('environment name boundary: 255 characters pass, 256 fail', () => {
    const longest = 'e'.repeat(255);
    expect(repo.environment(longest).subjectClaims).toEqual([`repo:acme/api:environment:${longest}`]);
    expect(() => repo.environment(`${longest}e`)).toThrow(
      `Invalid GitHubRepository.of('acme/api').environment(environment) '${longest}e': it is longer than 255 characters. ${ENVIRONMENT_FORM}`,
    );
  });

  test('fails if the environment is empty', () => {
    expect(() => repo.environment('')).toThrow(`Invalid GitHubRepository.of('acme/api').environment(environment) '': it is empty. ${ENVIRONMENT_FORM}`);
  });
});

describe('GitHubRepository ids and subject formats', () => {
  const ids = { ownerId: 1234567, repositoryId: 89012345 };

  test('with both ids: legacy and immutable forms, both ids pinned', () => {
    // WHEN
    const subject = GitHubRepository.of('acme/api', ids).environment('production');

    // THEN
    expect(subject.subjectClaims).toEqual([
      'repo:acme/api:environment:production',
      'repo:acme@1234567/api@89012345:environment:production',
    ]);
    expect(subject.pinnedClaims).toEqual({ repository_owner_id: '1234567', repository_id: '89012345' });
    expect(subject.isPattern).toBe(false);
  });

  test('LEGACY: only the legacy form, the ids still pinned', () => {
    const subject = GitHubRepository.of('acme/api', { ...ids, subjectFormat: GitHubSubjectFormat.LEGACY }).branch('main');
    expect(subject.subjectClaims).toEqual(['repo:acme/api:ref:refs/heads/main']);
    expect(subject.pinnedClaims).toEqual({ repository_owner_id: '1234567', repository_id: '89012345' });
  });

  test('IMMUTABLE: only the immutable form', () => {
    const subject = GitHubRepository.of('acme/api', { ...ids, subjectFormat: GitHubSubjectFormat.IMMUTABLE }).branch('main');
    expect(subject.subjectClaims).toEqual(['repo:acme@1234567/api@89012345:ref:refs/heads/main']);
    expect(subject.pinnedClaims).toEqual({ repository_owner_id: '1234567', repository_id: '89012345' });
  });

  test('LEGACY_AND_IMMUTABLE given explicitly equals the default with ids', () => {
    const explicit = GitHubRepository.of('acme/api', { ...ids, subjectFormat: GitHubSubjectFormat.LEGACY_AND_IMMUTABLE }).tag('v*');
    const implicit = GitHubRepository.of('acme/api', ids).tag('v*');
    expect(explicit.subjectClaims).toEqual(['repo:acme/api:ref:refs/tags/v*', 'repo:acme@1234567/api@89012345:ref:refs/tags/v*']);
    expect(explicit._spec).toEqual(implicit._spec);
  });

  test('pinIds false: both forms, nothing pinned', () => {
    const subject = GitHubRepository.of('acme/api', { ...ids, pinIds: false }).branch('main');
    expect(subject.subjectClaims).toEqual(['repo:acme/api:ref:refs/heads/main', 'repo:acme@1234567/api@89012345:ref:refs/heads/main']);
    expect(subject.pinnedClaims).toEqual({});
  });

  test('one id alone: legacy form, that id pinned', () => {
    expect(GitHubRepository.of('acme/api', { repositoryId: 89012345 }).branch('main').pinnedClaims).toEqual({ repository_id: '89012345' });
    expect(GitHubRepository.of('acme/api', { ownerId: 1234567 }).branch('main').subjectClaims).toEqual(['repo:acme/api:ref:refs/heads/main']);
    expect(GitHubRepository.of('acme/api', { ownerId: 1234567 }).branch('main').pinnedClaims).toEqual({ repository_owner_id: '1234567' });
  });

  test.each([
    [GitHubSubjectFormat.IMMUTABLE, {}],
    [GitHubSubjectFormat.LEGACY_AND_IMMUTABLE, { ownerId: 1234567 }],
    [GitHubSubjectFormat.IMMUTABLE, { repositoryId: 89012345 }],
  ])('fails if %s is asked without both ids (%j)', (subjectFormat, given) => {
    expect(() => GitHubRepository.of('acme/api', { ...given, subjectFormat })).toThrow(
      `Invalid GitHubRepository.of('acme/api') subjectFormat '${subjectFormat}': the immutable subject form needs both ownerId and repositoryId. ` +
      'Allowed form: GitHubSubjectFormat.LEGACY, or give ownerId and repositoryId.',
    );
  });
});
