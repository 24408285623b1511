import { Lazy } from 'aws-cdk-lib';
import { CiPlatform, GitLabProject, GitLabSubjectFormat } from '../../../src';

describe('GitLabProject subjects', () => {
  test('branch: exact project_path subject', () => {
    // GIVEN
    const project = GitLabProject.of('acme-group/platform/api');

    // WHEN
    const subject = project.branch('main');

    // THEN
    expect(subject.platform).toBe(CiPlatform.GITLAB_CI);
    expect(subject.subjectClaims).toEqual(['project_path:acme-group/platform/api:ref_type:branch:ref:main']);
    expect(subject.isPattern).toBe(false);
    expect(subject.pinnedClaims).toEqual({});
    expect(subject.description).toBe('acme-group/platform/api, branch main');
    expect(subject.risks).toEqual([]);
  });

  test('tag: the ref type tells a tag from a branch of the same name', () => {
    // GIVEN
    const project = GitLabProject.of('acme-group/api');

    // WHEN
    const tag = project.tag('main');
    const branch = project.branch('main');

    // THEN
    expect(tag.subjectClaims).toEqual(['project_path:acme-group/api:ref_type:tag:ref:main']);
    expect(branch.subjectClaims).toEqual(['project_path:acme-group/api:ref_type:branch:ref:main']);
  });

  test('a branch or tag with * or ? is a pattern', () => {
    // GIVEN
    const project = GitLabProject.of('acme-group/api');

    // WHEN
    const releases = project.branch('release/*');
    const versions = project.tag('v1.?.*');

    // THEN
    expect(releases.subjectClaims).toEqual(['project_path:acme-group/api:ref_type:branch:ref:release/*']);
    expect(releases.isPattern).toBe(true);
    expect(versions.subjectClaims).toEqual(['project_path:acme-group/api:ref_type:tag:ref:v1.?.*']);
    expect(versions.isPattern).toBe(true);
  });

  test('anyRef: every branch and tag of the project, warned', () => {
    // WHEN
    const subject = GitLabProject.of('acme-group/api').anyRef();

    // THEN
    expect(subject.subjectClaims).toEqual(['project_path:acme-group/api:ref_type:*']);
    expect(subject.isPattern).toBe(true);
    expect(subject.risks.map((risk) => risk.id)).toEqual(['cdk-ci-oidc:anyRefSubject']);
  });

  test('a branch of wildcards only is warned as any branch', () => {
    // WHEN
    const subject = GitLabProject.of('acme-group/api').branch('*');
    const tags = GitLabProject.of('acme-group/api').tag('*');

    // THEN
    expect(subject.risks.map((risk) => risk.id)).toEqual(['cdk-ci-oidc:anyBranch']);
    expect(tags.risks.map((risk) => risk.id)).toEqual(['cdk-ci-oidc:anyTag']);
  });

  test('case is kept as given: GitLab emits the path as stored', () => {
    // WHEN
    const subject = GitLabProject.of('Acme-Group/API').branch('Main');

    // THEN
    expect(subject.subjectClaims).toEqual(['project_path:Acme-Group/API:ref_type:branch:ref:Main']);
  });

  test('a user namespace project', () => {
    expect(GitLabProject.of('jdoe/dotfiles').tag('v1').subjectClaims).toEqual(['project_path:jdoe/dotfiles:ref_type:tag:ref:v1']);
  });

  test('names GitLab allows: _ and . at the start, -, . and _ inside', () => {
    expect(GitLabProject.of('_acme/.config-files_v2.x').branch('main').subjectClaims)
      .toEqual(['project_path:_acme/.config-files_v2.x:ref_type:branch:ref:main']);
  });
});

describe('GitLabProject ids', () => {
  test('projectId is pinned as project_id for a project_path subject', () => {
    // WHEN
    const subject = GitLabProject.of('acme-group/api', { projectId: 4242 }).branch('main');

    // THEN
    expect(subject.subjectClaims).toEqual(['project_path:acme-group/api:ref_type:branch:ref:main']);
    expect(subject.pinnedClaims).toEqual({ project_id: '4242' });
  });

  test('pinIds: false keeps the id out of the conditions', () => {
    // WHEN
    const subject = GitLabProject.of('acme-group/api', { projectId: 4242, pinIds: false }).branch('main');

    // THEN
    expect(subject.pinnedClaims).toEqual({});
  });

  test('PROJECT_ID format: the id is the subject and is not pinned again', () => {
    // GIVEN
    const project = GitLabProject.of('acme-group/api', { projectId: 4242, subjectFormat: GitLabSubjectFormat.PROJECT_ID });

    // WHEN
    const branch = project.branch('main');
    const tag = project.tag('v*');
    const any = project.anyRef();

    // THEN
    expect(project.subjectFormat).toBe(GitLabSubjectFormat.PROJECT_ID);
    expect(branch.subjectClaims).toEqual(['project_id:4242:ref_type:branch:ref:main']);
    expect(branch.isPattern).toBe(false);
    expect(branch.pinnedClaims).toEqual({});
    expect(branch.description).toBe('acme-group/api (project_id 4242), branch main');
    expect(tag.subjectClaims).toEqual(['project_id:4242:ref_type:tag:ref:v*']);
    expect(any.subjectClaims).toEqual(['project_id:4242:ref_type:*']);
  });

  test('the largest safe integer is an id', () => {
    expect(GitLabProject.of('acme/api', { projectId: Number.MAX_SAFE_INTEGER }).branch('main').pinnedClaims)
      .toEqual({ project_id: '9007199254740991' });
    expect(GitLabProject.of('acme/api', { projectId: 1 }).branch('main').pinnedClaims).toEqual({ project_id: '1' });
  });

  test.each([0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1, Infinity])('fails if projectId is %p', (id) => {
    expect(() => GitLabProject.of('acme/api', { projectId: id })).toThrow(
      `Invalid GitLabProject.of('acme/api') projectId '${String(id)}': it is not a positive integer.`,
    );
  });

  test('fails if PROJECT_ID format has no projectId', () => {
    expect(() => GitLabProject.of('acme/api', { subjectFormat: GitLabSubjectFormat.PROJECT_ID })).toThrow(
      "Invalid GitLabProject.of('acme/api') subjectFormat 'PROJECT_ID': the project_id subject form needs projectId. " +
      'Allowed form: GitLabSubjectFormat.PROJECT_PATH, or give projectId.',
    );
  });
});

