import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CiDeployRole, GitHubOidcProvider, GitHubRepository } from '../../src';
import { trustPolicySize } from '../../src/role/trust-policy-size';
import { GITHUB_ISSUER, newStack } from '../fixtures/github-stack';

const repo = GitHubRepository.of('acme/api');
const LONGEST_ARN = `arn:aws-us-gov:iam::123456789012:oidc-provider/${GITHUB_ISSUER}`;

/** Branch subjects `feature-001` ... `feature-<count>`, each 43 characters in the policy. */
function featureBranches(count: number) {
  return Array.from({ length: count }, (_, i) => repo.branch(`feature-${String(i + 1).padStart(3, '0')}`));
}

/**
 * The count the quota check uses, computed here on its own: the minified policy in UTF-8 bytes with
 * the provider ARN at its longest (IAM skips white space and counts characters: never more than this).
 */
function independentSize(role: CiDeployRole): number {
  const document = Stack.of(role).resolve(role.assumeRolePolicy);
  return Buffer.byteLength(JSON.stringify(document, (key, value) => (key === 'Federated' ? LONGEST_ARN : value)), 'utf8');
}

function overQuota(size: number, quota: number, subjects: number): string {
  return `The trust policy of 'TestStack/DeployRole' is ${size} characters, over the quota of ${quota} (${subjects} subjects). ` +
    'Use fewer subjects (a branch or tag pattern, an environment), split the role, ' +
    'or raise the account\'s "Role trust policy length" quota (at most 4096) and set trustPolicySizeQuota.';
}

function newRole(trustPolicySizeQuota?: number): CiDeployRole {
  const stack = newStack();
  return new CiDeployRole(stack, 'DeployRole', { provider: new GitHubOidcProvider(stack, 'GitHub'), trustPolicySizeQuota });
}

describe('trustPolicySize', () => {
  test('counts the minified JSON in UTF-8 bytes, white space inside values and non-ASCII bytes included', () => {
    const policy = { Statement: [{ Condition: { StringEquals: { k: 'Prod EU-\u00e9' } } }], Version: '2012-10-17' };
    const minified = '{"Statement":[{"Condition":{"StringEquals":{"k":"Prod EU-\u00e9"}}}],"Version":"2012-10-17"}';
    expect(trustPolicySize(policy, () => undefined)).toBe(minified.length + 1);
  });

  test('a document without statements counts as its JSON', () => {
    expect(trustPolicySize({ Version: '2012-10-17' }, () => undefined)).toBe('{"Version":"2012-10-17"}'.length);
  });

  test('a Federated expression of the provider counts as its longest ARN; a literal ARN as it is', () => {
    // GIVEN
    const ref = { Ref: 'GitHub' };
    const policy = (federated: unknown) => ({ Statement: [{ Principal: { Federated: federated } }] });
    const issuerOf = (expression: unknown) => (JSON.stringify(expression) === JSON.stringify(ref) ? GITHUB_ISSUER : undefined);

    // THEN
    expect(trustPolicySize(policy(ref), issuerOf)).toBe(JSON.stringify(policy(LONGEST_ARN)).length);
    expect(trustPolicySize(policy(ref), issuerOf, 'aws')).toBe(JSON.stringify(policy(`arn:aws:iam::123456789012:oidc-provider/${GITHUB_ISSUER}`)).length);
    expect(trustPolicySize(policy('arn:aws:iam::1:oidc-provider/x'), issuerOf)).toBe(JSON.stringify(policy('arn:aws:iam::1:oidc-provider/x')).length);
    expect(trustPolicySize(policy({ Ref: 'Other' }), issuerOf)).toBe(JSON.stringify(policy({ Ref: 'Other' })).length);
  });
});

describe('CiDeployRole trust-policy size check', () => {
  test('the role counts what IAM counts, with the provider ARN at its longest', () => {
    const role = newRole();
    featureBranches(5).forEach((s) => role.addSubject(s));
    role.addSubject(repo.environment('Prod EU'));
    expect(role.trustPolicySize).toBe(independentSize(role));
  });

  test('with a literal provider ARN the count is exact', () => {
    // GIVEN
    const stack = newStack();
    const arn = `arn:aws:iam::123456789012:oidc-provider/${GITHUB_ISSUER}`;
    const role = new CiDeployRole(stack, 'DeployRole', {
      provider: GitHubOidcProvider.fromOidcProviderArn(stack, 'GitHub', arn),
      subjects: featureBranches(3),
    });

    // THEN
    const logicalId = stack.getLogicalId(role.node.defaultChild as CfnElement);
    const document = Template.fromStack(stack).toJSON().Resources[logicalId].Properties.AssumeRolePolicyDocument;
    expect(role.trustPolicySize).toBe(JSON.stringify(document).length);
  });

  test.each([
    [39, 2048, undefined],
    [87, 4096, 4096],
  ])('%i subjects fit quota %i, one more fails', (lastToPass, quota, trustPolicySizeQuota) => {
    // GIVEN the last count that fits
    const fits = newRole(trustPolicySizeQuota);
    featureBranches(lastToPass).forEach((s) => fits.addSubject(s));
    const over = newRole(trustPolicySizeQuota);
    featureBranches(lastToPass + 1).forEach((s) => over.addSubject(s));

    // THEN
    expect(independentSize(fits)).toBeLessThanOrEqual(quota);
    expect(() => Template.fromStack(Stack.of(fits))).not.toThrow();
    expect(independentSize(over)).toBeGreaterThan(quota);
    expect(() => Template.fromStack(Stack.of(over))).toThrow(overQuota(independentSize(over), quota, lastToPass + 1));
  });

  test.each([[2048], [4096]])('quota %d: exactly the quota passes, one character more fails', (quota) => {
    // GIVEN subjects that leave room, then one branch padded to reach the quota exactly
    const build = (extra: number) => {
      const role = newRole(quota);
      featureBranches(quota === 2048 ? 38 : 86).forEach((s) => role.addSubject(s));
      const probe = newRole(quota);
      role.subjects.forEach((s) => probe.addSubject(s));
      probe.addSubject(repo.branch('x'));
      role.addSubject(repo.branch('x'.repeat(1 + quota - independentSize(probe) + extra)));
      return role;
    };
    const exact = build(0);
    const oneMore = build(1);

    // THEN
    expect(independentSize(exact)).toBe(quota);
    expect(() => Template.fromStack(Stack.of(exact))).not.toThrow();
    expect(independentSize(oneMore)).toBe(quota + 1);
    expect(() => Template.fromStack(Stack.of(oneMore))).toThrow(overQuota(quota + 1, quota, oneMore.subjects.length));
  });
});
