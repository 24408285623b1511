import { evaluateTrustPolicy } from '../../src/audit/trust-evaluation';
import { webIdentityRequest } from '../../src/audit/web-identity-request';
import { decide, providerArn, TrustPolicy } from '../evaluator/iam-evaluator';
import { gitHubToken } from '../fixtures/tokens/github-token';
import { gitLabToken } from '../fixtures/tokens/gitlab-token';

/**
 * Hand-written trust policies with the operators the audit knows (negated, IgnoreCase,
 * IfExists, the set operators, Null) and Deny statements: the library's evaluation must
 * reach the independent evaluator's decision for every token, and never "unknown".
 */
const GH = 'token.actions.githubusercontent.com';

interface Statement {
  readonly effect?: string;
  readonly issuer?: string;
  readonly condition: Record<string, Record<string, string | string[]>>;
}

function policy(...statements: Statement[]): TrustPolicy {
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      Effect: s.effect ?? 'Allow',
      Principal: { Federated: providerArn(s.issuer ?? GH) },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: s.condition,
    })),
  };
}

const aud = { [`${GH}:aud`]: 'sts.amazonaws.com' };
const mainSub = { [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main' };

/** One statement with the principal and action written out. */
function raw(
  principal: unknown, action: Record<string, unknown>, condition: Record<string, unknown> = { StringEquals: { ...aud, ...mainSub } },
): TrustPolicy {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, ...action, Condition: condition }] };
}

