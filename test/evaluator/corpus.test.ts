import { decide, Decision, newStack, requestContext, TrustPolicy, trustPolicyOf } from './iam-evaluator';
import { CiDeployRole } from '../../src';
import { BITBUCKET_CASES } from '../fixtures/corpus/bitbucket';
import { BUILDKITE_CASES } from '../fixtures/corpus/buildkite';
import { CIRCLECI_CASES } from '../fixtures/corpus/circleci';
import { CorpusCase, CorpusRole } from '../fixtures/corpus/corpus-case';
import { ESCAPE_HATCH_CASES } from '../fixtures/corpus/escape-hatches';
import { GENERIC_CASES } from '../fixtures/corpus/generic';
import { GITHUB_ID_CASES } from '../fixtures/corpus/github-ids';
import { GITHUB_ISSUER_CASES } from '../fixtures/corpus/github-issuers';
import { GITHUB_REF_CASES } from '../fixtures/corpus/github-refs';
import { GITHUB_WORKFLOW_CASES } from '../fixtures/corpus/github-workflows';
import { GITLAB_CASES } from '../fixtures/corpus/gitlab';
import { HCP_TERRAFORM_CASES } from '../fixtures/corpus/hcp-terraform';

/**
 * Every case of the corpus, decided by the IAM evaluator against the trust policy that the
 * library synthesizes for the case's role. The expected decisions are written by hand from
 * the platforms' and IAM's documented semantics (see each case's reason).
 */
const CORPUS: CorpusCase[] = [
  ...GITHUB_REF_CASES,
  ...GITHUB_ISSUER_CASES,
  ...GITHUB_ID_CASES,
  ...GITHUB_WORKFLOW_CASES,
  ...GITLAB_CASES,
  ...CIRCLECI_CASES,
  ...BITBUCKET_CASES,
  ...HCP_TERRAFORM_CASES,
  ...BUILDKITE_CASES,
  ...GENERIC_CASES,
  ...ESCAPE_HATCH_CASES,
];

const policies = new Map<CorpusRole, TrustPolicy>();
function policyOf(role: CorpusRole): TrustPolicy {
  let policy = policies.get(role);
  if (!policy) {
    const stack = newStack();
    new CiDeployRole(stack, 'Role', role.props(stack));
    policy = trustPolicyOf(stack);
    policies.set(role, policy);
  }
  return policy;
}

/** family -> expected -> got -> count */
const table = new Map<string, Record<string, number>>();
function record(familyName: string, expected: Decision, got: Decision): void {
  const row = table.get(familyName) ?? {};
  const cell = `${expected} -> ${got}`;
  row[cell] = (row[cell] ?? 0) + 1;
  table.set(familyName, row);
}

describe('evaluation corpus', () => {
  test('has at least 80 cases, with unique names, and both decisions', () => {
    const names = CORPUS.map((c) => `${c.family}: ${c.role.name} <- ${c.name}`);
    expect(CORPUS.length).toBeGreaterThanOrEqual(80);
    expect(new Set(names).size).toBe(names.length);
    expect(CORPUS.filter((c) => c.expected === 'ALLOWED').length).toBeGreaterThan(0);
    expect(CORPUS.filter((c) => c.expected === 'DENIED').length).toBeGreaterThan(0);
  });

  test.each(CORPUS.map((c) => [`${c.family}: ${c.role.name} <- ${c.name}`, c] as const))('%s', (_title, c) => {
    const got = decide(policyOf(c.role), c.token);
    record(c.family, c.expected, got);
    if (got !== c.expected) {
      throw new Error(
        `expected ${c.expected}, got ${got}\n  why: ${c.why}\n  role: ${c.role.name}\n  context: ${JSON.stringify(requestContext(c.token), null, 2)}\n` +
        `  trust policy: ${JSON.stringify(policyOf(c.role), null, 2)}`,
      );
    }
  });

  afterAll(() => {
    // The decision table by family, for the record of a CI run.
    const lines = [...table.entries()].map(([name, row]) =>
      `${name.padEnd(44)} ${Object.entries(row).sort().map(([cell, count]) => `${cell}: ${count}`).join(', ')}`);
    // eslint-disable-next-line no-console
    console.log(`corpus: ${CORPUS.length} cases, ${policies.size} roles\n${lines.join('\n')}`);
  });
});
