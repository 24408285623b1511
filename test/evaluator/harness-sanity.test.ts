import * as fc from 'fast-check';
import { decide, engineComparisons, evaluate, newStack, originalComparisons, providerArn, requestContext, TokenPayload, TrustPolicy, trustPolicyOf } from './iam-evaluator';
import { CiDeployRole, GitHubIssuer, GitHubOidcProvider, GitHubRepository } from '../../src';
import { enterpriseServerIssuer, gitHubToken } from '../fixtures/tokens/github-token';

/**
 * The harness must be able to say ALLOWED to a bad policy, or its DENIED verdicts on the
 * library's roles prove nothing. These policies are written by hand, with the mistakes
 * people make, and must come out the way IAM decides them.
 */

const ISSUER = 'token.actions.githubusercontent.com';
const GITHUB = providerArn(ISSUER);

function policy(condition?: Record<string, Record<string, unknown>>, federated = GITHUB): TrustPolicy {
  return {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Federated: federated },
      Action: 'sts:AssumeRoleWithWebIdentity',
      ...(condition ? { Condition: condition } : {}),
    }],
  };
}

const AUD = { [`${ISSUER}:aud`]: 'sts.amazonaws.com' };
const OWN_MAIN = gitHubToken({ repository: 'acme/api', ref: 'refs/heads/main' });
const FOREIGN_MAIN = gitHubToken({ repository: 'mallory/api', ref: 'refs/heads/main' });

describe('the harness is not vacuous', () => {
  test('a policy without a sub condition admits a foreign repository', () => {
    // GIVEN the most common mistake: only the audience is checked
    const onlyAudience = policy({ StringEquals: AUD });

    // THEN any repository on github.com gets in
    expect(decide(onlyAudience, FOREIGN_MAIN)).toBe('ALLOWED');
    expect(decide(onlyAudience, gitHubToken({ repository: 'mallory/anything', event: 'pull_request' }))).toBe('ALLOWED');
  });

  test('a policy without any condition admits a foreign repository', () => {
    expect(decide(policy(), FOREIGN_MAIN)).toBe('ALLOWED');
  });

  test('a correct policy admits its own token and nothing else', () => {
    // GIVEN
    const exact = policy({ StringEquals: { ...AUD, [`${ISSUER}:sub`]: 'repo:acme/api:ref:refs/heads/main' } });

    // THEN
    expect(decide(exact, OWN_MAIN)).toBe('ALLOWED');
    expect(decide(exact, FOREIGN_MAIN)).toBe('DENIED');
    expect(decide(exact, gitHubToken({ repository: 'acme/api', ref: 'refs/heads/main', audience: 'https://github.com/acme' }))).toBe('DENIED');
  });

  test('the token selects the provider: a policy for github.com denies a GHES token with the same sub', () => {
    // GIVEN a GHES token whose claims are word for word those of the github.com token
    const exact = policy({ StringEquals: { ...AUD, [`${ISSUER}:sub`]: 'repo:acme/api:ref:refs/heads/main' } });
    const ghes = gitHubToken({ repository: 'acme/api', issuer: enterpriseServerIssuer('github.example.com') });

    // THEN the request comes from another provider, with other condition keys
    expect(ghes.sub).toBe(OWN_MAIN.sub);
    expect(decide(exact, ghes)).toBe('DENIED');
    // and the same policy written for the GHES provider admits it
    const forGhes = policy({
      StringEquals: { 'github.example.com/_services/token:aud': 'sts.amazonaws.com', 'github.example.com/_services/token:sub': 'repo:acme/api:ref:refs/heads/main' },
    }, providerArn('github.example.com/_services/token'));
    expect(decide(forGhes, ghes)).toBe('ALLOWED');
  });
});

