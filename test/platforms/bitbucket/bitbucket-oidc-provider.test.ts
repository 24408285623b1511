import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BitbucketOidcProvider, CiPlatform } from '../../../src';
import { WORKSPACE_UUID } from '../../fixtures/tokens/bitbucket-token';

const ISSUER = 'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc';
const AUDIENCE = `ari:cloud:bitbucket::workspace/${WORKSPACE_UUID}`;

function stackIn(region?: string): Stack {
  return new Stack(new App(), 'Stack', region === undefined ? {} : { env: { account: '123456789012', region } });
}

describe('BitbucketOidcProvider', () => {
  test("the workspace's issuer, its ARI as the only client id, no thumbprint, retained", () => {
    // GIVEN
    const stack = stackIn();

    // WHEN
    const provider = new BitbucketOidcProvider(stack, 'Bitbucket', { workspace: 'acme', workspaceUuid: `{${WORKSPACE_UUID}}` });

    // THEN
    expect(Object.values(Template.fromStack(stack).toJSON().Resources)).toEqual([{
      Type: 'AWS::IAM::OIDCProvider',
      Properties: { ClientIdList: [AUDIENCE], Url: `https://${ISSUER}` },
      UpdateReplacePolicy: 'Retain',
      DeletionPolicy: 'Retain',
    }]);
    expect([provider.platform, provider.issuer, provider.audience, provider.conditionClaims, provider.workspace])
      .toEqual([CiPlatform.BITBUCKET_PIPELINES, ISSUER, AUDIENCE, [], 'acme']);
  });

  test('the workspace UUID with or without braces gives the same audience; an audience of its own replaces it', () => {
    expect(new BitbucketOidcProvider(stackIn(), 'B', { workspace: 'acme', workspaceUuid: WORKSPACE_UUID }).audience).toBe(AUDIENCE);
    expect(new BitbucketOidcProvider(stackIn(), 'B', { workspace: 'acme', audience: 'sts.amazonaws.com' }).audience).toBe('sts.amazonaws.com');
  });

  test('fromAccount and fromOidcProviderArn: partition-aware ARN, the same issuer and audience', () => {
    // GIVEN
    const stack = stackIn('cn-north-1');
    const arn = `arn:aws-cn:iam::123456789012:oidc-provider/${ISSUER}`;

    // WHEN
    const byAccount = BitbucketOidcProvider.fromAccount(stack, 'A', { workspace: 'acme', workspaceUuid: WORKSPACE_UUID, account: '210987654321' });
    const byArn = BitbucketOidcProvider.fromOidcProviderArn(stack, 'B', arn, { workspace: 'acme', workspaceUuid: WORKSPACE_UUID });

    // THEN
    expect(stack.resolve(byAccount.oidcProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::210987654321:oidc-provider/${ISSUER}`]],
    });
    expect([byAccount.issuer, byAccount.audience]).toEqual([ISSUER, AUDIENCE]);
    expect([byArn.oidcProviderArn, byArn.issuer, byArn.audience]).toEqual([arn, ISSUER, AUDIENCE]);
  });

  test('fails if neither the workspace UUID nor an audience is given', () => {
    expect(() => new BitbucketOidcProvider(stackIn(), 'B', { workspace: 'acme' })).toThrow(
      "Invalid BitbucketOidcProvider workspaceUuid 'undefined': it is needed for the audience ari:cloud:bitbucket::workspace/<UUID> of the workspace's tokens, and no audience is given. Allowed form: workspaceUuid, or an audience.",
    );
  });

  test.each([
    ['Acme', 'it is not a Bitbucket workspace id'],
    ['acme/x', 'it is not a Bitbucket workspace id'],
    ['*', 'it is not a Bitbucket workspace id'],
    ['', 'it is empty'],
  ])('fails if the workspace is %j', (workspace, why) => {
    expect(() => new BitbucketOidcProvider(stackIn(), 'B', { workspace, workspaceUuid: WORKSPACE_UUID })).toThrow(
      `Invalid BitbucketOidcProvider workspace '${workspace}': ${why}. Allowed form: the workspace id of the Identity provider URL ` +
      "(Repository settings > OpenID Connect), lowercase letters, digits, '-' and '_', e.g. 'acme'.",
    );
  });

  test.each([
    ['0A1B2C3D-1111-4A2B-8C3D-0123456789AB', 'it has capital letters, and Bitbucket writes its UUIDs in lowercase (IAM compares case)'],
    ['{0a1b2c3d-1111-4a2b-8c3d-0123456789ab', 'it is not a UUID'],
    ['0a1b2c3d', 'it is not a UUID'],
  ])('fails if the workspace UUID is %j', (workspaceUuid, why) => {
    expect(() => new BitbucketOidcProvider(stackIn(), 'B', { workspace: 'acme', workspaceUuid })).toThrow(
      `Invalid BitbucketOidcProvider workspaceUuid '${workspaceUuid}': ${why}. Allowed form: a UUID in lowercase, with or without its braces, ` +
      "e.g. '{1a2b3c4d-1111-4a2b-8c3d-0123456789ab}' (the part after workspace/ of the Audience in Repository settings > OpenID Connect).",
    );
  });

  test("fails if an ARN names another workspace's issuer", () => {
    const other = 'arn:aws:iam::123456789012:oidc-provider/api.bitbucket.org/2.0/workspaces/acme-evil/pipelines-config/identity/oidc';
    expect(() => BitbucketOidcProvider.fromOidcProviderArn(stackIn(), 'B', other, { workspace: 'acme', workspaceUuid: WORKSPACE_UUID })).toThrow(
      `Invalid BitbucketOidcProvider.fromOidcProviderArn(oidcProviderArn) '${other}': it must be the ARN of the provider for issuer '${ISSUER}'.`,
    );
  });
});
