import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import {
  CiDeployRole, CiSubject, GitHubIssuer, GitHubOidcProvider, GitHubOwner, GitHubRepository, GitHubSubject, GitHubSubjectFormat, ICiOidcProvider,
} from '../../src';
import { GITHUB_ISSUER, newStack, refOf, trustStatementsOf, webIdentity } from '../fixtures/github-stack';

const AUD = `${GITHUB_ISSUER}:aud`;
const SUB = `${GITHUB_ISSUER}:sub`;
const OWNER_ID = `${GITHUB_ISSUER}:repository_owner_id`;
const REPOSITORY_ID = `${GITHUB_ISSUER}:repository_id`;
const STS = 'sts.amazonaws.com';

/** A github.com provider and a role for `subjects` in a fresh stack. */
function roleFor(...subjects: CiSubject[]): { role: CiDeployRole; federated: unknown } {
  const stack = newStack();
  const provider = new GitHubOidcProvider(stack, 'GitHub');
  const role = new CiDeployRole(stack, 'DeployRole', { provider, subjects });
  return { role, federated: refOf(provider) };
}

describe('trust statements of each GitHub subject kind', () => {
  const repo = GitHubRepository.of('acme/api');

  test.each([
    ['branch', repo.branch('main'), 'repo:acme/api:ref:refs/heads/main'],
    ['tag', repo.tag('v1.2.3'), 'repo:acme/api:ref:refs/tags/v1.2.3'],
    ['environment', repo.environment('production'), 'repo:acme/api:environment:production'],
    ['pullRequest', repo.pullRequest(), 'repo:acme/api:pull_request'],
    ['fromClaim exact', GitHubSubject.fromClaim('repo:acme/api:ref:refs/heads/main'), 'repo:acme/api:ref:refs/heads/main'],
  ])('%s: aud and sub with StringEquals', (_kind, subject, sub) => {
    // WHEN
    const { role, federated } = roleFor(subject);

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, { StringEquals: { [AUD]: STS, [SUB]: sub } }),
    ]);
  });

  test('environment with ":": the sub encodes it, and the raw environment claim is pinned where IAM receives it', () => {
    // WHEN
    const { role, federated } = roleFor(repo.environment('prod:eu'));

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, {
        StringEquals: {
          [AUD]: STS,
          'token.actions.githubusercontent.com:environment': 'prod:eu',
          [SUB]: 'repo:acme/api:environment:prod%3Aeu',
        },
      }),
    ]);
  });

  test('environment with ":" on GHES: no environment key there, so no pin, and a warning', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'Server', { issuer: GitHubIssuer.enterpriseServer('github.example.com') });

    // WHEN
    const role = new CiDeployRole(stack, 'DeployRole', { provider, subjects: [repo.environment('prod:eu')] });

    // THEN
    const issuer = 'github.example.com/_services/token';
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(refOf(provider), { StringEquals: { [`${issuer}:aud`]: STS, [`${issuer}:sub`]: 'repo:acme/api:environment:prod%3Aeu' } }),
    ]);
    Annotations.fromStack(stack).hasWarning('/TestStack/DeployRole/Resource', Match.stringLikeRegexp("environment 'prod:eu' has the same subject .*cdk-ci-oidc:claimNotPinned"));
  });

  test.each([
    ['branch pattern', repo.branch('release/*'), 'repo:acme/api:ref:refs/heads/release/*'],
    ['tag pattern', repo.tag('v?.*'), 'repo:acme/api:ref:refs/tags/v?.*'],
    ['anyRef', repo.anyRef(), 'repo:acme/api:ref:*'],
    ['whole owner', GitHubOwner.of('acme').environment('production'), 'repo:acme/*:environment:production'],
    ['whole owner, branch', GitHubOwner.of('acme').branch('main'), 'repo:acme/*:ref:refs/heads/main'],
    ['fromClaim pattern', GitHubSubject.fromClaim('repo:acme/api:environment:prod-*'), 'repo:acme/api:environment:prod-*'],
  ])('%s: aud with StringEquals, sub with StringLike', (_kind, subject, sub) => {
    // WHEN
    const { role, federated } = roleFor(subject);

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, { StringEquals: { [AUD]: STS }, StringLike: { [SUB]: sub } }),
    ]);
  });
});

