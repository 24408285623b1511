import { aws_iam as iam, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { CiDeployRole, CiOidcPrincipal, GitHubOidcProvider, GitHubRepository } from '../../src';
import { GITHUB_ISSUER, newStack, refOf, trustStatementsOf, webIdentity, WEB_IDENTITY } from '../fixtures/github-stack';

const AUD = `${GITHUB_ISSUER}:aud`;
const SUB = `${GITHUB_ISSUER}:sub`;
const repo = GitHubRepository.of('acme/api');
const MAIN = 'repo:acme/api:ref:refs/heads/main';

/** One principal, two plain roles: A untouched, B changed by `makeB`. */
interface Shared {
  readonly a: iam.Role;
  readonly b: iam.Role;
  readonly federated: unknown;
  readonly principal: CiOidcPrincipal;
}

function shared(makeB: (stack: Stack, principal: CiOidcPrincipal) => iam.Role): Shared {
  const stack = newStack();
  const provider = new GitHubOidcProvider(stack, 'GitHub');
  const principal = new CiOidcPrincipal(provider, { subjects: [repo.branch('main')] });
  const a = new iam.Role(stack, 'A', { assumedBy: principal });
  const b = makeB(stack, principal);
  return { a, b, federated: refOf(provider), principal };
}

describe('a principal shared by two roles', () => {
  test('externalIds on one role do not reach the other', () => {
    // WHEN
    const { a, b, federated } = shared((stack, principal) => new iam.Role(stack, 'B', { assumedBy: principal, externalIds: ['ext-1'] }));

    // THEN
    expect(trustStatementsOf(a)).toEqual([webIdentity(federated, { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: MAIN } })]);
    expect(trustStatementsOf(b)).toEqual([
      webIdentity(federated, { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: MAIN, 'sts:ExternalId': 'ext-1' } }),
    ]);
  });

  test('withSessionTags() on one role does not reach the other', () => {
    // WHEN
    const { a, b, federated } = shared((stack, principal) => new iam.Role(stack, 'B', { assumedBy: principal.withSessionTags() }));

    // THEN
    expect(trustStatementsOf(a)).toEqual([webIdentity(federated, { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: MAIN } })]);
    expect(trustStatementsOf(b)).toEqual([{
      Action: [WEB_IDENTITY, 'sts:TagSession'],
      Condition: { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: MAIN } },
      Effect: 'Allow',
      Principal: { Federated: federated },
    }]);
  });

  test('withConditions() returns a new principal: the other role keeps its statement', () => {
    // WHEN
    const { a, b, federated } = shared((stack, principal) => new iam.Role(stack, 'B', {
      assumedBy: principal.withConditions({ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }),
    }));

    // THEN
    expect(trustStatementsOf(a)).toEqual([webIdentity(federated, { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: MAIN } })]);
    expect(trustStatementsOf(b)).toEqual([
      webIdentity(federated, { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: MAIN, 'aws:RequestedRegion': 'eu-west-1' } }),
    ]);
  });

  test('withConditions() applies to every statement of a principal with several', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');
    const principal = new CiOidcPrincipal(provider, { subjects: [repo.branch('main'), repo.branch('release/*')] });

    // WHEN
    const role = new iam.Role(stack, 'B', { assumedBy: principal.withConditions({ Bool: { 'aws:SecureTransport': 'true' } }) });

    // THEN
    const federated = refOf(provider);
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: MAIN }, Bool: { 'aws:SecureTransport': 'true' } }),
      webIdentity(federated, {
        StringEquals: { [AUD]: 'sts.amazonaws.com' },
        StringLike: { [SUB]: 'repo:acme/api:ref:refs/heads/release/*' },
        Bool: { 'aws:SecureTransport': 'true' },
      }),
    ]);
  });

  test.each([
    [{ StringLike: { [SUB]: 'repo:acme/*' } }, SUB],
    [{ StringEquals: { [`${GITHUB_ISSUER.toUpperCase()}:aud`]: 'other' } }, `${GITHUB_ISSUER.toUpperCase()}:aud`],
    [{ StringEquals: { [`${GITHUB_ISSUER}:repository_id`]: '1' } }, `${GITHUB_ISSUER}:repository_id`],
  ])('fails if withConditions() names a key of the issuer: %j', (conditions, key) => {
    const stack = newStack();
    const principal = new CiOidcPrincipal(new GitHubOidcProvider(stack, 'GitHub'), { subjects: [repo.branch('main')] });
    expect(() => principal.withConditions(conditions)).toThrow(
      `Invalid CiOidcPrincipal.withConditions() key '${key}': it is a key of the principal's issuer, whose conditions come from the subjects ` +
      'and trust options (a condition here would replace or widen them). Allowed form: ',
    );
  });

  test('fails if withConditions() is not given an object of operators', () => {
    const stack = newStack();
    const principal = new CiOidcPrincipal(new GitHubOidcProvider(stack, 'GitHub'), { subjects: [repo.branch('main')] });
    expect(() => principal.withConditions({ StringEquals: 'x' })).toThrow(
      "Invalid CiOidcPrincipal.withConditions() operator 'StringEquals' '\"x\"': it is not an object of condition keys.",
    );
  });

  test('fails if a subject is added once the principal serves two roles', () => {
    // GIVEN
    const { a, b, principal } = shared((stack, p) => new iam.Role(stack, 'B', { assumedBy: p }));

    // THEN
    expect(() => principal.addSubject(repo.pullRequest())).toThrow(
      `Invalid CiOidcPrincipal.addSubject() subject 'acme/api, pull requests': CiOidcPrincipal(${GITHUB_ISSUER}) serves 2 trust policies, ` +
      "and one role's subject would change the trust of every role sharing it. " +
      'Allowed form: a CiOidcPrincipal (or a CiDeployRole) per role, or every subject in props.subjects before the principal is shared.',
    );
    expect(JSON.stringify(trustStatementsOf(a))).not.toContain('pull_request');
    expect(JSON.stringify(trustStatementsOf(b))).not.toContain('pull_request');
  });

  test('the policy fragment is a copy: subjects added later do not change a statement built from it', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');
    const principal = new CiOidcPrincipal(provider, { subjects: [repo.branch('main')] });
    const other = new iam.Role(stack, 'Other', { assumedBy: new iam.AccountRootPrincipal() });
    other.assumeRolePolicy!.addStatements(new iam.PolicyStatement({ actions: [WEB_IDENTITY], principals: [principal] }));

    // WHEN
    new iam.Role(stack, 'Own', { assumedBy: principal });
    principal.addSubject(repo.pullRequest());

    // THEN
    expect(trustStatementsOf(other)[1]).toEqual(webIdentity(refOf(provider), { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: MAIN } }));
  });
});

