import { CiDeployRole, CiSubject, GitLabGroup, GitLabOidcProvider, GitLabProject, GitLabSubjectFormat } from '../../src';
import { decide, newStack, TokenPayload, trustPolicyOf } from '../evaluator/iam-evaluator';
import { gitLabIssuerOf } from '../fixtures/issuers';
import { gitLabToken, GitLabJob } from '../fixtures/tokens/gitlab-token';

/** The decision of an independent IAM evaluator for a role of the subjects, per job. */
function decisions(subjects: CiSubject[], jobs: GitLabJob[], options: { url?: string; requireProtectedRef?: boolean } = {}): string[] {
  const stack = newStack();
  const provider = new GitLabOidcProvider(stack, 'GitLab', { issuer: gitLabIssuerOf(options.url) });
  new CiDeployRole(stack, 'Role', { provider, subjects, requireProtectedRef: options.requireProtectedRef });
  const policy = trustPolicyOf(stack);
  return jobs.map((job) => decide(policy, gitLabToken(job)));
}

describe('GitLab trust policies under an IAM evaluator', () => {
  test('the token helper writes GitLab\'s documented subject forms', () => {
    const token: TokenPayload = gitLabToken({ project: 'my-group/my-project', ref: 'feature-branch-1' });
    expect(token.sub).toBe('project_path:my-group/my-project:ref_type:branch:ref:feature-branch-1');
    expect(gitLabToken({ project: 'a/b/c', projectId: 7, refType: 'tag', ref: 'v4.2.0', subClaimComponents: ['project_id', 'ref_type', 'ref'] }).sub)
      .toBe('project_id:7:ref_type:tag:ref:v4.2.0');
  });

  test('a project branch: only that branch of that project, with the right audience and issuer', () => {
    expect(decisions([GitLabProject.of('acme-group/api').branch('main')], [
      { project: 'acme-group/api' },
      { project: 'acme-group/api', refType: 'tag' },
      { project: 'acme-group/api', ref: 'main2' },
      { project: 'acme-group/api2' },
      { project: 'acme-group/ap' },
      { project: 'Acme-Group/api' },
      { project: 'acme-group/api', audience: 'https://gitlab.com' },
      { project: 'acme-group/api', issuer: 'https://gitlab.example.com' },
    ])).toEqual(['ALLOWED', 'DENIED', 'DENIED', 'DENIED', 'DENIED', 'DENIED', 'DENIED', 'DENIED']);
  });

  test('anyRef: every branch and tag of the project, no other project', () => {
    expect(decisions([GitLabProject.of('acme-group/api').anyRef()], [
      { project: 'acme-group/api', ref: 'feature/x' },
      { project: 'acme-group/api', refType: 'tag', ref: 'v1' },
      { project: 'acme-group/api-evil' },
      { project: 'acme-group/api/sub' },
    ])).toEqual(['ALLOWED', 'ALLOWED', 'DENIED', 'DENIED']);
  });

  test('a group: its projects and its subgroups\' projects, never a group whose name starts the same', () => {
    expect(decisions([GitLabGroup.of('acme-group').branch('main')], [
      { project: 'acme-group/api' },
      { project: 'acme-group/platform/api' },
      { project: 'acme-group-evil/api' },
      { project: 'acme-group/api', refType: 'tag' },
      { project: 'evil/acme-group/api' },
    ])).toEqual(['ALLOWED', 'ALLOWED', 'DENIED', 'DENIED', 'DENIED']);
  });

  test('a group tag pattern cannot be met by a branch whose name looks like a tag', () => {
    expect(decisions([GitLabGroup.of('acme-group').tag('v*')], [
      { project: 'acme-group/api', refType: 'tag', ref: 'v1.0.0' },
      { project: 'acme-group/api', refType: 'branch', ref: 'v1.0.0' },
      { project: 'acme-group/v1', refType: 'branch', ref: 'main' },
    ])).toEqual(['ALLOWED', 'DENIED', 'DENIED']);
  });

  test('a group with namespaceId on gitlab.com: projects directly in the group only', () => {
    expect(decisions([GitLabGroup.of('acme-group', { namespaceId: 100 }).branch('main')], [
      { project: 'acme-group/api', namespaceId: 100 },
      { project: 'acme-group/platform/api', namespaceId: 101 },
      { project: 'acme-group/api', namespaceId: 999 },
    ])).toEqual(['ALLOWED', 'DENIED', 'DENIED']);
  });

  test('a pinned project id refuses a re-created project of the same path', () => {
    expect(decisions([GitLabProject.of('acme-group/api', { projectId: 1000 }).branch('main')], [
      { project: 'acme-group/api', projectId: 1000 },
      { project: 'acme-group/api', projectId: 2000 },
    ])).toEqual(['ALLOWED', 'DENIED']);
  });

  test('requireProtectedRef: only protected branches', () => {
    expect(decisions([GitLabProject.of('acme-group/api').branch('main')], [
      { project: 'acme-group/api', refProtected: true },
      { project: 'acme-group/api', refProtected: false },
    ], { requireProtectedRef: true })).toEqual(['ALLOWED', 'DENIED']);
  });

  test('a project_id subject on a self-managed instance: the id, never the path', () => {
    const project = GitLabProject.of('platform/api', { projectId: 42, subjectFormat: GitLabSubjectFormat.PROJECT_ID });
    const idForm = ['project_id', 'ref_type', 'ref'];
    expect(decisions([project.branch('main')], [
      { project: 'platform/api', projectId: 42, issuer: 'https://gitlab.example.com', subClaimComponents: idForm },
      { project: 'renamed/api', projectId: 42, issuer: 'https://gitlab.example.com', subClaimComponents: idForm },
      { project: 'platform/api', projectId: 420, issuer: 'https://gitlab.example.com', subClaimComponents: idForm },
      { project: 'platform/api', projectId: 42, issuer: 'https://gitlab.example.com' },
      { project: 'platform/api', projectId: 42, issuer: 'https://gitlab.com', subClaimComponents: idForm },
    ], { url: 'https://gitlab.example.com' })).toEqual(['ALLOWED', 'ALLOWED', 'DENIED', 'DENIED', 'DENIED']);
  });
});