describe('ids and subject formats', () => {
  const ids = { ownerId: 1234567, repositoryId: 89012345 };

  test('ids: legacy and immutable forms, both ids pinned, in one statement', () => {
    // WHEN
    const { role, federated } = roleFor(GitHubRepository.of('acme/api', ids).environment('production'));

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, {
        StringEquals: {
          [AUD]: STS,
          [REPOSITORY_ID]: '89012345',
          [OWNER_ID]: '1234567',
          [SUB]: ['repo:acme/api:environment:production', 'repo:acme@1234567/api@89012345:environment:production'],
        },
      }),
    ]);
  });

  test.each([
    [GitHubSubjectFormat.LEGACY, ['repo:acme/api:ref:refs/heads/main']],
    [GitHubSubjectFormat.IMMUTABLE, ['repo:acme@1234567/api@89012345:ref:refs/heads/main']],
    [GitHubSubjectFormat.LEGACY_AND_IMMUTABLE, ['repo:acme/api:ref:refs/heads/main', 'repo:acme@1234567/api@89012345:ref:refs/heads/main']],
  ])('%s', (subjectFormat, subs) => {
    // WHEN
    const { role, federated } = roleFor(GitHubRepository.of('acme/api', { ...ids, subjectFormat }).branch('main'));

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, {
        StringEquals: { [AUD]: STS, [REPOSITORY_ID]: '89012345', [OWNER_ID]: '1234567', [SUB]: subs.length === 1 ? subs[0] : subs },
      }),
    ]);
  });

  test('pinIds false: both forms, no id keys', () => {
    // WHEN
    const { role, federated } = roleFor(GitHubRepository.of('acme/api', { ...ids, pinIds: false }).branch('main'));

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, {
        StringEquals: { [AUD]: STS, [SUB]: ['repo:acme/api:ref:refs/heads/main', 'repo:acme@1234567/api@89012345:ref:refs/heads/main'] },
      }),
    ]);
  });

  test('whole owner with ownerId: the owner id pinned with StringEquals, both forms with StringLike', () => {
    // WHEN
    const { role, federated } = roleFor(GitHubOwner.of('acme', { ownerId: 1234567 }).environment('production'));

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, {
        StringEquals: { [AUD]: STS, [OWNER_ID]: '1234567' },
        StringLike: { [SUB]: ['repo:acme/*:environment:production', 'repo:acme@1234567/*:environment:production'] },
      }),
    ]);
  });
});

