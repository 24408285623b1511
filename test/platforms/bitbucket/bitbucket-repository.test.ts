import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BitbucketOidcProvider, BitbucketRepository, BitbucketSubject, CiDeployRole, CiPlatform, GitLabProject } from '../../../src';
import { ENVIRONMENT, REPOSITORY, STEP, WORKSPACE_UUID } from '../../fixtures/tokens/bitbucket-token';

const ANY_STEP = '{????????-????-????-????-????????????}';
const ISSUER = 'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc';
const FIX = "Allowed form: a Bitbucket subject such as '{<repository UUID>}{<environment UUID>}:{????????-????-????-????-????????????}' " +
  "(BitbucketRepository.of('<repository UUID>').environment('<environment UUID>') builds it).";

describe('BitbucketRepository subjects', () => {
  test('environment: the repository and environment UUIDs, any one step, no warning', () => {
    // WHEN
    const subject = BitbucketRepository.of(REPOSITORY.slice(1, -1)).environment(ENVIRONMENT);

    // THEN
    expect(subject.platform).toBe(CiPlatform.BITBUCKET_PIPELINES);
    expect(subject.subjectClaims).toEqual([`${REPOSITORY}${ENVIRONMENT}:${ANY_STEP}`]);
    expect(subject.isPattern).toBe(true);
    expect(subject.pinnedClaims).toEqual({});
    expect(subject.description).toBe(`Bitbucket repository ${REPOSITORY}, environment ${ENVIRONMENT}`);
    expect(subject._spec.risks).toEqual([]);
    expect(subject._spec.context).toEqual({ kind: 'environment' });
  });

  test('anyStep: every step without an environment, warned', () => {
    const subject = BitbucketRepository.of(REPOSITORY).anyStep();
    expect(subject.subjectClaims).toEqual([`${REPOSITORY}:${ANY_STEP}`]);
    expect(subject._spec.risks).toEqual([{
      id: 'cdk-ci-oidc:anyRefSubject',
      message: `Bitbucket repository ${REPOSITORY} (steps without a deployment environment): any branch or tag may assume this role, so anyone who can push a branch can.`,
    }]);
  });

  test('fails if a UUID is not a lowercase UUID', () => {
    expect(() => BitbucketRepository.of('{*}')).toThrow(
      "Invalid BitbucketRepository.of(repositoryUuid) '{*}': it is not a UUID. Allowed form: a UUID in lowercase, with or without its braces, " +
      "e.g. '{1a2b3c4d-1111-4a2b-8c3d-0123456789ab}' (Repository settings > OpenID Connect, or $BITBUCKET_REPO_UUID).",
    );
    expect(() => BitbucketRepository.of(REPOSITORY).environment('production')).toThrow(
      `Invalid BitbucketRepository.of('${REPOSITORY}').environment(environmentUuid) 'production': it is not a UUID.`,
    );
  });
});

describe('BitbucketSubject.fromClaim', () => {
  test('one step, exactly', () => {
    const subject = BitbucketSubject.fromClaim(`${REPOSITORY}:${STEP}`);
    expect([subject.isPattern, subject._spec.risks, subject._spec.context]).toEqual([false, [], { kind: 'other' }]);
  });

  test("a final '*' for the step reads like the typed factories", () => {
    expect(BitbucketSubject.fromClaim(`${REPOSITORY}${ENVIRONMENT}:*`)._spec.risks.map((r) => r.id)).toEqual(['cdk-ci-oidc:rawPatternSubject']);
    expect(BitbucketSubject.fromClaim(`${REPOSITORY}:*`)._spec.risks.map((r) => r.id)).toEqual(['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:anyRefSubject']);
  });

  test.each([
    ['*', "it is not of Bitbucket's form '{<repository UUID>}[{<environment UUID>}]:{<step UUID>}', braces included"],
    ['{*}:*', "it has '{*}' as repository UUID, which is not a lowercase UUID in braces (a wildcard there matches other repositories)"],
    [`${REPOSITORY}{2b3c4d5e-*}:*`, "it has '{2b3c4d5e-*}' as environment UUID, which is not a lowercase UUID in braces (a wildcard there matches other environments)"],
    [`${REPOSITORY}*:*`, "it is not of Bitbucket's form '{<repository UUID>}[{<environment UUID>}]:{<step UUID>}', braces included"],
    [`${REPOSITORY}:main`, `it has 'main' as step, which is neither one step's UUID in braces nor '${ANY_STEP}' (any step)`],
  ])('fails if the claim is %j', (sub, why) => {
    expect(() => BitbucketSubject.fromClaim(sub)).toThrow(`Invalid BitbucketSubject.fromClaim(sub) '${sub}': ${why}. ${FIX}`);
  });
});

describe('CiDeployRole with Bitbucket subjects', () => {
  test('the whole trust policy: aud StringEquals, the sub patterns StringLike in one statement', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const provider = new BitbucketOidcProvider(stack, 'Bitbucket', { workspace: 'acme', workspaceUuid: WORKSPACE_UUID });
    const repository = BitbucketRepository.of(REPOSITORY);

    // WHEN
    new CiDeployRole(stack, 'Role', { provider, subjects: [repository.environment(ENVIRONMENT), repository.environment('{3c4d5e6f-3333-4c4d-8e5f-23456789abcd}')] });

    // THEN
    const document = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0].Properties.AssumeRolePolicyDocument;
    expect(document).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: { Ref: Object.keys(Template.fromStack(stack).findResources('AWS::IAM::OIDCProvider'))[0] } },
        Condition: {
          StringEquals: { [`${ISSUER}:aud`]: `ari:cloud:bitbucket::workspace/${WORKSPACE_UUID}` },
          StringLike: { [`${ISSUER}:sub`]: [`${REPOSITORY}${ENVIRONMENT}:${ANY_STEP}`, `${REPOSITORY}{3c4d5e6f-3333-4c4d-8e5f-23456789abcd}:${ANY_STEP}`] },
        },
      }],
    });
  });

  test('fails if a GitLab subject is given to a Bitbucket provider', () => {
    const stack = new Stack(new App(), 'Stack');
    const provider = new BitbucketOidcProvider(stack, 'Bitbucket', { workspace: 'acme', workspaceUuid: WORKSPACE_UUID });
    expect(() => new CiDeployRole(stack, 'Role', { provider, subjects: [GitLabProject.of('acme/api').branch('main')] })).toThrow(
      `Invalid subject 'acme/api, branch main': it is a GITLAB_CI subject, but the provider for issuer '${ISSUER}' is BITBUCKET_PIPELINES. Allowed form: a subject of the provider's platform, or a role per provider.`,
    );
  });
});
