import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CiOidcGuardrail, CiOidcGuardrailPolicy } from '../../src';
import { evaluateWithRcp } from '../evaluator/control-policy-evaluator';
import { TrustPolicy } from '../evaluator/iam-evaluator';
import { gitHubToken } from '../fixtures/tokens/github-token';
import { gitLabToken } from '../fixtures/tokens/gitlab-token';

const GH = 'token.actions.githubusercontent.com';
const ACME = 1234567;

/** A careless role of a member account: any github.com repository and any gitlab.com project may assume it. */
const CARELESS: TrustPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${GH}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:*' } },
    },
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/gitlab.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com' }, StringLike: { 'gitlab.com:sub': 'project_path:*' } },
    },
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/gitlab.example.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'gitlab.example.com:aud': 'sts.amazonaws.com' }, StringLike: { 'gitlab.example.com:sub': 'project_path:*' } },
    },
  ],
};

describe('the guardrail policy', () => {
  test('is a resource control policy that denies other owners and namespaces, per issuer, whole', () => {
    const policy = JSON.parse(CiOidcGuardrailPolicy.render({ gitHubOwnerIds: [ACME, 7654321], gitLabNamespaceIds: [77, 78] }));
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyGitHubTokensOfOtherOwners',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sts:AssumeRoleWithWebIdentity',
          Resource: '*',
          Condition: { Null: { [`${GH}:sub`]: 'false' }, StringNotEquals: { [`${GH}:repository_owner_id`]: [String(ACME), '7654321'] } },
        },
        {
          Sid: 'DenyGitLabTokensOfOtherNamespaces',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sts:AssumeRoleWithWebIdentity',
          Resource: '*',
          Condition: { Null: { 'gitlab.com:sub': 'false' }, StringNotEquals: { 'gitlab.com:namespace_id': ['77', '78'] } },
        },
      ],
    });
  });

  test('is rendered minified, as AWS Organizations counts it', () => {
    const text = CiOidcGuardrailPolicy.render({ gitHubOwnerIds: [ACME] });
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(JSON.parse(text).Statement).toHaveLength(1);
  });

  describe('decided with the organization evaluator, over a careless role', () => {
    const rcp = JSON.parse(CiOidcGuardrailPolicy.render({ gitHubOwnerIds: [ACME], gitLabNamespaceIds: [77] }));

    test('the organization\'s own tokens still get in', () => {
      expect(evaluateWithRcp(CARELESS, rcp, gitHubToken({ repository: 'acme/api', ownerId: ACME }))).toBe('Allowed');
      expect(evaluateWithRcp(CARELESS, rcp, gitLabToken({ project: 'acme-group/api', namespaceId: 77 }))).toBe('Allowed');
    });

    test('tokens of other owners and namespaces are denied explicitly', () => {
      expect(evaluateWithRcp(CARELESS, rcp, gitHubToken({ repository: 'acme-evil/api', ownerId: 999 }))).toBe('ExplicitlyDenied');
      // A re-created owner with the old name but a new id.
      expect(evaluateWithRcp(CARELESS, rcp, gitHubToken({ repository: 'acme/api', ownerId: ACME + 1 }))).toBe('ExplicitlyDenied');
      expect(evaluateWithRcp(CARELESS, rcp, gitLabToken({ project: 'acme-group/api', namespaceId: 78 }))).toBe('ExplicitlyDenied');
      // A subgroup is its own namespace: refused until its id is listed (fails closed).
      expect(evaluateWithRcp(CARELESS, rcp, gitLabToken({ project: 'acme-group/sub/api', namespaceId: 79 }))).toBe('ExplicitlyDenied');
    });

    test('a token without the tenancy claim is denied: the guardrail fails closed', () => {
      const token = gitHubToken({ repository: 'acme/api', ownerId: ACME });
      delete token.repository_owner_id;
      expect(evaluateWithRcp(CARELESS, rcp, token)).toBe('ExplicitlyDenied');
    });

    test('issuers that are not shared are left alone', () => {
      const selfManaged = gitLabToken({ project: 'team/api', issuer: 'https://gitlab.example.com' });
      expect(evaluateWithRcp(CARELESS, rcp, selfManaged)).toBe('Allowed');
      // A GitHub-only guardrail leaves gitlab.com alone.
      const gitHubOnly = JSON.parse(CiOidcGuardrailPolicy.render({ gitHubOwnerIds: [ACME] }));
      expect(evaluateWithRcp(CARELESS, gitHubOnly, gitLabToken({ project: 'other/api', namespaceId: 5 }))).toBe('Allowed');
    });
  });

  test('fails if it restricts nothing, or an id list is empty, repeats an id or holds a non-id', () => {
    expect(() => CiOidcGuardrailPolicy.render({})).toThrow(
      "Invalid CiOidcGuardrailPolicy options '{}': it restricts nothing: it gives neither gitHubOwnerIds nor gitLabNamespaceIds. " +
      'Allowed form: gitHubOwnerIds, gitLabNamespaceIds or both, e.g. { gitHubOwnerIds: [1234567] }.',
    );
    expect(() => CiOidcGuardrailPolicy.render({ gitHubOwnerIds: [] })).toThrow(
      "Invalid CiOidcGuardrailPolicy gitHubOwnerIds '[]': it names no GitHub owner id. Allowed form: at least one id, or leave the option out.",
    );
    expect(() => CiOidcGuardrailPolicy.render({ gitLabNamespaceIds: [77, 77] })).toThrow(
      "Invalid CiOidcGuardrailPolicy gitLabNamespaceIds '77, 77': it names 77 twice. Allowed form: each gitlab.com namespace id once.",
    );
    expect(() => CiOidcGuardrailPolicy.render({ gitHubOwnerIds: [1.5] })).toThrow(
      "Invalid CiOidcGuardrailPolicy gitHubOwnerIds '1.5': it is not a positive integer. Allowed form: a positive GitHub owner id, e.g. 1234567.",
    );
  });

  test('the last policy within 5,120 characters passes; one id more fails with the size', () => {
    // GIVEN ids of 7 digits: each adds 10 characters ("1000000",)
    const ids = (count: number) => Array.from({ length: count }, (_, i) => 1_000_000 + i);
    const sizeOf = (count: number) => CiOidcGuardrailPolicy.render({ gitHubOwnerIds: ids(count) }).length;
    const perId = sizeOf(2) - sizeOf(1);
    expect(perId).toBe(10);
    const last = 1 + Math.floor((5_120 - sizeOf(1)) / perId);

    // THEN
    expect(sizeOf(last)).toBeLessThanOrEqual(5_120);
    expect(sizeOf(last)).toBeGreaterThan(5_120 - perId);
    expect(() => CiOidcGuardrailPolicy.render({ gitHubOwnerIds: ids(last + 1) })).toThrow(
      `Invalid CiOidcGuardrailPolicy policy '${sizeOf(last) + perId} characters': it is over the 5120 AWS Organizations allows in a resource control policy. ` +
      'Allowed form: fewer owners or namespaces, or them split over two policies attached to different OUs.',
    );
  });
});

