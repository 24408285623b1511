import { App, aws_iam as iam, Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { decide, Decision, TokenPayload, TrustPolicy, trustPoliciesOf } from './iam-evaluator';
import { CiOidcPrincipal, GitHubOidcProvider, GitHubRepository } from '../../src';
import { auditTrustPolicy } from '../../src/audit/trust-policy-audit';
import { gitHubOwner, gitHubRepository, lookAlikes, refName } from '../fixtures/generators';
import { gitHubToken } from '../fixtures/tokens/github-token';

/**
 * Properties over what the outside review replayed (issue 11): shared principals and
 * hand-written roles. The expected decision of each token comes from what it changes, never
 * from the library; for hand-written roles, the property is that whatever the evaluator lets
 * in from a foreign owner or for another audience is never silent in the audit.
 *
 * PROPERTY_RUNS scales the number of configurations.
 */

const SCALE = Number(process.env.PROPERTY_RUNS ?? '1');
const GH = 'token.actions.githubusercontent.com';
const GH_ARN = `arn:aws:iam::123456789012:oidc-provider/${GH}`;

let tokens = 0;
let roles = 0;
const started = Date.now();

function expectDecision(policy: TrustPolicy, token: TokenPayload, expected: Decision, change: string): void {
  tokens++;
  const got = decide(policy, token);
  if (got !== expected) {
    throw new Error(`${change}: expected ${expected}, got ${got}; sub ${token.sub}`);
  }
}

// --- shared principals ---

/** What a second role does to the principal it shares with the first. */
type SecondUse = 'externalIds' | 'sessionTags' | 'extraCondition' | 'widenedSub' | 'addSubjectAfterSharing' | 'plain';

interface SharedConfig {
  readonly owner: string;
  readonly repository: string;
  readonly branch: string;
  readonly use: SecondUse;
  readonly other: { owner: string; branch: string };
}

const sharedConfig: fc.Arbitrary<SharedConfig> = fc.record({
  owner: gitHubOwner,
  repository: gitHubRepository,
  branch: refName,
  use: fc.constantFrom<SecondUse>('externalIds', 'sessionTags', 'extraCondition', 'widenedSub', 'addSubjectAfterSharing', 'plain'),
  other: fc.record({ owner: gitHubOwner, branch: refName }),
});

/** The first role's trust policy, after the second role used the principal as `use` says. */
function sharedPolicy(config: SharedConfig): TrustPolicy {
  const stack = new Stack(new App(), 'Stack');
  const provider = new GitHubOidcProvider(stack, 'GitHub');
  const repo = GitHubRepository.of(`${config.owner}/${config.repository}`);
  const principal = new CiOidcPrincipal(provider, { subjects: [repo.branch(config.branch)] });
  new iam.Role(stack, 'First', { assumedBy: principal });
  roles++;
  const widen = { StringLike: { [`${GH}:sub`]: `repo:${config.owner}/*` } };
  switch (config.use) {
    case 'externalIds':
      new iam.Role(stack, 'Second', { assumedBy: principal, externalIds: ['ext'] });
      break;
    case 'sessionTags':
      new iam.Role(stack, 'Second', { assumedBy: principal.withSessionTags() });
      break;
    case 'extraCondition':
      new iam.Role(stack, 'Second', { assumedBy: principal.withConditions({ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }) });
      break;
    case 'widenedSub':
      expect(() => principal.withConditions(widen)).toThrow(`Invalid CiOidcPrincipal.withConditions() key '${GH}:sub'`);
      break;
    case 'addSubjectAfterSharing':
      new iam.Role(stack, 'Second', { assumedBy: principal });
      expect(() => principal.addSubject(GitHubRepository.of(`${config.owner}/${config.repository}`).pullRequest())).toThrow(') serves 2 trust policies, and one role\'s subject would change the trust of every role sharing it');
      break;
    case 'plain':
      new iam.Role(stack, 'Second', { assumedBy: principal });
      break;
  }
  const policies = trustPoliciesOf(stack);
  const first = Object.keys(policies).find((id) => id.startsWith('First'));
  return policies[first!];
}

// --- hand-written roles ---

interface HandWritten {
  readonly principal: unknown;
  readonly action: Record<string, unknown>;
  readonly sub: { operator: string; value: unknown } | undefined;
  readonly aud: { operator: string; value: unknown } | undefined;
}

const handWritten: fc.Arbitrary<HandWritten> = fc.record({
  principal: fc.constantFrom<unknown>({ Federated: GH_ARN }, { Federated: GH_ARN }, '*', { AWS: '*' }, { Federated: '*' }, { Federated: [GH_ARN, '*'] }),
  action: fc.constantFrom<Record<string, unknown>>(
    { Action: 'sts:AssumeRoleWithWebIdentity' }, { Action: 'sts:AssumeRoleWith*' }, { Action: 'sts:*' }, { Action: '*' },
    { NotAction: 'sts:AssumeRole' }, { NotAction: ['sts:TagSession'] },
  ),
  sub: fc.option(fc.record({
    operator: fc.constantFrom('StringEquals', 'StringLike', 'ForAnyValue:StringLike', 'StringLikeIfExists', 'StringNotEquals'),
    value: fc.constantFrom<unknown>(
      'repo:acme/api:ref:refs/heads/main', 'repo:acme/*', 'repo:acme*', 'repo:*', '*', `\${${GH}:sub}`, 'repo:acme/api:*',
      ['repo:acme/api:ref:refs/heads/main', 'repo:*:ref:refs/heads/main'], 'repository:acme/api*', 'repo:acme/api:ref:refs/heads/${aws:username}',
    ),
  }), { nil: undefined }),
  aud: fc.option(fc.record({
    operator: fc.constantFrom('StringEquals', 'StringLike', 'StringEqualsIfExists'),
    value: fc.constantFrom<unknown>('sts.amazonaws.com', 'sts.*', '*', `\${${GH}:aud}`),
  }), { nil: undefined }),
});

function handWrittenPolicy(role: HandWritten): TrustPolicy {
  const condition: Record<string, Record<string, unknown>> = {};
  for (const [claim, part] of [['sub', role.sub], ['aud', role.aud]] as const) {
    if (part !== undefined) {
      condition[part.operator] = { ...condition[part.operator], [`${GH}:${claim}`]: part.value };
    }
  }
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: role.principal, ...role.action, ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}) }],
  } as unknown as TrustPolicy;
}

