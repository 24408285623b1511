import { requestContext } from './iam-evaluator';
import { dataResidencyIssuer, enterpriseIssuer, gitHubToken } from '../fixtures/tokens/github-token';

/** The token helpers reproduce the platforms' documented examples. */
describe('GitHub token helper', () => {
  test('reproduces the claims of GitHub documented example token (environment prod in octo-org/octo-repo)', () => {
    // GIVEN the run of GitHub's example: a workflow_dispatch on main, in environment prod
    const token = gitHubToken({
      repository: 'octo-org/octo-repo',
      ownerId: 65,
      repositoryId: 74,
      event: 'workflow_dispatch',
      environment: 'prod',
      audience: 'https://github.com/octo-org',
      jobWorkflowRef: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
    });

    // THEN the documented claims come out as documented
    expect(token).toMatchObject({
      sub: 'repo:octo-org/octo-repo:environment:prod',
      environment: 'prod',
      aud: 'https://github.com/octo-org',
      ref: 'refs/heads/main',
      repository: 'octo-org/octo-repo',
      repository_owner: 'octo-org',
      repository_id: '74',
      repository_owner_id: '65',
      ref_type: 'branch',
      event_name: 'workflow_dispatch',
      head_ref: '',
      base_ref: '',
      job_workflow_ref: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
      iss: 'https://token.actions.githubusercontent.com',
    });
    // and every claim of the example is there
    for (const claim of ['jti', 'sub', 'environment', 'aud', 'ref', 'sha', 'repository', 'repository_owner', 'actor_id', 'repository_visibility',
      'repository_id', 'repository_owner_id', 'run_id', 'run_number', 'run_attempt', 'runner_environment', 'actor', 'workflow', 'head_ref',
      'base_ref', 'event_name', 'ref_type', 'job_workflow_ref', 'iss', 'nbf', 'exp', 'iat']) {
      expect(token).toHaveProperty(claim);
    }
  });

  test.each([
    ['a branch push', { repository: 'octo-org/octo-repo', ref: 'refs/heads/demo-branch' }, 'repo:octo-org/octo-repo:ref:refs/heads/demo-branch'],
    ['a tag push', { repository: 'octo-org/octo-repo', ref: 'refs/tags/demo-tag' }, 'repo:octo-org/octo-repo:ref:refs/tags/demo-tag'],
    ['a pull request', { repository: 'octo-org/octo-repo', event: 'pull_request' }, 'repo:octo-org/octo-repo:pull_request'],
    ['an environment with a colon', { repository: 'octo-org/octo-repo', environment: 'Production:V1' }, 'repo:octo-org/octo-repo:environment:Production%3AV1'],
    ['an immutable subject', { repository: 'octo-org/octo-repo', ownerId: 123456, repositoryId: 456789, immutableSubject: true },
      'repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main'],
    ['a template of repo, context and job_workflow_ref', {
      repository: 'octo-org/octo-repo',
      environment: 'prod',
      subjectClaimKeys: ['repo', 'context', 'job_workflow_ref'],
      jobWorkflowRef: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
    }, 'repo:octo-org/octo-repo:environment:prod:job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main'],
    ['a template of repository_owner and repository_visibility', {
      repository: 'monalisa/app', subjectClaimKeys: ['repository_owner', 'repository_visibility'],
    }, 'repository_owner:monalisa:repository_visibility:private'],
    ['a template of environment and repository_owner', {
      repository: 'octo-org/octo-repo', environment: 'production:eastus', subjectClaimKeys: ['environment', 'repository_owner'],
    }, 'environment:production%3Aeastus:repository_owner:octo-org'],
  ])('writes the sub of %s as GitHub documents it', (_label, run, sub) => {
    expect(gitHubToken(run).sub).toBe(sub);
  });

  test('pull_request_target runs on the base branch and still has a pull_request subject', () => {
    const token = gitHubToken({ repository: 'acme/api', event: 'pull_request_target', baseRef: 'main', headRef: 'fork-branch' });
    expect(token).toMatchObject({ sub: 'repo:acme/api:pull_request', ref: 'refs/heads/main', event_name: 'pull_request_target', head_ref: 'fork-branch' });
  });

  test('fails if a template names the environment and the job has none (GitHub refuses the token)', () => {
    expect(() => gitHubToken({ repository: 'acme/api', subjectClaimKeys: ['repo', 'environment'] })).toThrow(/no claim 'environment'/);
  });
});

describe('request context', () => {
  test('github.com: aud, sub and the documented keys, named after the issuer', () => {
    const context = requestContext(gitHubToken({ repository: 'acme/api', ownerId: 1, repositoryId: 2, environment: 'prod' }));
    expect(Object.keys(context).sort()).toEqual([
      'actor', 'actor_id', 'aud', 'environment', 'job_workflow_ref', 'ref', 'repository', 'repository_id', 'repository_owner_id', 'sub', 'workflow',
    ].map((claim) => `token.actions.githubusercontent.com:${claim}`));
  });

  test('an enterprise slug issuer gets the same keys under its own prefix, enterprise_id included', () => {
    const context = requestContext(gitHubToken({ repository: 'acme/api', issuer: enterpriseIssuer('acme-corp'), enterprise: { slug: 'acme-corp', id: 9 } }));
    expect(context['token.actions.githubusercontent.com/acme-corp:enterprise_id']).toBe('9');
    expect(context['token.actions.githubusercontent.com/acme-corp:sub']).toBe('repo:acme/api:ref:refs/heads/main');
  });

  test('GHE.com: aud and sub only', () => {
    const context = requestContext(gitHubToken({ repository: 'acme/api', issuer: dataResidencyIssuer('octocorp') }));
    expect(Object.keys(context).sort()).toEqual(['token.actions.octocorp.ghe.com:aud', 'token.actions.octocorp.ghe.com:sub']);
  });
});
