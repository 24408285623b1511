import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CiPlatform, CircleCiOidcProvider } from '../../../src';
import { ORG } from '../../fixtures/tokens/circleci-token';

const ISSUER = `oidc.circleci.com/org/${ORG}`;

function stackIn(region?: string): Stack {
  return new Stack(new App(), 'Stack', region === undefined ? {} : { env: { account: '123456789012', region } });
}

describe('CircleCiOidcProvider', () => {
  test('the organization\'s issuer, its id as the only client id, retained', () => {
    // GIVEN
    const stack = stackIn();

    // WHEN
    const provider = new CircleCiOidcProvider(stack, 'CircleCi', { organizationId: ORG });

    // THEN
    expect(Template.fromStack(stack).toJSON().Resources).toEqual({
      CircleCiDD80F88A: {
        Type: 'AWS::IAM::OIDCProvider',
        Properties: { ClientIdList: [ORG], Url: `https://${ISSUER}` },
        UpdateReplacePolicy: 'Retain',
        DeletionPolicy: 'Retain',
      },
    });
    expect(provider.platform).toBe(CiPlatform.CIRCLECI);
    expect(provider.issuer).toBe(ISSUER);
    expect(provider.audience).toBe(ORG);
    expect(provider.organizationId).toBe(ORG);
    expect(provider.conditionClaims).toEqual(['oidc.circleci.com/project-id']);
  });

  test('the organization id is the audience in China too: CircleCI\'s tokens carry it everywhere', () => {
    // GIVEN
    const stack = stackIn('cn-north-1');

    // WHEN
    const provider = new CircleCiOidcProvider(stack, 'CircleCi', { organizationId: ORG, removalPolicy: RemovalPolicy.DESTROY });

    // THEN
    expect(provider.audience).toBe(ORG);
    Template.fromStack(stack).hasResource('AWS::IAM::OIDCProvider', { DeletionPolicy: 'Delete' });
  });

  test('a custom audience, for tokens of circleci run oidc get', () => {
    // GIVEN
    const stack = stackIn();

    // WHEN
    const provider = new CircleCiOidcProvider(stack, 'CircleCi', { organizationId: ORG, audience: 'sts.amazonaws.com' });

    // THEN
    expect(provider.audience).toBe('sts.amazonaws.com');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', { ClientIdList: ['sts.amazonaws.com'] });
  });

  test('fromAccount: the ARN in the stack\'s partition and account, or the given account', () => {
    // GIVEN
    const china = stackIn('cn-north-1');
    const global = stackIn('eu-west-1');

    // WHEN
    const inChina = CircleCiOidcProvider.fromAccount(china, 'CircleCi', { organizationId: ORG });
    const other = CircleCiOidcProvider.fromAccount(global, 'CircleCi', { organizationId: ORG, account: '210987654321' });

    // THEN
    expect(china.resolve(inChina.oidcProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::123456789012:oidc-provider/${ISSUER}`]],
    });
    expect(global.resolve(other.oidcProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::210987654321:oidc-provider/${ISSUER}`]],
    });
    expect([inChina.platform, inChina.issuer, inChina.audience, inChina.conditionClaims]).toEqual([CiPlatform.CIRCLECI, ISSUER, ORG, ['oidc.circleci.com/project-id']]);
  });

  test('fromOidcProviderArn: the ARN of the organization\'s issuer', () => {
    // GIVEN
    const stack = stackIn();
    const arn = `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`;

    // WHEN
    const provider = CircleCiOidcProvider.fromOidcProviderArn(stack, 'CircleCi', arn, { organizationId: ORG });

    // THEN
    expect([provider.oidcProviderArn, provider.issuer, provider.audience]).toEqual([arn, ISSUER, ORG]);
  });

  test('fails if the ARN names another organization\'s issuer', () => {
    const other = 'arn:aws:iam::123456789012:oidc-provider/oidc.circleci.com/org/aa1b2c3d-1111-4a2b-8c3d-0123456789ac';
    expect(() => CircleCiOidcProvider.fromOidcProviderArn(stackIn(), 'CircleCi', other, { organizationId: ORG })).toThrow(
      `Invalid CircleCiOidcProvider.fromOidcProviderArn(oidcProviderArn) '${other}': it must be the ARN of the provider for issuer '${ISSUER}'. ` +
      `Allowed form: 'arn:<partition>:iam::<account>:oidc-provider/${ISSUER}'; pass the matching issuer in the options for another one.`,
    );
  });

  test.each([
    ['AA1B2C3D-1111-4A2B-8C3D-0123456789AB', 'it has capital letters, and CircleCI writes its ids in lowercase (IAM compares case)'],
    ['aa1b2c3d-1111-4a2b-8c3d-0123456789a', 'it is not a UUID'],
    ['aa1b2c3d11114a2b8c3d0123456789ab', 'it is not a UUID'],
    ['*', 'it is not a UUID'],
    ['', 'it is empty'],
  ])('fails if the organization id is %j', (organizationId, why) => {
    expect(() => new CircleCiOidcProvider(stackIn(), 'CircleCi', { organizationId })).toThrow(
      `Invalid CircleCiOidcProvider organizationId '${organizationId}': ${why}. Allowed form: a UUID in lowercase, ` +
      "e.g. 'aa1b2c3d-1111-4a2b-8c3d-0123456789ab' (Organization Settings > Overview in the CircleCI web app).",
    );
  });

  test('fails if the organization id is missing or not a string (JavaScript callers)', () => {
    expect(() => new CircleCiOidcProvider(stackIn(), 'CircleCi', {} as any)).toThrow(
      "Invalid CircleCiOidcProvider organizationId 'undefined': it is undefined, not a string. Allowed form: a UUID in lowercase, e.g. 'aa1b2c3d-1111-4a2b-8c3d-0123456789ab'.",
    );
    expect(() => CircleCiOidcProvider.fromAccount(stackIn(), 'CircleCi', undefined as any)).toThrow(
      "Invalid CircleCiOidcProvider.fromAccount() options 'null': it is null, not an object. Allowed form: an object with organizationId.",
    );
  });
});