describe('grouping subjects into statements', () => {
  const repo = GitHubRepository.of('acme/api');

  test('exact and pattern subjects land in two statements, never AND-ed in one', () => {
    // WHEN
    const { role, federated } = roleFor(repo.branch('main'), repo.branch('release/*'), repo.tag('v1.0.0'), repo.tag('v*'));

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, { StringEquals: { [AUD]: STS, [SUB]: ['repo:acme/api:ref:refs/heads/main', 'repo:acme/api:ref:refs/tags/v1.0.0'] } }),
      webIdentity(federated, {
        StringEquals: { [AUD]: STS },
        StringLike: { [SUB]: ['repo:acme/api:ref:refs/heads/release/*', 'repo:acme/api:ref:refs/tags/v*'] },
      }),
    ]);
  });

  test('subjects with different pins land in separate statements', () => {
    // GIVEN
    const api = GitHubRepository.of('acme/api', { ownerId: 1234567, repositoryId: 1 });
    const web = GitHubRepository.of('acme/web', { ownerId: 1234567, repositoryId: 2 });
    const legacy = GitHubRepository.of('acme/legacy');

    // WHEN
    const { role, federated } = roleFor(api.branch('main'), web.branch('main'), legacy.branch('main'), api.environment('production'));

    // THEN: a token of acme/web can never borrow acme/api's repository_id
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, {
        StringEquals: {
          [AUD]: STS,
          [REPOSITORY_ID]: '1',
          [OWNER_ID]: '1234567',
          [SUB]: [
            'repo:acme/api:ref:refs/heads/main', 'repo:acme@1234567/api@1:ref:refs/heads/main',
            'repo:acme/api:environment:production', 'repo:acme@1234567/api@1:environment:production',
          ],
        },
      }),
      webIdentity(federated, {
        StringEquals: {
          [AUD]: STS,
          [REPOSITORY_ID]: '2',
          [OWNER_ID]: '1234567',
          [SUB]: ['repo:acme/web:ref:refs/heads/main', 'repo:acme@1234567/web@2:ref:refs/heads/main'],
        },
      }),
      webIdentity(federated, { StringEquals: { [AUD]: STS, [SUB]: 'repo:acme/legacy:ref:refs/heads/main' } }),
    ]);
  });

  test('a subject added later joins the statement of its group; a new group gets a new statement', () => {
    // GIVEN
    const { role, federated } = roleFor(repo.branch('main'));

    // WHEN
    role.addSubject(repo.environment('production'));
    role.addSubject(repo.branch('release/*'));

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, { StringEquals: { [AUD]: STS, [SUB]: ['repo:acme/api:ref:refs/heads/main', 'repo:acme/api:environment:production'] } }),
      webIdentity(federated, { StringEquals: { [AUD]: STS }, StringLike: { [SUB]: 'repo:acme/api:ref:refs/heads/release/*' } }),
    ]);
  });

  test('a subject added after a first synthesis still lands in the policy', () => {
    // GIVEN
    const { role, federated } = roleFor(repo.branch('main'));
    Stack.of(role).resolve(role.assumeRolePolicy);

    // WHEN
    role.addSubject(repo.branch('dev'));
    role.addSubject(repo.tag('v*'));

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, { StringEquals: { [AUD]: STS, [SUB]: ['repo:acme/api:ref:refs/heads/main', 'repo:acme/api:ref:refs/heads/dev'] } }),
      webIdentity(federated, { StringEquals: { [AUD]: STS }, StringLike: { [SUB]: 'repo:acme/api:ref:refs/tags/v*' } }),
    ]);
  });

  test('duplicate subjects are written once', () => {
    // WHEN
    const { role, federated } = roleFor(repo.branch('main'), GitHubRepository.of('acme/api').branch('main'), GitHubSubject.fromClaim('repo:acme/api:ref:refs/heads/main'));
    role.addSubject(repo.branch('main'));

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, { StringEquals: { [AUD]: STS, [SUB]: 'repo:acme/api:ref:refs/heads/main' } }),
    ]);
  });

  test('the policy minimizer (@aws-cdk/aws-iam:minimizePolicies) keeps exact and pattern subjects apart', () => {
    // GIVEN
    const stack = newStack(undefined, { '@aws-cdk/aws-iam:minimizePolicies': true });
    const provider = new GitHubOidcProvider(stack, 'GitHub');
    const other = GitHubRepository.of('acme/web', { repositoryId: 2 });

    // WHEN
    const role = new CiDeployRole(stack, 'DeployRole', {
      provider,
      subjects: [repo.branch('main'), repo.branch('release/*'), repo.pullRequest(), other.branch('main'), other.branch('release/*')],
    });

    // THEN
    const federated = refOf(provider);
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(federated, { StringEquals: { [AUD]: STS, [SUB]: ['repo:acme/api:ref:refs/heads/main', 'repo:acme/api:pull_request'] } }),
      webIdentity(federated, { StringEquals: { [AUD]: STS }, StringLike: { [SUB]: 'repo:acme/api:ref:refs/heads/release/*' } }),
      webIdentity(federated, { StringEquals: { [AUD]: STS, [REPOSITORY_ID]: '2', [SUB]: 'repo:acme/web:ref:refs/heads/main' } }),
      webIdentity(federated, { StringEquals: { [AUD]: STS, [REPOSITORY_ID]: '2' }, StringLike: { [SUB]: 'repo:acme/web:ref:refs/heads/release/*' } }),
    ]);
  });
});