describe('wrong operators misbehave the way IAM does', () => {
  test('StringLike with a wildcard right after the owner name admits another owner (acme-evil)', () => {
    const prefix = policy({ StringEquals: AUD, StringLike: { [`${ISSUER}:sub`]: 'repo:acme*' } });
    expect(decide(prefix, gitHubToken({ repository: 'acme-evil/api' }))).toBe('ALLOWED');
    // while the fixed part ending with '/' does not
    const owner = policy({ StringEquals: AUD, StringLike: { [`${ISSUER}:sub`]: 'repo:acme/*' } });
    expect(decide(owner, gitHubToken({ repository: 'acme-evil/api' }))).toBe('DENIED');
    expect(decide(owner, OWN_MAIN)).toBe('ALLOWED');
  });

  test('StringLike "*" matches "/" too: release/* admits release/a/b', () => {
    const releases = policy({ StringEquals: AUD, StringLike: { [`${ISSUER}:sub`]: 'repo:acme/api:ref:refs/heads/release/*' } });
    expect(decide(releases, gitHubToken({ repository: 'acme/api', ref: 'refs/heads/release/a/b' }))).toBe('ALLOWED');
  });

  test('StringEquals with a pattern compares the "*" literally: the role admits no real token', () => {
    const literalStar = policy({ StringEquals: { ...AUD, [`${ISSUER}:sub`]: 'repo:acme/api:*' } });
    expect(decide(literalStar, OWN_MAIN)).toBe('DENIED');
    expect(decide(literalStar, gitHubToken({ repository: 'acme/api', ref: 'refs/tags/v1' }))).toBe('DENIED');
  });

  test('StringEqualsIgnoreCase admits a case variant that StringEquals refuses', () => {
    const variant = { ...OWN_MAIN, sub: 'repo:ACME/API:ref:refs/heads/main' };
    const ignoreCase = policy({ StringEquals: AUD, StringEqualsIgnoreCase: { [`${ISSUER}:sub`]: 'repo:acme/api:ref:refs/heads/main' } });
    const exact = policy({ StringEquals: { ...AUD, [`${ISSUER}:sub`]: 'repo:acme/api:ref:refs/heads/main' } });
    expect(decide(ignoreCase, variant)).toBe('ALLOWED');
    expect(decide(exact, variant)).toBe('DENIED');
  });

  test('...IfExists on a claim the job does not send is skipped: a job without an environment gets in', () => {
    const ifExists = policy({
      StringEquals: AUD,
      StringEqualsIfExists: { [`${ISSUER}:environment`]: 'production' },
      StringLike: { [`${ISSUER}:sub`]: 'repo:acme/api:*' },
    });
    expect(decide(ifExists, gitHubToken({ repository: 'acme/api', ref: 'refs/heads/feature' }))).toBe('ALLOWED');
    expect(decide(ifExists, gitHubToken({ repository: 'acme/api', environment: 'staging' }))).toBe('DENIED');
  });

  test('ForAllValues on a key that the issuer never sends is vacuously true: any GHES repository gets in', () => {
    const ghesIssuer = 'github.example.com/_services/token';
    const forAll = policy({
      'StringEquals': { [`${ghesIssuer}:aud`]: 'sts.amazonaws.com' },
      'ForAllValues:StringEquals': { [`${ghesIssuer}:repository_id`]: '42' },
    }, providerArn(ghesIssuer));
    const token = gitHubToken({ repository: 'mallory/api', issuer: enterpriseServerIssuer('github.example.com') });
    expect(requestContext(token)).not.toHaveProperty(`${ghesIssuer}:repository_id`);
    expect(decide(forAll, token)).toBe('ALLOWED');
  });

  test('a deny-list (StringNotEquals) admits every repository it does not name', () => {
    const denyList = policy({ StringEquals: AUD, StringNotEquals: { [`${ISSUER}:sub`]: 'repo:mallory/api:ref:refs/heads/main' } });
    expect(decide(denyList, gitHubToken({ repository: 'eve/api' }))).toBe('ALLOWED');
    expect(decide(denyList, FOREIGN_MAIN)).toBe('DENIED');
  });

  test('a condition on a key IAM never receives for the issuer makes the role unusable', () => {
    // GitHub Enterprise Server: STS passes aud and sub only.
    const ghesIssuer = 'github.example.com/_services/token';
    const pinned = policy({
      StringEquals: { [`${ghesIssuer}:aud`]: 'sts.amazonaws.com', [`${ghesIssuer}:sub`]: 'repo:acme/api:ref:refs/heads/main', [`${ghesIssuer}:repository_id`]: '42' },
    }, providerArn(ghesIssuer));
    expect(decide(pinned, gitHubToken({ repository: 'acme/api', repositoryId: 42, issuer: enterpriseServerIssuer('github.example.com') }))).toBe('DENIED');
  });

  test('engine deviation, documented: an unknown operator is "no match" here; IAM refuses to save such a policy', () => {
    // Both fail closed, for different reasons: the engine does not validate policy grammar.
    const typo = policy({ StringEqual: { ...AUD, [`${ISSUER}:sub`]: 'repo:acme/api:ref:refs/heads/main' } });
    expect(evaluate(typo, OWN_MAIN)).toBe('ImplicitlyDenied');
  });

  test('condition key names are case-insensitive, values are not', () => {
    const upperKey = policy({ StringEquals: { 'Token.Actions.GitHubUserContent.com:AUD': 'sts.amazonaws.com', 'TOKEN.ACTIONS.GITHUBUSERCONTENT.COM:SUB': 'repo:acme/api:ref:refs/heads/main' } });
    expect(decide(upperKey, OWN_MAIN)).toBe('ALLOWED');
    expect(decide(upperKey, { ...OWN_MAIN, sub: 'repo:acme/API:ref:refs/heads/main' } as TokenPayload)).toBe('DENIED');
  });
});

