import { evaluateTrustPolicy, TrustEvaluation } from '../../src/audit/trust-evaluation';
import { trustRequirements } from '../../src/audit/trust-requirements';
import { webIdentityRequest } from '../../src/audit/web-identity-request';
import { gitHubToken } from '../fixtures/tokens/github-token';
import { gitLabToken } from '../fixtures/tokens/gitlab-token';

/** What the evaluation cannot decide from a token is "unknown", never guessed; and what the reverse reading says. */
const GH = 'token.actions.githubusercontent.com';
const ARN = `arn:aws:iam::123456789012:oidc-provider/${GH}`;
const token = gitHubToken({ repository: 'acme/api' });
const aud = { [`${GH}:aud`]: 'sts.amazonaws.com' };

function evaluate(
  statement: Record<string, unknown>, claims: Record<string, unknown> = token, resolve?: (f: unknown) => string | undefined,
): TrustEvaluation {
  return evaluateTrustPolicy({ Statement: [{ Effect: 'Allow', Principal: { Federated: ARN }, Action: 'sts:AssumeRoleWithWebIdentity', ...statement }] },
    webIdentityRequest(claims), resolve);
}

describe('trust evaluation: what the token cannot tell', () => {
  test.each([
    ['a Condition block that is an expression', { Condition: { 'Fn::If': ['IsProd', {}, {}] } }, 'the Condition block is a CloudFormation expression'],
    ['an operator block that is no object', { Condition: { StringEquals: 'x' } }, 'the StringEquals block is no object of keys'],
    ['a value that is an expression', { Condition: { StringEquals: { ...aud, [`${GH}:sub`]: { Ref: 'Subject' } } } }, 'its value is a CloudFormation expression'],
    ['a policy variable', { Condition: { StringLike: { [`${GH}:sub`]: 'repo:${aws:username}/*' } } }, 'its value holds a policy variable (${...})'],
    ['a global key', { Condition: { StringEquals: { ...aud, 'sts:RoleSessionName': 'deploy' } } }, "'sts:RoleSessionName' is a request key that the token does not tell"],
    ['a numeric operator', { Condition: { NumericLessThan: { [`${GH}:run_number`]: '10' } } }, 'the operator NumericLessThan is not evaluated here (only the string operators and Null)'],
    ['actions that are an expression', { Action: { Ref: 'Action' } }, 'the actions are a CloudFormation expression'],
    ['a provider that cannot be read', { Principal: { Federated: { 'Fn::ImportValue': 'Provider' } } }, 'the provider ${Import:Provider} cannot be read from the assembly'],
  ])('%s is unknown', (_name, statement, why) => {
    const evaluation = evaluate(statement);
    expect(evaluation.verdict).toBe('unknown');
    const checks = [evaluation.statements[0].principal, evaluation.statements[0].action, ...evaluation.statements[0].conditions];
    expect(checks.filter((c) => c.result === 'unknown').map((c) => c.why)).toEqual([why]);
  });

  test('a claim that is a list cannot be compared as a string', () => {
    const evaluation = evaluate({ Condition: { StringEquals: aud } }, { ...token, aud: ['sts.amazonaws.com', 'other'] });
    expect(evaluation.verdict).toBe('unknown');
    expect(evaluation.statements[0].conditions[0].why).toBe(`the token's claim for '${GH}:aud' is a list or an object`);
  });

  test('an unknown Allow and a refusing one decide nothing; a failing check wins over an unknown one', () => {
    const unknownOnly = evaluate({ Condition: { StringEquals: { ...aud, 'aws:SourceIp': '1' } } });
    expect(unknownOnly.reason).toBe('the decision depends on Statement[0], which cannot be evaluated from the token alone');
    const failed = evaluate({ Condition: { StringEquals: { [`${GH}:aud`]: 'other', 'aws:SourceIp': '1' } } });
    expect(failed.verdict).toBe('refused');
  });

  test('a Deny that cannot be decided leaves an admitted token undecided', () => {
    const evaluation = evaluateTrustPolicy({
      Statement: [
        { Effect: 'Allow', Principal: { Federated: ARN }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: aud } },
        { Effect: 'Deny', Principal: '*', Action: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
      ],
    }, webIdentityRequest(token));
    expect(evaluation).toMatchObject({ verdict: 'unknown', reason: 'the decision depends on Statement[1], which cannot be evaluated from the token alone' });
  });

  test('a provider reference is read through the resolver', () => {
    const evaluation = evaluate({ Principal: { Federated: { Ref: 'GitHub' } }, Condition: { StringEquals: aud } }, token, () => `https://${GH}`);
    expect(evaluation.verdict).toBe('admitted');
  });

  test('NotPrincipal naming the token\'s provider excludes it', () => {
    const evaluation = evaluate({ Principal: undefined, NotPrincipal: { Federated: ARN }, Condition: { StringEquals: aud } });
    expect(evaluation.statements[0].principal).toEqual({ result: 'failed', why: `NotPrincipal: the statement trusts the token's provider '${GH}'` });
  });

  test('a statement without a principal applies to nobody', () => {
    const evaluation = evaluate({ Principal: undefined });
    expect(evaluation.statements[0].principal).toEqual({ result: 'failed', why: 'the statement names no principal' });
  });
});

