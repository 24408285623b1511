import { Annotations, Match } from 'aws-cdk-lib/assertions';
import {
  CiDeployRole, CiSubject, GitHubIssuer, GitHubOidcProvider, GitHubRepository, GitHubSubject, GitHubSubjectClaimKey as Key, GitHubSubjectTemplate,
  GitLabSubject,
} from '../../src';
import { readSubject } from '../../src/audit/subject-reading';
import { GITHUB_ISSUER, newStack, refOf, trustStatementsOf, webIdentity } from '../fixtures/github-stack';

const ids = (subject: CiSubject) => subject.risks.map((risk) => risk.id.replace('cdk-ci-oidc:', ''));
const SHARED = 'acme/shared/.github/workflows/deploy.yml@refs/heads/main';

describe('raw subjects: one wildcard rule for every key that names the repository, owner, group or project', () => {
  test.each([
    ['repository:acme/api*:environment:production', "it has a wildcard in the repository position, so it matches other repositories too (e.g. 'api*' matches 'api-evil'); " +
      "only '*' for the whole name after the owner's '/' is allowed. Allowed form: Name the owner and repository literally"],
    // A wildcard in the first value: refused before the first key's value is complete.
    ['repository_owner:acme*:environment:production', 'its fixed part before the first wildcard does not end a complete owner, group or repository'],
    ['repository_id:8901234?:ref:refs/heads/main', 'its fixed part before the first wildcard does not end a complete owner, group or repository'],
    ['repository_owner_id:12*', 'its fixed part before the first wildcard does not end a complete owner, group or repository'],
    // After a complete first value: the shared rule, for the later keys too.
    ['repository_owner:acme:repository_owner_id:12*', "it has a wildcard in the id 'repository_owner_id:12*'"],
    ['repository:acme/api:repository_owner:?cme', "it has a wildcard in the owner 'repository_owner:?cme', so it matches other owners too"],
    ['repository_owner:acme:repository:acme/a*', 'it has a wildcard in the repository position'],
    ['repo:acme/api:ref:*:repository_id:1*', "it has a wildcard in the id 'repository_id:1*'"],
  ])('GitHubSubject.fromClaim refuses %s', (sub, message) => {
    expect(() => GitHubSubject.fromClaim(sub)).toThrow(`Invalid GitHubSubject.fromClaim(sub) '${sub}': ${message}`);
  });

  test.each([
    ['project_path:acme-group/api*:ref_type:branch:ref:main', "it has a wildcard in the group or project position of 'project_path:acme-group/api*'"],
    ['project_path:acme-group/*-api:ref_type:branch:ref:main', "it has a wildcard in the group or project position of 'project_path:acme-group/*-api'"],
    ['project_path:acme-group/api:*:project_id:4*', "it has a wildcard in the id 'project_id:4*'"],
    ['namespace_path:acme*:ref_type:branch:ref:main', 'its fixed part before the first wildcard does not end a complete owner, group or repository'],
    ['namespace_id:4?:ref_type:branch:ref:main', 'its fixed part before the first wildcard does not end a complete owner, group or repository'],
    ['project_path:acme-group/api:namespace_path:acme*', "it has a wildcard in the group or namespace position of 'namespace_path:acme*'"],
    ['project_path:acme-group/api:namespace_id:4?', "it has a wildcard in the id 'namespace_id:4?'"],
    ['repository:acme/api*:ref:main', 'it has a wildcard in the repository position'],
  ])('GitLabSubject.fromClaim refuses %s', (sub, message) => {
    expect(() => GitLabSubject.fromClaim(sub)).toThrow(`Invalid GitLabSubject.fromClaim(sub) '${sub}': ${message}`);
  });

  test.each([
    'repo:acme/api:ref:refs/heads/*', 'repo:acme/*', 'repo:acme@12/*:ref:refs/heads/main', 'repo:acme/api*', 'repo:acme/*x:pull_request',
    'repository:acme/*:environment:production', 'repository:acme/ap?', 'repository_owner:acme:*', 'repository_owner:acme:repository:acme/*x',
    'repository_id:1:*', 'repository_id:1*', 'repository_owner_id:7:*', 'repo:acme/api:*:repository_id:?',
  ])('GitHubSubject.fromClaim refuses exactly what the guard calls an error: %s', (sub) => {
    const refused = (() => {
      try {
        GitHubSubject.fromClaim(sub);
        return false;
      } catch {
        return true;
      }
    })();
    expect(refused).toBe(readSubject(sub, true).scopeProblem !== undefined);
  });

  test.each([
    'project_path:acme/*', 'project_path:acme/a*', 'project_path:acme/api:*', 'project_path:acme/platform/*:ref_type:tag:ref:v*',
    'project_id:42:*', 'project_id:4*', 'project_path:acme/api:namespace_path:acme/*', 'project_path:acme/api:namespace_path:ac?e:x',
  ])('GitLabSubject.fromClaim refuses exactly what the guard calls an error: %s', (sub) => {
    const refused = (() => {
      try {
        GitLabSubject.fromClaim(sub);
        return false;
      } catch {
        return true;
      }
    })();
    expect(refused).toBe(readSubject(sub, true).scopeProblem !== undefined);
  });
});