const POLICIES: Array<[string, TrustPolicy]> = [
  ['StringNotLike on sub', policy({ condition: { StringEquals: aud, StringNotLike: { [`${GH}:sub`]: 'repo:acme/api:pull_request' } } })],
  ['StringNotEquals on a claim no token has', policy({ condition: { StringEquals: aud, StringNotEquals: { [`${GH}:environment`]: 'production' } } })],
  ['StringEqualsIgnoreCase on sub', policy({ condition: { StringEquals: aud, StringEqualsIgnoreCase: { [`${GH}:sub`]: 'REPO:ACME/API:REF:REFS/HEADS/MAIN' } } })],
  ['StringNotEqualsIgnoreCase on repository', policy({ condition: { StringEquals: aud, StringNotEqualsIgnoreCase: { [`${GH}:repository`]: 'ACME/API' } } })],
  ['StringEqualsIfExists on environment', policy({ condition: { StringEquals: aud, StringEqualsIfExists: { [`${GH}:environment`]: 'production' } } })],
  ['StringLikeIfExists on a key STS does not pass', policy({ condition: { StringEquals: aud, StringLikeIfExists: { [`${GH}:event_name`]: 'push' } } })],
  ['ForAllValues:StringLike on sub', policy({ condition: { 'StringEquals': aud, 'ForAllValues:StringLike': { [`${GH}:sub`]: 'repo:acme/*' } } })],
  ['ForAllValues:StringEquals on a missing key', policy({ condition: { 'StringEquals': aud, 'ForAllValues:StringEquals': { [`${GH}:environment`]: 'production' } } })],
  ['ForAnyValue:StringEquals on ref', policy({ condition: { 'StringEquals': aud, 'ForAnyValue:StringEquals': { [`${GH}:ref`]: ['refs/heads/main', 'refs/heads/release'] } } })],
  ['ForAnyValue:StringLike on a missing key', policy({ condition: { 'StringEquals': aud, 'ForAnyValue:StringLike': { [`${GH}:environment`]: '*' } } })],
  ['Null true on environment', policy({ condition: { StringEquals: aud, Null: { [`${GH}:environment`]: 'true' } } })],
  ['Null false on environment', policy({ condition: { StringEquals: aud, Null: { [`${GH}:environment`]: 'false' } } })],
  ['Allow every branch, Deny one', policy(
    { condition: { StringEquals: aud, StringLike: { [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/*' } } },
    { effect: 'Deny', condition: { StringEquals: { [`${GH}:ref`]: 'refs/heads/experiment' } } },
  )],
  ['Deny without conditions', policy({ condition: { StringEquals: aud } }, { effect: 'Deny', condition: {} })],
  ['keys of another issuer', policy({ condition: { StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com', 'gitlab.com:sub': 'repo:acme/api:ref:refs/heads/main' } } })],
  ['Principal "*"', raw('*', { Action: 'sts:AssumeRoleWithWebIdentity' })],
  ['Principal {"AWS": "*"}', raw({ AWS: '*' }, { Action: 'sts:AssumeRoleWithWebIdentity' })],
  ['a service principal', raw({ Service: 'lambda.amazonaws.com' }, { Action: 'sts:AssumeRoleWithWebIdentity' })],
  ['Action sts:*', raw({ Federated: providerArn(GH) }, { Action: 'sts:*' })],
  ['Action sts:AssumeRole only', raw({ Federated: providerArn(GH) }, { Action: ['sts:AssumeRole', 'sts:TagSession'] })],
  ['NotAction sts:AssumeRole', raw({ Federated: providerArn(GH) }, { NotAction: 'sts:AssumeRole' })],
  ['NotAction sts:AssumeRoleWith*', raw({ Federated: providerArn(GH) }, { NotAction: 'sts:AssumeRoleWith*' })],
  ['two providers in one principal', raw({ Federated: [providerArn('gitlab.com'), providerArn(GH)] }, { Action: 'sts:AssumeRoleWithWebIdentity' })],
  ['a GitLab Allow and a GitHub Allow', policy(
    { issuer: 'gitlab.com', condition: { StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com', 'gitlab.com:ref_protected': 'true' } } },
    { condition: { StringEquals: aud, StringLike: { [`${GH}:sub`]: 'repo:acme/*:environment:*' } } },
  )],
];

const TOKENS: Array<[string, Record<string, unknown>]> = [
  ['acme/api main', gitHubToken({ repository: 'acme/api' })],
  ['acme/api production', gitHubToken({ repository: 'acme/api', environment: 'production' })],
  ['acme/api staging', gitHubToken({ repository: 'acme/api', environment: 'staging' })],
  ['acme/api pull request', gitHubToken({ repository: 'acme/api', event: 'pull_request' })],
  ['acme/api experiment', gitHubToken({ repository: 'acme/api', ref: 'refs/heads/experiment' })],
  ['ACME/Api release (other case)', gitHubToken({ repository: 'ACME/Api', ref: 'refs/heads/release' })],
  ['acme-evil/api main', gitHubToken({ repository: 'acme-evil/api' })],
  ['acme/api main, other audience', gitHubToken({ repository: 'acme/api', audience: 'https://github.com/acme' })],
  ['gitlab protected main', gitLabToken({ project: 'acme/api', ref: 'main', refProtected: true })],
  ['gitlab unprotected branch', gitLabToken({ project: 'acme/api', ref: 'dev', refProtected: false })],
];

describe('trust evaluation of operators and Deny statements', () => {
  test.each(POLICIES)('%s', (_name, trustPolicy) => {
    const results = TOKENS.map(([tokenName, token]) => {
      const evaluation = evaluateTrustPolicy(trustPolicy, webIdentityRequest(token));
      const library = evaluation.verdict === 'admitted' ? 'ALLOWED' : evaluation.verdict === 'refused' ? 'DENIED' : 'UNKNOWN';
      return `${tokenName}: ${library}`;
    });
    const independent = TOKENS.map(([tokenName, token]) => `${tokenName}: ${decide(trustPolicy, token)}`);
    expect(results).toEqual(independent);
  });

  test('the policies are decided both ways across the tokens, but those that admit nothing', () => {
    // Guards the test above against policies that admit nothing (or everything) by mistake.
    const oneSided = POLICIES
      .filter(([, trustPolicy]) => new Set(TOKENS.map(([, token]) => decide(trustPolicy, token))).size !== 2)
      .map(([name]) => name);
    expect(oneSided).toEqual([
      'Deny without conditions', 'keys of another issuer', 'a service principal', 'Action sts:AssumeRole only', 'NotAction sts:AssumeRoleWith*',
    ]);
  });
});
