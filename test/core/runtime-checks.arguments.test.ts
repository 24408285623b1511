import { aws_iam as iam, Stack } from 'aws-cdk-lib';
import { CiDeployRole, CiOidcPrincipal, CiTrustGuard, GitHubIssuer, GitHubOidcProvider, GitHubOwner, GitHubRepository, GitHubSubject, GitHubSubjectTemplate, GitLabGroup, GitLabIssuer, GitLabOidcProvider, GitLabProject, GitLabSubject } from '../../src';
import { checkKind, checkOptions, shownValue } from '../../src/core/runtime-checks';
import { accountStack } from '../fixtures/account-stack';

/*
 * JavaScript callers and the dynamic paths of other jsii languages skip TypeScript's types:
 * every public entry point refuses a value of the wrong type with the library's message,
 * never a TypeError and never a broader policy (issue 11).
 */

// Values as a JavaScript caller may pass them.
const js = <T>(value: unknown): T => value as T;

const stack = (): Stack => accountStack('eu-west-1');

/** Runs `build` and returns the error message, failing the test on a TypeError or on success. */
function refusal(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).not.toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('expected the call to be refused');
}

describe('the checks', () => {
  test.each([
    ['x', 'string', undefined],
    [1, 'string', "Invalid p '1': it is a number, not a string. Allowed form: f."],
    [null, 'string', "Invalid p 'null': it is null, not a string. Allowed form: f."],
    [['a'], 'string', 'Invalid p \'["a"]\': it is an array, not a string. Allowed form: f.'],
    [undefined, 'string', "Invalid p 'undefined': it is undefined, not a string. Allowed form: f."],
    [Number.NaN, 'number', undefined],
    [Number.POSITIVE_INFINITY, 'string', "Invalid p 'Infinity': it is a number, not a string. Allowed form: f."],
    ['1', 'number', "Invalid p '1': it is a string, not a number. Allowed form: f."],
    [{}, 'array', "Invalid p '{}': it is an object, not a list. Allowed form: f."],
    [[], 'object', "Invalid p '[]': it is an array, not an object. Allowed form: f."],
  ])('checkKind(%j, %s)', (value, kind, message) => {
    const run = (): void => checkKind('p', value, kind as never, 'f');
    if (message === undefined) {
      expect(run).not.toThrow();
    } else {
      expect(run).toThrow(message);
    }
  });

  test('checkOptions: left out passes; each named property has its kind or allowed value', () => {
    expect(() => checkOptions('o', undefined, { a: 'string' })).not.toThrow();
    expect(() => checkOptions('o', { a: 'x', other: 1 }, { a: 'string' })).not.toThrow();
    expect(() => checkOptions('o', { a: 1 }, { a: 'string' })).toThrow("Invalid o.a '1': it is a number, not a string.");
    expect(() => checkOptions('o', { e: 'C' }, { e: ['A', 'B'] })).toThrow("Invalid o.e 'C': it is not one of A, B. Allowed form: one of A, B, or nothing.");
  });

  test('shownValue shows a cycle without failing', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(shownValue(cycle)).toBe('[object Object]');
  });
});

