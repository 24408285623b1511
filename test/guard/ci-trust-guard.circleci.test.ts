import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import { CiDeployRole, CircleCiOidcProvider, CircleCiProject } from '../../src';
import { guard } from '../fixtures/guard-findings';
import { ORG, PROJECT } from '../fixtures/tokens/circleci-token';

const ISSUER = `oidc.circleci.com/org/${ORG}`;
const ARN = `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`;
const AUD = { [`${ISSUER}:aud`]: ORG };
const api = CircleCiProject.of({ organizationId: ORG, projectId: PROJECT, vcsOrigin: 'github.com/acme/api' });


function cfnRole(stack: Stack, id: string, condition: Record<string, unknown>, extra: Partial<iam.CfnRoleProps> = {}): void {
  new iam.CfnRole(stack, id, {
    assumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: ARN }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
    },
    ...extra,
  });
}

describe('CiTrustGuard on CircleCI roles', () => {
  test("a CiDeployRole's branch subject: nothing to report", () => {
    const result = guard((stack) => {
      new CiDeployRole(stack, 'Role', { provider: new CircleCiOidcProvider(stack, 'CircleCi', { organizationId: ORG }), subjects: [api.branch('main')] });
    });
    expect([result.errors, result.warnings]).toEqual([[], []]);
  });

  test("CircleCI's own role setup (audience only) trusts every project of the organization: an error", () => {
    const result = guard((stack) => cfnRole(stack, 'Role', { StringEquals: AUD }));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:missingSub']);
    expect(result.texts[0]).toContain(`Add a subject condition, e.g. "StringEquals": { "${ISSUER}:sub": "org/`);
  });

  test("CircleCI's documented branch policy: a '*' before vcs-origin, which a fork's branch name can fill, is an error", () => {
    // GIVEN the trust policy of CircleCI's "Limit role access based on branch", for one project
    const sub = `org/${ORG}/project/${PROJECT}/user/*/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/main`;
    const result = guard((stack) => cfnRole(stack, 'Role', { StringEquals: AUD, StringLike: { [`${ISSUER}:sub`]: sub } }));
    // THEN
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:wildcardScope']);
    expect(result.texts[0]).toContain(`The subject pattern '${sub}' has a '*' before its vcs-origin or vcs-ref part, and IAM's '*' also matches '/'`);
  });

  test("every job of a project (CircleCI's project restriction) is a warning, every project of the organization two", () => {
    const result = guard((stack) => {
      cfnRole(stack, 'Project', { StringEquals: AUD, StringLike: { [`${ISSUER}:sub`]: `org/${ORG}/project/${PROJECT}/user/*` } });
      cfnRole(stack, 'Organization', { StringEquals: AUD, StringLike: { [`${ISSUER}:sub`]: `org/${ORG}/project/*` } });
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings.sort()).toEqual([
      '/Stack/Organization cdk-ci-oidc:anyRefSubject',
      '/Stack/Organization cdk-ci-oidc:wholeOrganizationSubject',
      '/Stack/Project cdk-ci-oidc:anyRefSubject',
    ]);
  });

  test("a role without the audience is an error whose fix names CircleCI's audience, the organization id", () => {
    const result = guard((stack) => cfnRole(stack, 'Role', { StringLike: { [`${ISSUER}:sub`]: `org/${ORG}/project/${PROJECT}/user/*` } }));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:missingAudience']);
    expect(result.texts[0]).toContain(`Add "StringEquals": { "${ISSUER}:aud": "<organization id>" } (the audience the jobs request).`);
  });

  test('a set operator on the project-id key is an error', () => {
    const result = guard((stack) => cfnRole(stack, 'Role', {
      'StringEquals': AUD,
      'StringLike': { [`${ISSUER}:sub`]: `org/${ORG}/project/${PROJECT}/user/*` },
      'ForAnyValue:StringEquals': { [`${ISSUER}:oidc.circleci.com/project-id`]: PROJECT },
    }));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:unsafeOperator']);
  });

  test('an administrator role trusted by a branch is warned: CircleCI has no environment approvals in the token', () => {
    const result = guard((stack) => {
      const role = new CiDeployRole(stack, 'Role', { provider: new CircleCiOidcProvider(stack, 'CircleCi', { organizationId: ORG }), subjects: [api.branch('main')] });
      role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
    });
    expect(result.warnings).toEqual(['/Stack/Role/Resource cdk-ci-oidc:guard:adminTrustedByBranch']);
    expect(result.texts[0]).toContain(`is assumed by CircleCI project ${PROJECT} (github.com/acme/api), branch main: whoever can push that branch or tag to the project's repository`);
  });
});
