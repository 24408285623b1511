import { Template } from 'aws-cdk-lib/assertions';
import { decide, Decision, newStack, TrustPolicy, trustPolicyOf } from './iam-evaluator';
import { CiDeployRole } from '../../src';
import { resolveProvider, TemplateJson } from '../../src/audit/template-audit';
import { evaluateTrustPolicy } from '../../src/audit/trust-evaluation';
import { webIdentityRequest } from '../../src/audit/web-identity-request';
import { BITBUCKET_CASES } from '../fixtures/corpus/bitbucket';
import { BUILDKITE_CASES } from '../fixtures/corpus/buildkite';
import { CIRCLECI_CASES } from '../fixtures/corpus/circleci';
import { CorpusCase, CorpusRole } from '../fixtures/corpus/corpus-case';
import { GITHUB_ID_CASES } from '../fixtures/corpus/github-ids';
import { GITHUB_ISSUER_CASES } from '../fixtures/corpus/github-issuers';
import { GITHUB_REF_CASES } from '../fixtures/corpus/github-refs';
import { GITHUB_WORKFLOW_CASES } from '../fixtures/corpus/github-workflows';
import { GITLAB_CASES } from '../fixtures/corpus/gitlab';
import { HCP_TERRAFORM_CASES } from '../fixtures/corpus/hcp-terraform';

/**
 * The library's own trust evaluation (src/audit/trust-evaluation.ts, what `cdk-ci-oidc explain`
 * runs) against the independent IAM evaluator, on the whole corpus: every token of the corpus
 * presented to every role of the corpus, not only to the role it was written for. The library
 * reads the template as synthesized (unresolved references to providers, Fn::Join ARNs); the
 * independent evaluator gets the policy with those resolved in the simulated account.
 */
const CORPUS: CorpusCase[] = [
  ...GITHUB_REF_CASES, ...GITHUB_ISSUER_CASES, ...GITHUB_ID_CASES, ...GITHUB_WORKFLOW_CASES, ...GITLAB_CASES, ...CIRCLECI_CASES, ...BITBUCKET_CASES,
  ...HCP_TERRAFORM_CASES, ...BUILDKITE_CASES,
];

interface BuiltRole {
  readonly role: CorpusRole;
  readonly template: TemplateJson;
  readonly logicalId: string;
  readonly resolved: TrustPolicy;
}

const roles: BuiltRole[] = [...new Set(CORPUS.map((c) => c.role))].map((role) => {
  const stack = newStack();
  new CiDeployRole(stack, 'Role', role.props(stack));
  const template = Template.fromStack(stack).toJSON() as TemplateJson;
  const logicalId = Object.entries(template.Resources ?? {}).find(([, r]) => r.Type === 'AWS::IAM::Role')![0];
  return { role, template, logicalId, resolved: trustPolicyOf(stack) };
});

function libraryDecision(built: BuiltRole, token: Record<string, unknown>): string {
  const policy = built.template.Resources![built.logicalId].Properties!.AssumeRolePolicyDocument;
  const evaluation = evaluateTrustPolicy(policy, webIdentityRequest(token), (federated) =>
    resolveProvider({ stack: 'Stack', template: built.template }, federated));
  return evaluation.verdict === 'admitted' ? 'ALLOWED' : evaluation.verdict === 'refused' ? 'DENIED' : 'UNKNOWN';
}

describe('the library\'s trust evaluation agrees with the independent IAM evaluator', () => {
  test('the corpus has roles and tokens of every issuer family', () => {
    expect(roles.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CORPUS.map((c) => c.token.iss)).size).toBeGreaterThanOrEqual(6);
  });

  test.each(CORPUS.map((c) => [`${c.family}: ${c.role.name} <- ${c.name}`, c] as const))('on its own role: %s', (_title, c) => {
    const built = roles.find((r) => r.role === c.role)!;
    expect(libraryDecision(built, c.token)).toBe(c.expected);
    expect(decide(built.resolved, c.token)).toBe(c.expected);
  });

  test.each(roles.map((r) => [r.role.name, r] as const))('on every token of the corpus: %s', (_title, built) => {
    const disagreements: string[] = [];
    const decisions = new Set<Decision>();
    for (const c of CORPUS) {
      const independent = decide(built.resolved, c.token);
      decisions.add(independent);
      const library = libraryDecision(built, c.token);
      if (library !== independent) {
        disagreements.push(`${c.family}: ${c.name}: library ${library}, independent ${independent}`);
      }
    }
    expect(disagreements).toEqual([]);
    // Every role admits at least its own corpus tokens, and refuses most others: both answers are compared.
    expect(decisions).toEqual(new Set(['ALLOWED', 'DENIED']));
  });
});
