import { auditTrustPolicy } from '../../src/audit/trust-policy-audit';

/*
 * The audit core (shared by CiTrustGuard and the report) on hand-written roles whose subject
 * patterns are spelled in ways the typed builders never write: the findings come from what
 * each pattern matches.
 */

const GH = 'token.actions.githubusercontent.com';
const GL = 'gitlab.com';
const providerArn = (issuer: string) => `arn:aws:iam::123456789012:oidc-provider/${issuer}`;

function findings(issuer: string, condition: Record<string, Record<string, unknown>>, adminReasons: string[] = []): string[] {
  const trustPolicy = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: providerArn(issuer) }, Condition: condition }],
  };
  return auditTrustPolicy({ rolePath: 'Stack/Role', trustPolicy, resolveProvider: () => undefined, adminReasons })
    .findings.map((f) => `${f.severity} ${f.id.replace('cdk-ci-oidc:', '')}`);
}

const like = (issuer: string, sub: string | string[]) => ({ StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${issuer}:sub`]: sub } });

describe('hand-written patterns get the findings of what they match', () => {
  test.each([
    ['repo:acme/api:*:*', ['warning anyRefSubject', 'warning pullRequestSubject', 'warning branchAndEnvironment']],
    ['repo:acme/api:environment:*', ['warning environmentPattern']],
    ['repo:acme/api:e*', ['warning environmentPattern']],
    ['repo:acme/api:ref:refs/*/main', ['warning refTypeNotFixed']],
    ['repo:acme/api:ref:refs/h*', ['warning anyBranch']],
    ['repository:acme/api*:ref:refs/heads/main', ['error guard:wildcardScope']],
    ['repository_owner:acme*:environment:production', ['error guard:wildcardScope']],
    ['repository_id:8*:environment:production', ['error guard:wildcardScope']],
  ])('GitHub %s', (sub, expected) => {
    expect(findings(GH, like(GH, sub)).sort()).toEqual([...expected].sort());
  });

  test.each([
    ['project_path:acme/api:ref_type:*:ref:*', ['warning anyRefSubject']],
    ['project_path:acme/api:*:ref:main', ['warning refTypeNotFixed']],
    ['project_path:acme/api:ref_type:b*', ['warning anyBranch']],
    ['project_path:acme-group/api*:ref_type:branch:ref:main', ['error guard:wildcardScope']],
    ['namespace_path:acme*:ref_type:branch:ref:main', ['error guard:wildcardScope']],
  ])('GitLab %s', (sub, expected) => {
    expect(findings(GL, like(GL, sub)).sort()).toEqual([...expected].sort());
  });

  test('a role trusting a branch and an environment of the same repository is warned', () => {
    const condition = { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: ['repo:acme/api:ref:refs/heads/main', 'repo:acme/api:environment:production'] } };
    expect(findings(GH, condition)).toEqual(['warning branchAndEnvironment']);
  });

  test('a whole-owner environment next to a branch of one of its repositories is warned; of another owner not', () => {
    const subs = (env: string) => ({
      StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main' },
      StringLike: { [`${GH}:sub`]: env },
    });
    expect(findings(GH, subs('repo:acme/*:environment:production'))).toEqual(['warning wholeOwnerSubject', 'warning branchAndEnvironment']);
    expect(findings(GH, subs('repo:other/*:environment:production'))).toEqual(['warning wholeOwnerSubject']);
  });

  test('legacy and immutable forms of one repository are one repository', () => {
    const condition = { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: ['repo:acme@1/api@2:ref:refs/heads/main', 'repo:acme/api:environment:production'] } };
    expect(findings(GH, condition)).toEqual(['warning branchAndEnvironment']);
  });

  test('an administrator role trusted by an environment pattern is not environment-gated', () => {
    const admin = ['AdministratorAccess'];
    expect(findings(GH, like(GH, 'repo:acme/api:environment:prod*'), admin).sort()).toEqual(['warning environmentPattern', 'warning guard:adminTrustedByBranch']);
    expect(findings(GH, { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/api:environment:production' } }, admin)).toEqual([]);
  });
});