describe('roles synthesized by the library', () => {
  test('a created provider is resolved from its Url, an imported one from the ARN expression', () => {
    // GIVEN a role on a created github.com provider and one on an imported GHES provider
    const created = newStack('Created');
    new CiDeployRole(created, 'Role', {
      provider: new GitHubOidcProvider(created, 'GitHub'),
      subjects: [GitHubRepository.of('acme/api').branch('main')],
    });
    const imported = newStack('Imported');
    new CiDeployRole(imported, 'Role', {
      provider: GitHubOidcProvider.fromAccount(imported, 'Ghes', { issuer: GitHubIssuer.enterpriseServer('github.example.com') }),
      subjects: [GitHubRepository.of('acme/api').branch('main')],
    });

    // THEN each admits the token of its own issuer only
    const ghesToken = gitHubToken({ repository: 'acme/api', issuer: enterpriseServerIssuer('github.example.com') });
    expect(decide(trustPolicyOf(created), OWN_MAIN)).toBe('ALLOWED');
    expect(decide(trustPolicyOf(created), ghesToken)).toBe('DENIED');
    expect(decide(trustPolicyOf(imported), ghesToken)).toBe('ALLOWED');
    expect(decide(trustPolicyOf(imported), OWN_MAIN)).toBe('DENIED');
    expect(trustPolicyOf(imported).Statement[0].Principal).toEqual({ Federated: providerArn('github.example.com/_services/token') });
  });
});

describe("the engine's comparisons with one collator", () => {
  // Names the engine compares, and characters whose case or accent folding differs between locales and forms.
  const NAMES = ['StringEquals', 'StringLike', 'IfExists', 'ForAllValues', 'ForAnyValue', 'Null', 'Bool'];
  const text = fc.oneof(
    fc.constantFrom(...NAMES, ...NAMES.map((name) => name.toLowerCase()), ...NAMES.map((name) => name.toUpperCase())),
    fc.array(fc.constantFrom('a', 'A', 'á', 'Á', 'e', 'é', 'i', 'I', 'ı', 'İ', 's', 'S', 'ß', 'ẞ', 'f', 'ﬀ', 'x', '-', ' ', 'Ⅰ', 'ⅰ'), { maxLength: 6 })
      .map((characters) => characters.join('')),
  );

  test('answer as iam-policy\'s own do, on the names it compares and on folding pitfalls', () => {
    // GIVEN the harness has replaced the engine's comparisons
    expect(engineComparisons.caseInsensitiveEquals).not.toBe(originalComparisons.caseInsensitiveEquals);
    const answers = { equal: 0, different: 0 };

    // THEN every pair compares as the originals compare it, and both answers occur
    fc.assert(fc.property(text, text, fc.constantFrom(...NAMES, ''), (first, second, suffix) => {
      const equal = engineComparisons.caseInsensitiveEquals(first, second);
      answers[equal ? 'equal' : 'different']++;
      const endsAlike = (value: string): boolean =>
        engineComparisons.caseInsensitiveEndsWith(value, suffix) === originalComparisons.caseInsensitiveEndsWith(value, suffix);
      return equal === originalComparisons.caseInsensitiveEquals(first, second)
        && engineComparisons.caseInsensitiveEquals(second, first) === originalComparisons.caseInsensitiveEquals(second, first)
        && endsAlike(first + second) && endsAlike(first + suffix.toUpperCase()) && endsAlike(first + suffix);
    }), { numRuns: 3000 });
    expect(answers.equal).toBeGreaterThan(100);
    expect(answers.different).toBeGreaterThan(100);
  });
});
