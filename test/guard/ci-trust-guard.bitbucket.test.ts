import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import { BitbucketOidcProvider, BitbucketRepository, CiDeployRole } from '../../src';
import { guard } from '../fixtures/guard-findings';
import { ENVIRONMENT, REPOSITORY, WORKSPACE_UUID } from '../fixtures/tokens/bitbucket-token';

const ISSUER = 'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc';
const ARN = `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`;
const AUD = { [`${ISSUER}:aud`]: `ari:cloud:bitbucket::workspace/${WORKSPACE_UUID}` };
const repository = BitbucketRepository.of(REPOSITORY);


function cfnRole(stack: Stack, id: string, condition: Record<string, unknown>): void {
  new iam.CfnRole(stack, id, {
    assumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: ARN }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
    },
  });
}

function provider(stack: Stack): BitbucketOidcProvider {
  return new BitbucketOidcProvider(stack, 'Bitbucket', { workspace: 'acme', workspaceUuid: WORKSPACE_UUID });
}

describe('CiTrustGuard on Bitbucket roles', () => {
  test("a CiDeployRole's environment subject: nothing to report", () => {
    const result = guard((stack) => new CiDeployRole(stack, 'Role', { provider: provider(stack), subjects: [repository.environment(ENVIRONMENT)] }));
    expect([result.errors, result.warnings]).toEqual([[], []]);
  });

  test('a role with the audience only trusts every repository of the workspace: an error', () => {
    const result = guard((stack) => cfnRole(stack, 'Role', { StringEquals: AUD }));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:missingSub']);
  });

  test("ForAllValues on aud (terraform-aws-modules' Bitbucket role) is an error", () => {
    const result = guard((stack) => cfnRole(stack, 'Role', {
      'ForAllValues:StringEquals': AUD,
      'StringLike': { [`${ISSUER}:sub`]: `${REPOSITORY}:*` },
    }));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:unsafeOperator']);
  });

  test("'*:*:*' and a wildcard inside a UUID are errors; '{repository}:*' a warning", () => {
    const result = guard((stack) => {
      cfnRole(stack, 'Everything', { StringEquals: AUD, StringLike: { [`${ISSUER}:sub`]: '*:*:*' } });
      cfnRole(stack, 'Prefix', { StringEquals: AUD, StringLike: { [`${ISSUER}:sub`]: '{1a2b3c4d-*}:*' } });
      cfnRole(stack, 'AnyStep', { StringEquals: AUD, StringLike: { [`${ISSUER}:sub`]: `${REPOSITORY}:*` } });
    });
    expect(result.errors.sort()).toEqual(['/Stack/Everything cdk-ci-oidc:guard:wildcardScope', '/Stack/Prefix cdk-ci-oidc:guard:wildcardScope']);
    expect(result.warnings).toEqual(['/Stack/AnyStep cdk-ci-oidc:anyRefSubject']);
  });

  test('an administrator role is warned when trusted by steps without an environment, not by an environment', () => {
    const result = guard((stack) => {
      const admin = iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');
      const p = provider(stack);
      new CiDeployRole(stack, 'Environment', { provider: p, subjects: [repository.environment(ENVIRONMENT)], managedPolicies: [admin] });
      new CiDeployRole(stack, 'AnyStep', { provider: p, subjects: [repository.anyStep()], managedPolicies: [admin] });
    });
    // The role's own anyRefSubject, and the guard's admin finding; none for the environment role.
    expect(result.warnings.sort()).toEqual(['/Stack/AnyStep/Resource cdk-ci-oidc:anyRefSubject', '/Stack/AnyStep/Resource cdk-ci-oidc:guard:adminTrustedByBranch']);
  });
});
