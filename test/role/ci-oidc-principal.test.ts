import { aws_iam as iam } from 'aws-cdk-lib';
import { CiDeployRole, CiOidcPrincipal, GitHubOidcProvider, GitHubRepository } from '../../src';
import { GITHUB_ISSUER, newStack, refOf, trustStatementsOf, webIdentity, WEB_IDENTITY } from '../fixtures/github-stack';

const AUD = `${GITHUB_ISSUER}:aud`;
const SUB = `${GITHUB_ISSUER}:sub`;
const repo = GitHubRepository.of('acme/api', { repositoryId: 89012345 });

describe('CiOidcPrincipal', () => {
  test('in a plain iam.Role it writes the same statements as a CiDeployRole', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');
    const subjects = [repo.branch('main'), repo.branch('release/*'), GitHubRepository.of('acme/web').environment('production')];

    // WHEN
    const plain = new iam.Role(stack, 'Plain', { assumedBy: new CiOidcPrincipal(provider, { subjects }) });
    const deploy = new CiDeployRole(stack, 'Deploy', { provider, subjects });

    // THEN
    const federated = refOf(provider);
    const expected = [
      webIdentity(federated, { StringEquals: { [AUD]: 'sts.amazonaws.com', [`${GITHUB_ISSUER}:repository_id`]: '89012345', [SUB]: 'repo:acme/api:ref:refs/heads/main' } }),
      webIdentity(federated, {
        StringEquals: { [AUD]: 'sts.amazonaws.com', [`${GITHUB_ISSUER}:repository_id`]: '89012345' },
        StringLike: { [SUB]: 'repo:acme/api:ref:refs/heads/release/*' },
      }),
      webIdentity(federated, { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:acme/web:environment:production' } }),
    ];
    expect(trustStatementsOf(plain)).toEqual(expected);
    expect(trustStatementsOf(deploy)).toEqual(expected);
  });

  test('exposes the provider, the audience, the subjects and the action', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');

    // WHEN
    const principal = new CiOidcPrincipal(provider, { subjects: [repo.branch('main')], audience: 'acme-deploy' });

    // THEN
    expect(principal.provider).toBe(provider);
    expect(principal.audience).toBe('acme-deploy');
    expect(principal.subjects.map(String)).toEqual(['acme/api, branch main']);
    expect(principal.assumeRoleAction).toBe(WEB_IDENTITY);
    expect(principal.toString()).toBe(`CiOidcPrincipal(${GITHUB_ISSUER})`);
  });

  test('fails if it has no subject', () => {
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');
    expect(() => new CiOidcPrincipal(provider, { subjects: [] })).toThrow(
      "Invalid CiOidcPrincipal props.subjects '[]': it names no subject: without one, the role would trust every job of every repository. " +
      "Allowed form: at least one subject, e.g. [GitHubRepository.of('acme/api').branch('main')].",
    );
  });

  test('addSubject reaches the trust policy of the role it is part of', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');
    const principal = new CiOidcPrincipal(provider, { subjects: [repo.branch('main')] });
    const role = new iam.Role(stack, 'Plain', { assumedBy: principal });

    // WHEN
    principal.addSubject(repo.branch('dev'));
    principal.addSubject(GitHubRepository.of('acme/web').branch('main'));

    // THEN
    const federated = refOf(provider);
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, {
        StringEquals: { [AUD]: 'sts.amazonaws.com', [`${GITHUB_ISSUER}:repository_id`]: '89012345', [SUB]: ['repo:acme/api:ref:refs/heads/main', 'repo:acme/api:ref:refs/heads/dev'] },
      }),
      webIdentity(federated, { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:acme/web:ref:refs/heads/main' } }),
    ]);
  });

  test('changing the props.subjects array after construction does not change the principal', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');
    const subjects = [repo.branch('main')];
    const principal = new CiOidcPrincipal(provider, { subjects });

    // WHEN
    subjects.push(repo.anyRef());

    // THEN
    expect(principal.subjects.map(String)).toEqual(['acme/api, branch main']);
  });

  describe('policyFragment', () => {
    test('one statement: the federated principal with its complete conditions', () => {
      // GIVEN
      const stack = newStack();
      const provider = new GitHubOidcProvider(stack, 'GitHub');
      const principal = new CiOidcPrincipal(provider, { subjects: [repo.branch('main'), repo.environment('production')] });

      // WHEN
      const fragment = principal.policyFragment;

      // THEN
      expect(stack.resolve(fragment.principalJson)).toEqual({ Federated: [refOf(provider)] });
      expect(stack.resolve(fragment.conditions)).toEqual({
        StringEquals: {
          [AUD]: 'sts.amazonaws.com',
          [`${GITHUB_ISSUER}:repository_id`]: '89012345',
          [SUB]: ['repo:acme/api:ref:refs/heads/main', 'repo:acme/api:environment:production'],
        },
      });
    });

    test('one statement: a PolicyStatement built from the principal keeps the conditions', () => {
      // GIVEN
      const stack = newStack();
      const provider = new GitHubOidcProvider(stack, 'GitHub');
      const principal = new CiOidcPrincipal(provider, { subjects: [repo.tag('v*')] });
      const role = new iam.Role(stack, 'Plain', { assumedBy: new iam.AccountRootPrincipal() });

      // WHEN
      role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({ actions: [WEB_IDENTITY], principals: [principal] }));

      // THEN
      expect(trustStatementsOf(role)[1]).toEqual(webIdentity(refOf(provider), {
        StringEquals: { [AUD]: 'sts.amazonaws.com', [`${GITHUB_ISSUER}:repository_id`]: '89012345' },
        StringLike: { [SUB]: 'repo:acme/api:ref:refs/tags/v*' },
      }));
    });

    test('fails if the subjects need more than one statement', () => {
      // GIVEN
      const stack = newStack();
      const provider = new GitHubOidcProvider(stack, 'GitHub');
      const principal = new CiOidcPrincipal(provider, { subjects: [repo.branch('main'), repo.branch('release/*')] });

      // THEN
      expect(() => principal.policyFragment).toThrow(
        `Invalid CiOidcPrincipal.policyFragment principal 'CiOidcPrincipal(${GITHUB_ISSUER})': it needs 2 statements and cannot be one policy fragment. ` +
        'Allowed form: the principal as the assumedBy of a role, where it writes its own statements.',
      );
    });

    test('fails if withConditions would drop statements', () => {
      const stack = newStack();
      const provider = new GitHubOidcProvider(stack, 'GitHub');
      const principal = new CiOidcPrincipal(provider, { subjects: [repo.branch('main'), GitHubRepository.of('acme/web').branch('main')] });
      const wrapped = principal.withConditions({ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } });
      expect(() => wrapped.policyFragment).toThrow(`'CiOidcPrincipal(${GITHUB_ISSUER})': it needs 2 statements`);
    });
  });
});