describe('CiOidcGuardrail', () => {
  test('is an AWS::Organizations::Policy of type RESOURCE_CONTROL_POLICY with the same content', () => {
    const stack = new Stack(new App(), 'Organization');
    const guardrail = new CiOidcGuardrail(stack, 'Guardrail', { gitHubOwnerIds: [ACME], targetIds: ['r-ab12', 'ou-ab12-cdef3456', '222222222222'] });
    expect(Template.fromStack(stack).toJSON().Resources).toEqual({
      Guardrail91D61981: {
        Type: 'AWS::Organizations::Policy',
        Properties: {
          Name: 'cdk-ci-oidc-web-identity-guardrail',
          Description: 'Denies sts:AssumeRoleWithWebIdentity for github.com and gitlab.com tokens of other owners and namespaces',
          Type: 'RESOURCE_CONTROL_POLICY',
          Content: JSON.parse(guardrail.policyDocument),
          TargetIds: ['r-ab12', 'ou-ab12-cdef3456', '222222222222'],
        },
      },
    });
    expect(guardrail.policyDocument).toBe(CiOidcGuardrailPolicy.render({ gitHubOwnerIds: [ACME] }));
  });

  test('fails if a target is not a root, OU or account id, or repeats', () => {
    const stack = new Stack(new App(), 'Organization');
    expect(() => new CiOidcGuardrail(stack, 'A', { gitHubOwnerIds: [ACME], targetIds: ['ou-bad'] })).toThrow(
      "Invalid CiOidcGuardrail target id 'ou-bad': it is not an organizational unit or root id.",
    );
    expect(() => new CiOidcGuardrail(stack, 'B', { gitHubOwnerIds: [ACME], targetIds: ['12345'] })).toThrow(
      "Invalid CiOidcGuardrail target account id '12345': it is not an AWS account id. Allowed form: 12 digits, e.g. '123456789012'.",
    );
    expect(() => new CiOidcGuardrail(stack, 'C', { gitHubOwnerIds: [ACME], targetIds: ['r-ab12', 'r-ab12'] })).toThrow(
      "Invalid CiOidcGuardrail targetIds 'r-ab12, r-ab12': it names 'r-ab12' twice.",
    );
  });
});