describe('every public entry point', () => {
  const repo = GitHubRepository.of('acme/api');

  test.each<[string, (s: Stack) => unknown, string]>([
    ['provider audience as a list', (s) => new GitHubOidcProvider(s, 'P', { audience: js(['sts.amazonaws.com']) }),
      'Invalid CiOidcProviderOptions.audience \'["sts.amazonaws.com"]\': it is an array, not a string.'],
    ['provider audience as a number', (s) => new GitLabOidcProvider(s, 'P', { audience: js(42) }), "Invalid CiOidcProviderOptions.audience '42': it is a number, not a string."],
    ['provider audience as null', (s) => new GitHubOidcProvider(s, 'P', { audience: js(null) }), "Invalid CiOidcProviderOptions.audience 'null': it is null, not a string."],
    ['provider props as null', (s) => new GitHubOidcProvider(s, 'P', js(null)), "Invalid GitHubOidcProviderProps 'null': it is null, not an object."],
    ['a string as the issuer', (s) => new GitHubOidcProvider(s, 'P', { issuer: js('token.actions.githubusercontent.com') }),
      "Invalid GitHubOidcProviderProps.issuer 'token.actions.githubusercontent.com': it is not a GitHubIssuer."],
    ['thumbprints as a string', (s) => new GitHubOidcProvider(s, 'P', { thumbprints: js('abc') }), "Invalid CiOidcProviderOptions.thumbprints 'abc': it is a string, not a list."],
    ['an unknown removal policy', (s) => new GitHubOidcProvider(s, 'P', { removalPolicy: js('keep') }), "Invalid CiOidcProviderOptions.removalPolicy 'keep': it is not one of destroy, retain"],
    ['a GitLab url as a number', () => GitLabIssuer.selfManaged(js(1)), "Invalid GitLabIssuer.selfManaged(url) '1': it is a number, not a string."],
    ['an import account as a number', (s) => GitHubOidcProvider.fromAccount(s, 'P', { account: js(123456789012) }), "Invalid account '123456789012': it is a number, not a string."],
    ['an import ARN as null', (s) => GitLabOidcProvider.fromOidcProviderArn(s, 'P', js(null)), "Invalid GitLabOidcProvider.fromOidcProviderArn(oidcProviderArn) 'null': it is null, not a string."],
    ['an import audience as a list', (s) => GitHubOidcProvider.fromAccount(s, 'P', { audience: js(['a']) }), 'Invalid audience \'["a"]\': it is an array, not a string.'],
    ['an enterprise slug as a number', () => GitHubIssuer.enterpriseCloud(js(7)), "Invalid GitHubIssuer.enterpriseCloud(enterpriseSlug) '7': it is a number, not a string."],
    ['a host name as undefined', () => GitHubIssuer.enterpriseServer(js(undefined)), "Invalid GitHubIssuer.enterpriseServer(hostname) 'undefined': it is undefined, not a string."],
    ['a repository as a number', () => GitHubRepository.of(js(42)), "Invalid GitHubRepository.of(fullName) '42': it is a number, not a string."],
    ['a repository id as a string', () => GitHubRepository.of('acme/api', { repositoryId: js('89012345') }),
      "Invalid GitHubRepository.of(options).repositoryId '89012345': it is a string, not a number."],
    ['repository options as null', () => GitHubRepository.of('acme/api', js(null)), "Invalid GitHubRepository.of(options) 'null': it is null, not an object."],
    ['an unknown subject format', () => GitHubOwner.of('acme', { ownerId: 1, subjectFormat: js('ANY') }), "Invalid GitHubOwner.of(options).subjectFormat 'ANY': it is not one of LEGACY"],
    ['pinIds as a string', () => GitLabProject.of('acme/api', { projectId: 1, pinIds: js('false') }), "Invalid GitLabProject.of(options).pinIds 'false': it is a string, not a boolean."],
    ['a group as a list', () => GitLabGroup.of(js(['acme'])), 'Invalid GitLabGroup.of(path) \'["acme"]\': it is an array, not a string.'],
    ['a branch as a number', () => repo.branch(js(1)), "Invalid GitHubRepository.of('acme/api').branch(branch) '1': it is a number, not a string."],
    ['an environment as null', () => repo.environment(js(null)), "Invalid GitHubRepository.of('acme/api').environment(environment) 'null': it is null, not a string."],
    ['a GitLab tag as an object', () => GitLabProject.of('acme/api').tag(js({})), "Invalid GitLabProject.of('acme/api').tag(tag) '{}': it is an object, not a string."],
    ['a raw GitHub claim as a list', () => GitHubSubject.fromClaim(js(['repo:acme/api:*'])), 'Invalid GitHubSubject.fromClaim(sub) \'["repo:acme/api:*"]\': it is an array, not a string.'],
    ['a raw GitLab claim as a number', () => GitLabSubject.fromClaim(js(5)), "Invalid GitLabSubject.fromClaim(sub) '5': it is a number, not a string."],
    ['template keys as a string', () => GitHubSubjectTemplate.fromIncludeClaimKeys(js('repo')), "Invalid GitHubSubjectTemplate.fromIncludeClaimKeys(includeClaimKeys) 'repo': it is a string, not a list."],
    ['template values as null', () => GitHubSubjectTemplate.fromIncludeClaimKeys(['repo', 'context']).subject(js(null)),
      "Invalid GitHubSubjectTemplate.subject(values) 'null': it is null, not an object."],
    ['a role provider as a string', (s) => new CiDeployRole(s, 'R', { provider: js('github'), subjects: [repo.branch('main')] }),
      "Invalid CiDeployRoleProps.provider 'github': it is a string, not an object."],
    ['role subjects as one subject', (s) => new CiDeployRole(s, 'R', { provider: new GitHubOidcProvider(s, 'P'), subjects: js(repo.branch('main')) }),
      'Invalid CiDeployRoleProps.subjects'],
    ['a null subject', (s) => new CiDeployRole(s, 'R', { provider: new GitHubOidcProvider(s, 'P'), subjects: js([null]) }),
      "Invalid CiDeployRoleProps.subjects[0] 'null': it is null, not an object."],
    ['a role audience as a list', (s) => new CiDeployRole(s, 'R', { provider: new GitHubOidcProvider(s, 'P'), subjects: [repo.branch('main')], audience: js(['a', 'b']) }),
      'Invalid CiDeployRoleProps.audience \'["a","b"]\': it is an array, not a string.'],
    ['requireProtectedRef as a string', (s) => new CiDeployRole(s, 'R', { provider: new GitLabOidcProvider(s, 'P'), requireProtectedRef: js('false') }),
      "Invalid CiDeployRoleProps.requireProtectedRef 'false': it is a string, not a boolean."],
    ['a quota as a string', (s) => new CiDeployRole(s, 'R', { provider: new GitHubOidcProvider(s, 'P'), trustPolicySizeQuota: js('4096') }),
      "Invalid CiDeployRoleProps.trustPolicySizeQuota '4096': it is a string, not a number."],
    ['a session duration as a number', (s) => new CiDeployRole(s, 'R', { provider: new GitHubOidcProvider(s, 'P'), maxSessionDuration: js(3600) }),
      "Invalid CiDeployRoleProps.maxSessionDuration '3600': it is a number, not an object."],
    ['a role name as a number', (s) => new CiDeployRole(s, 'R', { provider: new GitHubOidcProvider(s, 'P'), roleName: js(1) }),
      "Invalid CiDeployRoleProps.roleName '1': it is a number, not a string."],
    ['addSubject(undefined)', (s) => new CiDeployRole(s, 'R', { provider: new GitHubOidcProvider(s, 'P') }).addSubject(js(undefined)),
      "Invalid subject 'undefined': it is not a subject built by this library."],
    ['principal subjects left out', (s) => new CiOidcPrincipal(new GitHubOidcProvider(s, 'P'), js({})),
      "Invalid CiOidcPrincipalProps.subjects 'undefined': it is undefined, not a list."],
    ['a principal provider as null', () => new CiOidcPrincipal(js(null), { subjects: [repo.branch('main')] }),
      "Invalid CiOidcPrincipal provider 'null': it is null, not an object."],
    ['a job workflow ref as a number', (s) => new CiOidcPrincipal(new GitHubOidcProvider(s, 'P'), { subjects: [repo.branch('main')], jobWorkflowRef: js(1) }),
      "Invalid CiOidcPrincipalProps.jobWorkflowRef '1': it is a number, not a string."],
    ['job commands as a string', (s) => new CiDeployRole(s, 'R', { provider: new GitHubOidcProvider(s, 'P'), subjects: [repo.branch('main')] })
      .renderGitHubActionsJob({ commands: js('cdk deploy') }), "Invalid renderGitHubActionsJob() options.commands 'cdk deploy': it is a string, not a list."],
    ['checkout as a string', (s) => new CiDeployRole(s, 'R', { provider: new GitHubOidcProvider(s, 'P'), subjects: [repo.branch('main')] })
      .renderGitHubActionsJob({ checkout: js('no') }), "Invalid renderGitHubActionsJob() options.checkout 'no': it is a string, not a boolean."],
    ['a GitLab image as a number', (s) => new CiDeployRole(s, 'R', { provider: new GitLabOidcProvider(s, 'P'), subjects: [GitLabProject.of('acme/api').branch('main')] })
      .renderGitLabCiJob({ image: js(1) }), "Invalid renderGitLabCiJob() options.image '1': it is a number, not a string."],
    ['an output name as a number', (s) => new CiDeployRole(s, 'R', { provider: new GitHubOidcProvider(s, 'P'), subjects: [repo.branch('main')] })
      .addArnOutput({ outputName: js(1) }), "Invalid RoleArnOutputOptions.outputName '1': it is a number, not a string."],
    ['guard issuers as a string', () => new CiTrustGuard({ gitLabIssuers: js('gitlab.example.com') }),
      "Invalid CiTrustGuardProps.gitLabIssuers 'gitlab.example.com': it is a string, not a list."],
  ])('refuses %s', (_name, build, message) => {
    expect(refusal(() => build(stack()))).toContain(message);
  });

  test('a wrong type never reaches the trust policy: the role is not created', () => {
    const s = stack();
    expect(() => new iam.Role(s, 'Plain', { assumedBy: new CiOidcPrincipal(new GitHubOidcProvider(s, 'P'), { subjects: [repo.branch('main')], audience: js(['*']) }) }))
      .toThrow('Invalid CiOidcPrincipalProps.audience');
    expect(s.node.tryFindChild('Plain')).toBeUndefined();
  });
});