describe('raw subjects carry the typed factories\' warnings, however the pattern is spelled', () => {
  test.each([
    ['repo:acme/api:ref:refs/h*', ['rawPatternSubject', 'anyBranch']],
    ['repo:acme/api:ref:refs/t*', ['rawPatternSubject', 'anyTag']],
    ['repo:acme/api:ref:*', ['rawPatternSubject', 'anyRefSubject']],
    ['repo:acme/api:p*', ['rawPatternSubject', 'pullRequestSubject']],
    ['repo:acme/api:environment:*', ['rawPatternSubject', 'environmentPattern']],
    ['repo:acme/api:e*', ['rawPatternSubject', 'environmentPattern']],
    ['repo:acme/api:*:*', ['rawPatternSubject', 'anyRefSubject', 'pullRequestSubject', 'branchAndEnvironment']],
    ['repo:acme/api:ref:refs/*/main', ['rawPatternSubject', 'refTypeNotFixed']],
    ['repository_owner:acme:environment:production', ['wholeOwnerSubject']],
  ])('GitHub %s warns %j', (sub, expected) => {
    expect(ids(GitHubSubject.fromClaim(sub))).toEqual(expected);
  });

  test.each([
    ['project_path:acme/api:ref_type:b*', ['rawPatternSubject', 'anyBranch']],
    ['project_path:acme/api:ref_type:t*', ['rawPatternSubject', 'anyTag']],
    ['project_path:acme/api:ref_type:*:ref:*', ['rawPatternSubject', 'anyRefSubject']],
    ['project_path:acme/api:*:ref:main', ['rawPatternSubject', 'refTypeNotFixed']],
    ['project_path:acme/*:ref_type:branch:ref:main', ['rawPatternSubject', 'wholeGroupSubject']],
    ['project_path:acme/api:ref:main', ['refTypeNotFixed']],
  ])('GitLab %s warns %j', (sub, expected) => {
    expect(ids(GitLabSubject.fromClaim(sub))).toEqual(expected);
  });

  test('an owner-wide pull request subject also matches an environment named pull_request, which adds no one: no extra warning', () => {
    expect(readSubject('repo:acme/*:pull_request', true).contexts?.environment).toBe('some');
  });
});

