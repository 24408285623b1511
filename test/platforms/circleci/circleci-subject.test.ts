import { CircleCiOidcProvider, CircleCiSubject, CiDeployRole } from '../../../src';
import { decide, newStack, trustPolicyOf, TrustPolicy } from '../../evaluator/iam-evaluator';
import { circleCiToken, ORG, PROJECT, USER } from '../../fixtures/tokens/circleci-token';

const ANY_USER = '????????-????-????-????-????????????';
const PREFIX = `org/${ORG}/project/${PROJECT}/user/`;
const ISSUER = `oidc.circleci.com/org/${ORG}`;
const FIX = "Allowed form: a CircleCI subject such as 'org/<org id>/project/<project id>/user/????????-????-????-????-????????????/vcs-origin/<host>/<owner>/<repository>/vcs-ref/refs/heads/<branch>' " +
  '(CircleCiProject.of(...).branch(...) builds it).';

describe('CircleCiSubject.fromClaim', () => {
  test('an exact V1 subject: one user\'s jobs of one project', () => {
    // WHEN
    const subject = CircleCiSubject.fromClaim(`${PREFIX}${USER}`);

    // THEN
    expect(subject.isPattern).toBe(false);
    expect(subject.description).toBe(`sub ${PREFIX}${USER}`);
    expect(subject._spec.risks).toEqual([]);
    expect(subject._spec.context).toEqual({ kind: 'other' });
  });

  test('a V2 pattern reads like the typed factories: branch, warned as a raw pattern', () => {
    // WHEN
    const subject = CircleCiSubject.fromClaim(`${PREFIX}${ANY_USER}/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/*`);

    // THEN
    expect(subject.isPattern).toBe(true);
    expect(subject._spec.context).toEqual({ kind: 'branch', pattern: '*' });
    expect(subject._spec.risks.map((r) => r.id)).toEqual(['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:anyBranch']);
  });

  test('user/* and project/* as the whole tail are every job of the project or organization', () => {
    expect(CircleCiSubject.fromClaim(`${PREFIX}*`)._spec.risks.map((r) => r.id)).toEqual(['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:anyRefSubject']);
    expect(CircleCiSubject.fromClaim(`org/${ORG}/project/*`)._spec.risks.map((r) => r.id))
      .toEqual(['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:wholeOrganizationSubject', 'cdk-ci-oidc:anyRefSubject']);
  });

  test.each([
    [`${PREFIX}*/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/main`,
      "it has a '*' before its vcs-origin or vcs-ref part, and IAM's '*' also matches '/': a branch named 'x/vcs-origin/<origin>/vcs-ref/<ref>' " +
      'in any repository would spell the origin and ref it trusts'],
    [`org/${ORG}/project/*/user/*/vcs-origin/github.com/acme/*/vcs-ref/refs/heads/main`,
      "it has '*' as project id, which is not a lowercase UUID (a wildcard there matches every project)"],
    [`org/${ORG}/project/${PROJECT}`, "it ends after the project id, and CircleCI's sub always goes on with '/user/<user id>'"],
    [`${PREFIX}${ANY_USER}/vcs-origin/github.com/acme/*/vcs-ref/refs/heads/main`,
      "it has the VCS origin 'github.com/acme/*', which it contains a wildcard, and the origin names the repository"],
    [`org/*/project/${PROJECT}/user/*`, "it has '*' as organization id, which is not a lowercase UUID (a wildcard there matches other organizations)"],
    ['repo:acme/api:ref:refs/heads/main',
      "it is not of CircleCI's form 'org/<org id>/project/<project id>/user/<user id>[/vcs-origin/<origin>/vcs-ref/<ref>]'"],
    [`${PREFIX}someone`, "it does not have one user id (a UUID, or '????????-????-????-????-????????????' for any user) after '/user/'"],
  ])('fails if the claim is %j', (sub, why) => {
    expect(() => CircleCiSubject.fromClaim(sub)).toThrow(`Invalid CircleCiSubject.fromClaim(sub) '${sub}': ${why}. ${FIX}`);
  });
});

describe("why the user id is 36 '?' and never '*'", () => {
  const FORGED = circleCiToken({ vcsOrigin: 'github.com/evil/api', vcsRef: 'refs/heads/x/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/main' });

  test("CircleCI's documented branch policy admits a fork whose branch name spells the trusted origin and ref", () => {
    // GIVEN: the trust policy of CircleCI's "Limit role access based on branch", for one project
    const policy: TrustPolicy = {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { [`${ISSUER}:sub`]: `${PREFIX}*/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/main` } },
      }],
    };

    // THEN
    expect(decide(policy, FORGED)).toBe('ALLOWED');
  });

  test("the library's branch subject refuses it, and still admits every user's push to main", () => {
    // GIVEN
    const stack = newStack();
    new CiDeployRole(stack, 'Role', {
      provider: new CircleCiOidcProvider(stack, 'CircleCi', { organizationId: ORG }),
      subjects: [CircleCiSubject.fromClaim(`${PREFIX}${ANY_USER}/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/main`)],
    });
    const policy = trustPolicyOf(stack);

    // THEN
    expect(decide(policy, FORGED)).toBe('DENIED');
    expect(decide(policy, circleCiToken())).toBe('ALLOWED');
    expect(decide(policy, circleCiToken({ userId: '01234567-89ab-4cde-8f01-23456789abcd' }))).toBe('ALLOWED');
  });
});
