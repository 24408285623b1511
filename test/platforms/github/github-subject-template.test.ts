import { CiPlatform, GitHubSubjectClaimKey as Key, GitHubSubjectFormat, GitHubSubjectTemplate } from '../../../src';

const SHARED = 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main';

describe('GitHubSubjectTemplate', () => {
  describe('GitHub documented templates', () => {
    test('repo, context, job_workflow_ref: a repository, an environment and a reusable workflow', () => {
      // GIVEN
      const template = GitHubSubjectTemplate.of([Key.REPO, Key.CONTEXT, Key.JOB_WORKFLOW_REF]);

      // WHEN
      const subject = template.subject({ repository: 'octo-org/octo-repo', environment: 'prod', jobWorkflowRef: SHARED });

      // THEN the sub of GitHub's example
      expect(subject.subjectClaims).toEqual([
        'repo:octo-org/octo-repo:environment:prod:job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
      ]);
      expect(subject.platform).toBe(CiPlatform.GITHUB_ACTIONS);
      expect(subject.isPattern).toBe(false);
      expect(subject.pinnedClaims).toEqual({});
      expect(subject.risks).toEqual([]);
      expect(template.includeClaimKeys).toEqual(['repo', 'context', 'job_workflow_ref']);
    });

    test('repository_owner, repository_visibility: every private repository of an owner, warned', () => {
      // WHEN
      const subject = GitHubSubjectTemplate.fromIncludeClaimKeys(['repository_owner', 'repository_visibility'])
        .subject({ owner: 'monalisa', visibility: 'private' });

      // THEN
      expect(subject.subjectClaims).toEqual(['repository_owner:monalisa:repository_visibility:private']);
      expect(subject.risks.map((risk) => risk.id)).toEqual(['cdk-ci-oidc:wholeOwnerSubject', 'cdk-ci-oidc:anyRefSubject']);
    });

    test('environment, repository_owner: a colon in the environment is written %3A', () => {
      // WHEN
      const subject = GitHubSubjectTemplate.of([Key.ENVIRONMENT, Key.REPOSITORY_OWNER])
        .subject({ environment: 'production:eastus', owner: 'octo-org' });

      // THEN
      expect(subject.subjectClaims).toEqual(['environment:production%3Aeastus:repository_owner:octo-org']);
    });

    test.each([
      [[Key.REPOSITORY_ID], { repositoryId: 74 }, 'repository_id:74'],
      [[Key.REPOSITORY_OWNER_ID], { ownerId: 65 }, 'repository_owner_id:65'],
      [[Key.REPO], { repository: 'octo-org/octo-repo' }, 'repo:octo-org/octo-repo'],
      [[Key.REPO, Key.CONTEXT], { repository: 'octo-org/octo-repo', tag: 'v1.2.3' }, 'repo:octo-org/octo-repo:ref:refs/tags/v1.2.3'],
      [[Key.REPO, Key.CONTEXT], { repository: 'octo-org/octo-repo', pullRequest: true }, 'repo:octo-org/octo-repo:pull_request'],
    ])('%j gives %s', (keys, values, sub) => {
      expect(GitHubSubjectTemplate.of(keys).subject(values).subjectClaims).toEqual([sub]);
    });
  });

  test('every key, in the order of the template', () => {
    // GIVEN a template with every key that has a value of its own
    const template = GitHubSubjectTemplate.of([
      Key.REPOSITORY_OWNER_ID, Key.REPOSITORY, Key.REPOSITORY_ID, Key.REPOSITORY_OWNER, Key.REPOSITORY_VISIBILITY, Key.REF, Key.REF_TYPE,
      Key.ENVIRONMENT, Key.WORKFLOW, Key.WORKFLOW_REF, Key.EVENT_NAME, Key.RUNNER_ENVIRONMENT, Key.ENTERPRISE, Key.ENTERPRISE_ID,
      Key.JOB_WORKFLOW_REF,
    ]);

    // WHEN
    const subject = template.subject({
      ownerId: 65,
      repository: 'octo-org/octo-repo',
      repositoryId: 74,
      visibility: 'internal',
      branch: 'main',
      environment: 'prod',
      workflow: 'Deploy: prod',
      workflowRef: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
      eventName: 'workflow_dispatch',
      runnerEnvironment: 'self-hosted',
      enterprise: 'avocado-corp',
      enterpriseId: 2,
      jobWorkflowRef: SHARED,
    });

    // THEN
    expect(subject.subjectClaims).toEqual([[
      'repository_owner_id:65', 'repository:octo-org/octo-repo', 'repository_id:74', 'repository_owner:octo-org', 'repository_visibility:internal',
      'ref:refs/heads/main', 'ref_type:branch', 'environment:prod', 'workflow:Deploy%3A prod',
      'workflow_ref:octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main', 'event_name:workflow_dispatch',
      'runner_environment:self-hosted', 'enterprise:avocado-corp', 'enterprise_id:2', `job_workflow_ref:${SHARED}`,
    ].join(':')]);
  });

  describe('immutable subjects', () => {
    test('with both ids the repo part comes in both forms', () => {
      // WHEN
      const subject = GitHubSubjectTemplate.of([Key.REPO, Key.CONTEXT, Key.JOB_WORKFLOW_REF])
        .subject({ repository: 'octo-org/octo-repo', ownerId: 123456, repositoryId: 456789, branch: 'main', jobWorkflowRef: SHARED });

      // THEN
      expect(subject.subjectClaims).toEqual([
        `repo:octo-org/octo-repo:ref:refs/heads/main:job_workflow_ref:${SHARED}`,
        `repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main:job_workflow_ref:${SHARED}`,
      ]);
    });

    test('IMMUTABLE keeps only the form with ids', () => {
      const subject = GitHubSubjectTemplate.of([Key.REPO, Key.CONTEXT])
        .subject({ repository: 'octo-org/octo-repo', ownerId: 1, repositoryId: 2, subjectFormat: GitHubSubjectFormat.IMMUTABLE, environment: 'prod' });
      expect(subject.subjectClaims).toEqual(['repo:octo-org@1/octo-repo@2:environment:prod']);
    });

    test('fails if the immutable form lacks an id', () => {
      expect(() => GitHubSubjectTemplate.of([Key.REPO, Key.CONTEXT])
        .subject({ repository: 'octo-org/octo-repo', ownerId: 1, subjectFormat: GitHubSubjectFormat.IMMUTABLE, branch: 'main' }))
        .toThrow("Invalid GitHubSubjectTemplate.subject(values.subjectFormat) 'IMMUTABLE': the immutable subject form needs both ownerId and " +
          'repositoryId. Allowed form: GitHubSubjectFormat.LEGACY, or give ownerId and repositoryId.');
    });
  });

  describe('risks', () => {
    test('no branch, tag or environment: any ref, warned', () => {
      const subject = GitHubSubjectTemplate.of([Key.REPO, Key.JOB_WORKFLOW_REF]).subject({ repository: 'acme/api', jobWorkflowRef: SHARED });
      expect(subject.risks.map((risk) => risk.id)).toEqual(['cdk-ci-oidc:anyRefSubject']);
    });

    test('a pull_request context is warned', () => {
      const subject = GitHubSubjectTemplate.of([Key.REPO, Key.CONTEXT]).subject({ repository: 'acme/api', pullRequest: true });
      expect(subject.risks.map((risk) => risk.id)).toEqual(['cdk-ci-oidc:pullRequestSubject']);
    });

    test('an owner id without a repository: the whole owner, warned', () => {
      const subject = GitHubSubjectTemplate.of([Key.REPOSITORY_OWNER_ID, Key.CONTEXT]).subject({ ownerId: 65, branch: 'main' });
      expect(subject.subjectClaims).toEqual(['repository_owner_id:65:ref:refs/heads/main']);
      expect(subject.risks.map((risk) => risk.id)).toEqual(['cdk-ci-oidc:wholeOwnerSubject']);
    });
  });

  describe('templates', () => {
    const FORM = 'Allowed form: unique claim keys among repo, context, repository, repository_id, repository_owner, repository_owner_id, ' +
      'repository_visibility, environment, ref, ref_type, job_workflow_ref, workflow_ref, workflow, event_name, runner_environment, enterprise, ' +
      "enterprise_id, naming the repository or its owner, e.g. ['repo', 'context', 'job_workflow_ref'].";

    test.each([
      ['it names no repository or owner (a reusable workflow alone)', ['job_workflow_ref'],
        "Invalid GitHubSubjectTemplate.fromIncludeClaimKeys(includeClaimKeys) '[job_workflow_ref]': it names neither the repository nor its owner, " +
        'so a repository of any owner with the same template would match. '],
      ['it names only the context and the enterprise', ['context', 'enterprise_id'],
        "Invalid GitHubSubjectTemplate.fromIncludeClaimKeys(includeClaimKeys) '[context, enterprise_id]': it names neither the repository nor its owner, " +
        'so a repository of any owner with the same template would match. '],
      ['a key is not supported', ['repo', 'run_id'],
        "Invalid GitHubSubjectTemplate.fromIncludeClaimKeys(includeClaimKeys) '[repo, run_id]': 'run_id' is not a supported claim key. "],
      ['a key is written in another case', ['Repo', 'context'],
        "Invalid GitHubSubjectTemplate.fromIncludeClaimKeys(includeClaimKeys) '[Repo, context]': 'Repo' is not a supported claim key. "],
      ['a key appears twice', ['repo', 'context', 'repo'],
        "Invalid GitHubSubjectTemplate.fromIncludeClaimKeys(includeClaimKeys) '[repo, context, repo]': 'repo' appears twice. "],
      ['it is empty', [], "Invalid GitHubSubjectTemplate.fromIncludeClaimKeys(includeClaimKeys) '[]': it has no claim key. "],
    ])('fails if %s', (_label, keys, message) => {
      expect(() => GitHubSubjectTemplate.fromIncludeClaimKeys(keys)).toThrow(message + FORM);
    });
  });

  describe('values', () => {
    const template = GitHubSubjectTemplate.of([Key.REPO, Key.CONTEXT, Key.JOB_WORKFLOW_REF]);

    test.each([
      ['a value the template needs is missing', { repository: 'acme/api', branch: 'main' },
        "Invalid GitHubSubjectTemplate.subject(values.jobWorkflowRef) 'undefined': claim key 'job_workflow_ref' of the template needs it. Allowed form: a value for jobWorkflowRef."],
      ['no key of the template uses a value', { repository: 'acme/api', branch: 'main', jobWorkflowRef: SHARED, visibility: 'private' },
        "Invalid GitHubSubjectTemplate.subject(values.visibility) 'private': no claim key of the template [repo, context, job_workflow_ref] uses it. " +
        "Allowed form: only the values that the template's keys need."],
      ['the context has neither branch, tag, environment nor pull request', { repository: 'acme/api', jobWorkflowRef: SHARED },
        "Invalid GitHubSubjectTemplate.subject(values) '{}': claim key 'context' of the template needs a branch, a tag, an environment or pullRequest. " +
        'Allowed form: one of branch, tag, environment or pullRequest: true.'],
      ['both a branch and a tag are given', { repository: 'acme/api', branch: 'main', tag: 'main', jobWorkflowRef: SHARED },
        "Invalid GitHubSubjectTemplate.subject(values.tag) 'main': a job runs for a branch or a tag, and a branch is given too. Allowed form: either branch or tag."],
      ['a pull request has a branch', { repository: 'acme/api', branch: 'main', pullRequest: true, jobWorkflowRef: SHARED },
        "Invalid GitHubSubjectTemplate.subject(values.pullRequest) 'true': a pull request context has no branch or tag. " +
        'Allowed form: pullRequest alone, or a branch, a tag or an environment.'],
      ['the branch is a pattern', { repository: 'acme/api', branch: 'release/*', jobWorkflowRef: SHARED },
        "Invalid GitHubSubjectTemplate.subject(values.branch) 'release/*': it contains '*' or '?', and only branch and tag names may be patterns. " +
        "Allowed form: a branch's short name such as 'main', without wildcards."],
      ['the branch is a full ref', { repository: 'acme/api', branch: 'refs/heads/main', jobWorkflowRef: SHARED },
        "Invalid GitHubSubjectTemplate.subject(values.branch) 'refs/heads/main': it is a full ref; give the short name ('main', not 'refs/heads/main'). " +
        "Allowed form: a branch's short name such as 'main', without wildcards."],
      ['the repository is a wildcard', { repository: 'acme/*', branch: 'main', jobWorkflowRef: SHARED },
        /^Invalid GitHubSubjectTemplate.subject\(values.repository\) 'acme\/\*': wildcards are never allowed/],
      ['the environment is a pattern', { repository: 'acme/api', environment: 'prod*', jobWorkflowRef: SHARED },
        "Invalid GitHubSubjectTemplate.subject(values.environment) 'prod*': it contains '*' or '?', and only branch and tag names may be patterns. " +
        "Allowed form: an environment name such as 'production', without wildcards."],
      ['the reusable workflow has a short ref', { repository: 'acme/api', branch: 'main', jobWorkflowRef: 'acme/shared/.github/workflows/d.yml@main' },
        /^Invalid GitHubSubjectTemplate.subject\(values.jobWorkflowRef\) 'acme\/shared\/.github\/workflows\/d.yml@main': '@main' is not a full ref/],
    ])('fails if %s', (_label, values, message) => {
      expect(() => template.subject(values)).toThrow(message);
    });

    test('the environment name boundary: 255 characters pass, 256 fail', () => {
      const envTemplate = GitHubSubjectTemplate.of([Key.REPO, Key.ENVIRONMENT]);
      expect(envTemplate.subject({ repository: 'acme/api', environment: 'e'.repeat(255) }).subjectClaims).toEqual([`repo:acme/api:environment:${'e'.repeat(255)}`]);
      expect(() => envTemplate.subject({ repository: 'acme/api', environment: 'e'.repeat(256) })).toThrow(/it is longer than 255 characters/);
    });

    test.each([
      ['visibility', [Key.REPO, Key.REPOSITORY_VISIBILITY], { repository: 'acme/api', visibility: 'secret' },
        "Invalid GitHubSubjectTemplate.subject(values.visibility) 'secret': it is not one of the values GitHub writes. Allowed form: 'public', 'private', 'internal'."],
      ['runnerEnvironment', [Key.REPO, Key.RUNNER_ENVIRONMENT], { repository: 'acme/api', runnerEnvironment: 'GitHub-hosted' },
        "Invalid GitHubSubjectTemplate.subject(values.runnerEnvironment) 'GitHub-hosted': it is not one of the values GitHub writes. Allowed form: 'github-hosted', 'self-hosted'."],
      ['eventName', [Key.REPO, Key.EVENT_NAME], { repository: 'acme/api', eventName: 'push:x' },
        "Invalid GitHubSubjectTemplate.subject(values.eventName) 'push:x': it is not an event name. Allowed form: an event name such as 'push' or 'workflow_dispatch'."],
      ['enterprise', [Key.REPO, Key.ENTERPRISE], { repository: 'acme/api', enterprise: 'Acme Corp' },
        "Invalid GitHubSubjectTemplate.subject(values.enterprise) 'Acme Corp': it is not an enterprise slug. Allowed form: lowercase letters, digits and inner hyphens, e.g. 'acme-corp'."],
      ['repositoryId', [Key.REPOSITORY_ID], { repositoryId: 0 },
        "Invalid GitHubSubjectTemplate.subject(values.repositoryId) '0': it is not a positive integer. Allowed form: GitHub's numeric id, e.g. 123456789 (from `gh api repos/OWNER/REPO --jq .id`)."],
      ['owner', [Key.REPO, Key.REPOSITORY_OWNER], { repository: 'acme/api', owner: 'other' },
        "Invalid GitHubSubjectTemplate.subject(values.owner) 'other': the repository 'acme/api' has another owner. " +
        'Allowed form: the owner of the repository, or no owner (it is taken from the repository).'],
    ])('fails if %s is not what GitHub writes', (_label, keys, values, message) => {
      expect(() => GitHubSubjectTemplate.of(keys).subject(values)).toThrow(message);
    });

    test('the owner comes from the repository when not given', () => {
      const subject = GitHubSubjectTemplate.of([Key.REPOSITORY_OWNER, Key.REPOSITORY, Key.CONTEXT]).subject({ repository: 'acme/api', branch: 'main' });
      expect(subject.subjectClaims).toEqual(['repository_owner:acme:repository:acme/api:ref:refs/heads/main']);
    });

    test('pullRequest: false is the same as not given', () => {
      const subject = template.subject({ repository: 'acme/api', branch: 'main', pullRequest: false, jobWorkflowRef: SHARED });
      expect(subject.subjectClaims).toEqual([`repo:acme/api:ref:refs/heads/main:job_workflow_ref:${SHARED}`]);
    });
  });
});