describe('the principal of a CiDeployRole', () => {
  test('fails if another role uses it', () => {
    const stack = newStack();
    const role = new CiDeployRole(stack, 'Deploy', { provider: new GitHubOidcProvider(stack, 'GitHub'), subjects: [repo.branch('main')] });
    expect(() => new iam.Role(stack, 'Other', { assumedBy: role.principal })).toThrow(
      "Invalid CiDeployRole principal 'TestStack/Deploy': it serves that role only: another role sharing it would change whenever that role gets a subject. " +
      'Allowed form: a CiOidcPrincipal (or a CiDeployRole) of its own for the other role.',
    );
  });

  test('role.principal.addSubject() gives the warnings of role.addSubject()', () => {
    // GIVEN
    const stack = newStack();
    const role = new CiDeployRole(stack, 'Deploy', { provider: new GitHubOidcProvider(stack, 'GitHub'), subjects: [repo.branch('main')] });

    // WHEN
    role.principal.addSubject(repo.pullRequest());

    // THEN
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => `${w.id} ${String(w.entry.data)}`);
    expect(warnings).toEqual([expect.stringMatching(/^\/TestStack\/Deploy\/Resource .*pull_request.*\[TestStack\/Deploy\] \[ack: cdk-ci-oidc:pullRequestSubject\]$/s)]);
    expect(role.subjects.map(String)).toEqual(['acme/api, branch main', 'acme/api, pull requests']);
  });
});