describe('audience and issuer', () => {
  const subject = GitHubRepository.of('acme/api').branch('main');

  test('a role-level audience replaces the provider audience', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');

    // WHEN
    const role = new CiDeployRole(stack, 'DeployRole', { provider, subjects: [subject], audience: 'acme-deploy' });

    // THEN
    expect(role.principal.audience).toBe('acme-deploy');
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(refOf(provider), { StringEquals: { [AUD]: 'acme-deploy', [SUB]: 'repo:acme/api:ref:refs/heads/main' } }),
    ]);
  });

  test('the provider audience is the role default', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub', { audience: 'https://github.com/acme' });

    // WHEN
    const role = new CiDeployRole(stack, 'DeployRole', { provider, subjects: [subject] });

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(refOf(provider), { StringEquals: { [AUD]: 'https://github.com/acme', [SUB]: 'repo:acme/api:ref:refs/heads/main' } }),
    ]);
  });

  test('fails if the role audience is malformed', () => {
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');
    expect(() => new CiDeployRole(stack, 'DeployRole', { provider, subjects: [subject], audience: 'sts.*' })).toThrow(
      "Invalid audience 'sts.*': it must be 1 to 255 characters without spaces, wildcards or '${'. Allowed form: 1 to 255 such characters, e.g. 'sts.amazonaws.com'.",
    );
  });

  test('China region: the audience is sts.amazonaws.com.cn', () => {
    // GIVEN
    const stack = newStack({ env: { region: 'cn-north-1' } });
    const provider = new GitHubOidcProvider(stack, 'GitHub');

    // WHEN
    const role = new CiDeployRole(stack, 'DeployRole', { provider, subjects: [subject] });

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(refOf(provider), { StringEquals: { [AUD]: 'sts.amazonaws.com.cn', [SUB]: 'repo:acme/api:ref:refs/heads/main' } }),
    ]);
  });

  test('China region, imported provider: the audience is sts.amazonaws.com.cn too', () => {
    // GIVEN
    const stack = newStack({ env: { region: 'cn-northwest-1', account: '123456789012' } });
    const provider = GitHubOidcProvider.fromAccount(stack, 'GitHub');

    // WHEN
    const role = new CiDeployRole(stack, 'DeployRole', { provider, subjects: [subject] });

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::123456789012:oidc-provider/${GITHUB_ISSUER}`]] },
        { StringEquals: { [AUD]: 'sts.amazonaws.com.cn', [SUB]: 'repo:acme/api:ref:refs/heads/main' } },
      ),
    ]);
  });

  test('enterprise slug issuer: keys carry the slug path; ids may be pinned', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub', { issuer: GitHubIssuer.enterpriseCloud('acme-corp') });
    const prefix = `${GITHUB_ISSUER}/acme-corp`;

    // WHEN
    const role = new CiDeployRole(stack, 'DeployRole', {
      provider,
      subjects: [GitHubRepository.of('acme/api', { ownerId: 1234567, repositoryId: 89012345 }).environment('production')],
    });

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(refOf(provider), {
        StringEquals: {
          [`${prefix}:aud`]: STS,
          [`${prefix}:repository_id`]: '89012345',
          [`${prefix}:repository_owner_id`]: '1234567',
          [`${prefix}:sub`]: ['repo:acme/api:environment:production', 'repo:acme@1234567/api@89012345:environment:production'],
        },
      }),
    ]);
  });

  test.each([
    ['GHES', GitHubIssuer.enterpriseServer('github.example.com'), 'github.example.com/_services/token'],
    ['GHE.com', GitHubIssuer.dataResidency('octocorp'), 'token.actions.octocorp.ghe.com'],
  ])('%s issuer with pinIds false: keys carry its host, ids only in the subject', (_name, issuer, prefix) => {
    // GIVEN
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub', { issuer });

    // WHEN
    const role = new CiDeployRole(stack, 'DeployRole', {
      provider,
      subjects: [
        GitHubRepository.of('acme/api', { ownerId: 1234567, repositoryId: 89012345, pinIds: false }).branch('main'),
        GitHubOwner.of('acme', { ownerId: 1234567, pinIds: false }).environment('production'),
      ],
    });

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(refOf(provider), {
        StringEquals: { [`${prefix}:aud`]: STS, [`${prefix}:sub`]: ['repo:acme/api:ref:refs/heads/main', 'repo:acme@1234567/api@89012345:ref:refs/heads/main'] },
      }),
      webIdentity(refOf(provider), {
        StringEquals: { [`${prefix}:aud`]: STS },
        StringLike: { [`${prefix}:sub`]: ['repo:acme/*:environment:production', 'repo:acme@1234567/*:environment:production'] },
      }),
    ]);
  });

  test.each([
    ['GHES', GitHubIssuer.enterpriseServer('github.example.com'), 'github.example.com/_services/token'],
    ['GHE.com', GitHubIssuer.dataResidency('octocorp'), 'token.actions.octocorp.ghe.com'],
  ])('fails if ids are pinned for a %s issuer, naming pinIds', (_name, issuer, prefix) => {
    // GIVEN
    const stack = newStack();
    const provider: ICiOidcProvider = new GitHubOidcProvider(stack, 'GitHub', { issuer });

    // THEN
    expect(() => new CiDeployRole(stack, 'Repo', {
      provider, subjects: [GitHubRepository.of('acme/api', { ownerId: 1234567, repositoryId: 89012345 }).branch('main')],
    })).toThrow(
      `Invalid claim pin of subject 'acme/api, branch main' 'repository_owner_id = 1234567': IAM receives no '${prefix}:repository_owner_id' condition key ` +
      `from issuer '${prefix}' (it receives: aud, sub), so the role could never be assumed. ` +
      "Allowed form: set pinIds: false in GitHubRepository.of('acme/api') to use the ids only in the subject.",
    );
    expect(() => new CiDeployRole(stack, 'Owner', {
      provider, subjects: [GitHubOwner.of('acme', { ownerId: 1234567 }).branch('main')],
    })).toThrow(
      `Invalid claim pin of subject 'every repository of acme, branch main' 'repository_owner_id = 1234567': IAM receives no '${prefix}:repository_owner_id' condition key ` +
      `from issuer '${prefix}' (it receives: aud, sub), so the role could never be assumed. ` +
      "Allowed form: set pinIds: false in GitHubOwner.of('acme') to use the id only in the subject.",
    );
    expect(() => new CiDeployRole(stack, 'RepositoryIdOnly', {
      provider, subjects: [GitHubRepository.of('acme/api', { repositoryId: 89012345 }).branch('main')],
    })).toThrow(`Invalid claim pin of subject 'acme/api, branch main' 'repository_id = 89012345': IAM receives no '${prefix}:repository_id' condition key`);
  });

  test('an imported provider by ARN: its ARN is the principal', () => {
    // GIVEN
    const stack = newStack();
    const arn = `arn:aws:iam::123456789012:oidc-provider/${GITHUB_ISSUER}`;
    const provider = GitHubOidcProvider.fromOidcProviderArn(stack, 'GitHub', arn);

    // WHEN
    const role = new CiDeployRole(stack, 'DeployRole', { provider, subjects: [subject] });

    // THEN
    expect(trustStatementsOf(role)).toEqual([
      webIdentity(arn, { StringEquals: { [AUD]: STS, [SUB]: 'repo:acme/api:ref:refs/heads/main' } }),
    ]);
  });
});