describe('properties of hostile configurations', () => {
  test('a role sharing its principal keeps its own trust: the configured branch only, whatever the other role does', () => {
    fc.assert(fc.property(sharedConfig, (config) => {
      const policy = sharedPolicy(config);
      const repository = `${config.owner}/${config.repository}`;
      expectDecision(policy, gitHubToken({ repository, ref: `refs/heads/${config.branch}` }), 'ALLOWED', 'the configured branch');
      if (config.other.branch !== config.branch) {
        expectDecision(policy, gitHubToken({ repository, ref: `refs/heads/${config.other.branch}` }), 'DENIED', 'another branch');
      }
      expectDecision(policy, gitHubToken({ repository, event: 'pull_request', ref: 'refs/pull/1/merge', headRef: 'x', baseRef: config.branch, pullNumber: 1 }),
        'DENIED', 'a pull request (the subject the second role may try to add)');
      for (const lookAlike of lookAlikes(config.repository, 'other-repo')) {
        expectDecision(policy, gitHubToken({ repository: `${config.owner}/${lookAlike}`, ref: `refs/heads/${config.branch}` }), 'DENIED', 'another repository of the owner');
      }
      if (config.other.owner !== config.owner) {
        expectDecision(policy, gitHubToken({ repository: `${config.other.owner}/${config.repository}`, ref: `refs/heads/${config.branch}` }), 'DENIED', 'another owner');
      }
    }), { numRuns: 150 * SCALE });
  });

  test('a hand-written role that lets a foreign owner in, or another audience, is never silent in the audit', () => {
    fc.assert(fc.property(handWritten, (role) => {
      const policy = handWrittenPolicy(role);
      const audit = auditTrustPolicy({ rolePath: 'Stack/Role', trustPolicy: policy, adminReasons: [], resolveProvider: () => undefined });
      const errors = audit.findings.filter((f) => f.severity === 'error');
      const foreign = gitHubToken({ repository: 'evil/api', ref: 'refs/heads/main' });
      const otherAudience = gitHubToken({ repository: 'acme/api', ref: 'refs/heads/main', audience: 'https://vault.example.com' });
      const open = [foreign, otherAudience].filter((token) => {
        tokens++;
        return decide(policy, token) === 'ALLOWED';
      });
      tokens++;
      roles++;
      if (open.length > 0 && errors.length === 0) {
        throw new Error(`the evaluator lets ${open.map((t) => `${t.sub} (aud ${t.aud})`).join(', ')} in, and the audit reports no error: ${JSON.stringify(policy)}`);
      }
    }), { numRuns: 600 * SCALE });
  });

  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`hostile property tests: ${tokens} tokens decided for ${roles} roles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (SCALE >= 1) {
      expect(tokens).toBeGreaterThanOrEqual(2_000);
    }
  });
});