describe('GitHubSubjectTemplate keeps the typed builders\' protections', () => {
  test('ownerId and repositoryId are pinned as GitHubRepository pins them', () => {
    // GIVEN
    const subject = GitHubSubjectTemplate.of([Key.REPO, Key.CONTEXT, Key.JOB_WORKFLOW_REF])
      .subject({ repository: 'acme/api', ownerId: 1234567, repositoryId: 89012345, environment: 'production', jobWorkflowRef: SHARED });
    const typed = GitHubRepository.of('acme/api', { ownerId: 1234567, repositoryId: 89012345 }).environment('production');
    // THEN
    expect(subject.pinnedClaims).toEqual({ repository_owner_id: '1234567', repository_id: '89012345' });
    expect(subject.pinnedClaims).toEqual(typed.pinnedClaims);
  });

  test('the whole trust statement on github.com: both subject forms and both ids pinned', () => {
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');
    const role = new CiDeployRole(stack, 'Role', {
      provider,
      subjects: [GitHubSubjectTemplate.of([Key.REPO, Key.CONTEXT]).subject({ repository: 'acme/api', ownerId: 1, repositoryId: 2, branch: 'main' })],
    });
    expect(trustStatementsOf(role)).toEqual([webIdentity(refOf(provider), {
      StringEquals: {
        [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB_ISSUER}:repository_id`]: '2',
        [`${GITHUB_ISSUER}:repository_owner_id`]: '1',
        [`${GITHUB_ISSUER}:sub`]: ['repo:acme/api:ref:refs/heads/main', 'repo:acme@1/api@2:ref:refs/heads/main'],
      },
    })]);
  });

  test('pinIds: false keeps the ids in the subject only, for issuers that pass IAM aud and sub only', () => {
    const subject = GitHubSubjectTemplate.of([Key.REPOSITORY_OWNER_ID, Key.REPOSITORY_ID, Key.CONTEXT])
      .subject({ ownerId: 1, repositoryId: 2, branch: 'main', pinIds: false });
    expect(subject.pinnedClaims).toEqual({});
    expect(subject.subjectClaims).toEqual(['repository_owner_id:1:repository_id:2:ref:refs/heads/main']);
  });

  test('fails on GitHub Enterprise Server with pinned ids, and says how to fix it', () => {
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'Ghes', { issuer: GitHubIssuer.enterpriseServer('github.example.com') });
    const subject = GitHubSubjectTemplate.of([Key.REPOSITORY_ID, Key.CONTEXT]).subject({ repositoryId: 2, branch: 'main' });
    expect(() => new CiDeployRole(stack, 'Role', { provider, subjects: [subject] })).toThrow(
      'Allowed form: set pinIds: false in GitHubSubjectTemplate.subject(values) to use the ids only in the subject.');
  });

  test('an environment with ":" or "%" is pinned raw where the issuer passes it, and warned where not', () => {
    const template = GitHubSubjectTemplate.of([Key.REPO, Key.CONTEXT, Key.JOB_WORKFLOW_REF]);
    const values = { repository: 'acme/api', environment: 'prod:eu', jobWorkflowRef: SHARED };
    expect(template.subject(values).pinnedClaims).toEqual({ environment: 'prod:eu' });
    expect(template.subject({ ...values, environment: 'prod%3Aeu' }).pinnedClaims).toEqual({ environment: 'prod%3Aeu' });
    expect(template.subject({ ...values, environment: 'production' }).pinnedClaims).toEqual({});

    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'Ghes', { issuer: GitHubIssuer.enterpriseServer('github.example.com') });
    new CiDeployRole(stack, 'Role', { provider, subjects: [template.subject(values)] });
    Annotations.fromStack(stack).hasWarning('/TestStack/Role/Resource', Match.stringLikeRegexp("environment 'prod:eu' has the same subject.*cdk-ci-oidc:claimNotPinned"));
  });

  test.each([
    [['workflow', 'repo', 'context'], 'workflow', 'repo'],
    [['job_workflow_ref', 'repository_owner'], 'job_workflow_ref', 'repository_owner'],
    [['event_name', 'workflow_ref', 'repository_id'], 'workflow_ref', 'repository_id'],
  ])('fails if a free-text key comes before the key that names the repository: %j', (keys, freeText, owner) => {
    expect(() => GitHubSubjectTemplate.fromIncludeClaimKeys(keys)).toThrow(
      `Invalid GitHubSubjectTemplate.fromIncludeClaimKeys(includeClaimKeys) '[${keys.join(', ')}]': '${freeText}' carries free text, which GitHub does not ` +
      `document as free of ':', and comes before '${owner}', so a repository of another owner could spell the repository in its value.`);
  });

  test.each([
    [['repo', 'workflow', 'context']],
    [['repository_owner', 'job_workflow_ref']],
    [['environment', 'event_name', 'ref_type', 'repository_owner']],
  ])('accepts free text after the key that names the repository, and documented grammars before it: %j', (keys) => {
    expect(GitHubSubjectTemplate.fromIncludeClaimKeys(keys).includeClaimKeys).toEqual(keys);
  });
});