describe('trust requirements: what a role wants', () => {
  test('names the claims, reads the subjects and flags keys no token of the provider carries', () => {
    const requirements = trustRequirements({
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: ARN },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { ...aud, [`${GH}:event_name`]: 'push', 'gitlab.com:ref_protected': 'true' },
          StringLike: { [`${GH}:sub`]: 'repo:acme/api:ref:refs/tags/v*' },
        },
      }, { Effect: 'Deny', Principal: { Federated: { Ref: 'Unknown' } }, Action: 'sts:AssumeRoleWithWebIdentity' }],
    }, () => undefined);
    expect(requirements).toEqual([{
      index: 0,
      effect: 'Allow',
      provider: GH,
      issuerFamily: 'github.com',
      conditions: [
        { operator: 'StringEquals', key: `${GH}:aud`, claim: 'aud', values: ['sts.amazonaws.com'], descriptions: undefined, neverPresent: undefined },
        {
          operator: 'StringEquals',
          key: `${GH}:event_name`,
          claim: 'event_name',
          values: ['push'],
          descriptions: undefined,
          neverPresent: "STS does not pass the claim 'event_name' for github.com (only aud, sub, repository, repository_id, repository_owner_id, " +
            'job_workflow_ref, ref, environment, workflow, actor, actor_id, enterprise_id)',
        },
        {
          operator: 'StringEquals',
          key: 'gitlab.com:ref_protected',
          claim: undefined,
          values: ['true'],
          descriptions: undefined,
          neverPresent: `the key names the issuer 'gitlab.com', but the statement trusts '${GH}': its tokens never carry it`,
        },
        { operator: 'StringLike', key: `${GH}:sub`, claim: 'sub', values: ['repo:acme/api:ref:refs/tags/v*'], descriptions: ['acme/api, tag v*'], neverPresent: undefined },
      ],
    }, { index: 1, effect: 'Deny', provider: '${Unknown}', issuerFamily: undefined, conditions: [] }]);
  });

  test('a self-managed GitLab issuer is known from the options', () => {
    const issuer = 'gitlab.example.com';
    const statement = { Effect: 'Allow', Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${issuer}` }, Condition: { StringEquals: { [`${issuer}:project_id`]: '1' } } };
    const [requirements] = trustRequirements({ Statement: [statement] }, () => undefined, { gitLabIssuers: [issuer] });
    expect(requirements.issuerFamily).toBe('self-managed GitLab');
    expect(requirements.conditions[0].neverPresent).toBe("STS does not pass the claim 'project_id' for self-managed GitLab (only aud, sub)");
    // and a token of that issuer has aud and sub only
    const request = webIdentityRequest(gitLabToken({ project: 'acme/api', issuer: `https://${issuer}` }), { gitLabIssuers: [issuer] });
    expect([...request.keys.keys()]).toEqual([`${issuer}:aud`, `${issuer}:sub`]);
  });
});