describe('GitLabProject paths', () => {
  test('22 segments (group, 20 subgroups, project) is the deepest path', () => {
    // GIVEN
    const path = [...Array.from({ length: 21 }, (_, i) => `g${i}`), 'api'].join('/');

    // THEN
    expect(() => GitLabProject.of(path)).not.toThrow();
    expect(() => GitLabProject.of(`g/${path}`)).toThrow('it has 22 namespace levels, and GitLab allows at most 21');
  });

  test('fails if the path is empty', () => {
    expect(() => GitLabProject.of('')).toThrow("Invalid GitLabProject.of(path) '': it is empty. Allowed form: '<group>[/<subgroup>...]/<project>'");
  });

  test.each([
    ['api', 'it has no group or user namespace before the project'],
    ['/acme/api', "it starts or ends with '/'"],
    ['acme/api/', "it starts or ends with '/'"],
    ['acme//api', "it has an empty segment ('//')"],
    ['acme/*', 'wildcards are never allowed in a group or project path'],
    ['acme/a*i', 'wildcards are never allowed in a group or project path'],
    ['*/api', 'wildcards are never allowed in a group or project path'],
    ['acme/ap?', 'wildcards are never allowed in a group or project path'],
    ['acme/api:ref_type:branch', "'api:ref_type:branch' is not a GitLab path segment"],
    ['acme/${aws:username}', "it contains '${', which IAM reads as a policy variable"],
    ['acme/my api', "'my api' is not a GitLab path segment"],
    ['acme/\u043f\u0440\u043e\u0435\u043a\u0442', "it contains '\u043f' (U+043F), outside Latin-1, which IAM policies cannot carry"],
    ['acme/caf\u00e9', "'caf\u00e9' is not a GitLab path segment"],
    ['acme/-api', "'-api' is not a GitLab path segment"],
    ['acme/..', "'..' is not a GitLab path segment"],
    ['acme/api.git', "'api.git' ends in '.git' or '.atom'"],
    ['acme/api.atom', "'api.atom' ends in '.git' or '.atom'"],
    ['acme./api', "the namespace 'acme.' ends with '.'"],
  ])('fails if the path is %p', (path, problem) => {
    expect(() => GitLabProject.of(path)).toThrow(`Invalid GitLabProject.of(path) '${path}': ${problem}`);
  });

  test('fails if the path is a token', () => {
    // GIVEN
    const token = Lazy.string({ produce: () => 'acme/api' });

    // THEN
    expect(() => GitLabProject.of(token)).toThrow('it is a token; paths must be literal so that they can be checked');
  });
});

describe('GitLabProject refs', () => {
  test.each([
    ['', 'it is empty'],
    ['refs/heads/main', "it is a full ref; give the short name ('main', not 'refs/heads/main')"],
    ['x:ref_type:tag:ref:v1', 'git does not allow it in a ref name'],
    ['feature branch', 'git does not allow it in a ref name'],
    ['a..b', 'git does not allow it in a ref name'],
    ['-main', 'git does not allow it in a ref name'],
    ['main.lock', 'git does not allow it in a ref name'],
    ['release/', 'git does not allow it in a ref name'],
    ['${aws:username}', "it contains '${'"],
    ['caf\u00e9\u2603', "it contains '\u2603' (U+2603), outside Latin-1, which IAM policies cannot carry"],
  ])('fails if the branch is %p', (branch, problem) => {
    expect(() => GitLabProject.of('acme/api').branch(branch)).toThrow(`Invalid GitLabProject.of('acme/api').branch(branch) '${branch}': ${problem}`);
  });

  test('fails if the tag is a full ref', () => {
    expect(() => GitLabProject.of('acme/api').tag('refs/tags/v1')).toThrow(
      "Invalid GitLabProject.of('acme/api').tag(tag) 'refs/tags/v1': it is a full ref; give the short name ('main', not 'refs/heads/main'). " +
      "Allowed form: a tag name such as 'v1.2.3' or 'v*' ('*' and '?' make it a pattern).",
    );
  });

  test('Latin-1 letters, dots and slashes are legal ref names', () => {
    expect(GitLabProject.of('acme/api').branch('feature/caf\u00e9-1.2').subjectClaims)
      .toEqual(['project_path:acme/api:ref_type:branch:ref:feature/caf\u00e9-1.2']);
  });
});
