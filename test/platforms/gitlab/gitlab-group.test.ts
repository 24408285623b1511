import { GitLabGroup } from '../../../src';

describe('GitLabGroup subjects', () => {
  test('branch: every project of the group and its subgroups, fixed part ending with /', () => {
    // WHEN
    const subject = GitLabGroup.of('acme-group').branch('main');

    // THEN
    expect(subject.subjectClaims).toEqual(['project_path:acme-group/*:ref_type:branch:ref:main']);
    expect(subject.isPattern).toBe(true);
    expect(subject.pinnedClaims).toEqual({});
    expect(subject.description).toBe('every project of acme-group, branch main');
    expect(subject.risks).toEqual([{
      id: 'cdk-ci-oidc:wholeGroupSubject',
      message: "Every project of 'acme-group' and its subgroups, including ones created later, may assume this role; " +
        "prefer GitLabProject.of('acme-group/<project>').",
    }]);
  });

  test('tag and anyRef', () => {
    // GIVEN
    const group = GitLabGroup.of('acme-group/platform');

    // WHEN
    const tag = group.tag('v*');
    const any = group.anyRef();

    // THEN
    expect(tag.subjectClaims).toEqual(['project_path:acme-group/platform/*:ref_type:tag:ref:v*']);
    expect(any.subjectClaims).toEqual(['project_path:acme-group/platform/*:ref_type:*']);
    expect(any.risks.map((risk) => risk.id)).toEqual(['cdk-ci-oidc:wholeGroupSubject', 'cdk-ci-oidc:anyRefSubject']);
  });

  test('namespaceId is pinned as namespace_id and limits the subject to projects directly in the group', () => {
    // WHEN
    const subject = GitLabGroup.of('acme-group', { namespaceId: 1234 }).branch('main');

    // THEN
    expect(subject.subjectClaims).toEqual(['project_path:acme-group/*:ref_type:branch:ref:main']);
    expect(subject.pinnedClaims).toEqual({ namespace_id: '1234' });
    expect(subject.description).toBe('every project directly in acme-group, branch main');
    expect(subject.risks[0].message).toBe(
      "Every project of 'acme-group', including ones created later, may assume this role; prefer GitLabProject.of('acme-group/<project>').",
    );
  });

  test('pinIds: false keeps namespace_id out', () => {
    // WHEN
    const subject = GitLabGroup.of('acme-group', { namespaceId: 1234, pinIds: false }).branch('main');

    // THEN
    expect(subject.pinnedClaims).toEqual({});
    expect(subject.description).toBe('every project of acme-group, branch main');
  });

  test('21 levels is the deepest group', () => {
    // GIVEN
    const path = Array.from({ length: 21 }, (_, i) => `g${i}`).join('/');

    // THEN
    expect(() => GitLabGroup.of(path)).not.toThrow();
    expect(() => GitLabGroup.of(`g/${path}`)).toThrow(`Invalid GitLabGroup.of(path) 'g/${path}': it has 22 levels, and GitLab allows at most 21.`);
  });

  test.each([
    ['', 'it is empty'],
    ['*', 'wildcards are never allowed in a group or project path'],
    ['acme-*', 'wildcards are never allowed in a group or project path'],
    ['acme/', "it starts or ends with '/'"],
    ['/acme', "it starts or ends with '/'"],
    ['acme//platform', "it has an empty segment ('//')"],
    ['acme:x', "'acme:x' is not a GitLab path segment"],
    ['acme group', "'acme group' is not a GitLab path segment"],
    ['acme.', "the namespace 'acme.' ends with '.'"],
    ['${aws:username}', "it contains '${', which IAM reads as a policy variable"],
  ])('fails if the group path is %p', (path, problem) => {
    expect(() => GitLabGroup.of(path)).toThrow(`Invalid GitLabGroup.of(path) '${path}': ${problem}`);
  });

  test.each([0, -7, 2.5])('fails if namespaceId is %p', (id) => {
    expect(() => GitLabGroup.of('acme', { namespaceId: id })).toThrow(
      `Invalid GitLabGroup.of('acme') namespaceId '${id}': it is not a positive integer. Allowed form: GitLab's numeric id, e.g. 1234 (the group overview page).`,
    );
  });

  test('fails if a branch of a group subject is malformed', () => {
    expect(() => GitLabGroup.of('acme').branch('a:b')).toThrow("Invalid GitLabGroup.of('acme').branch(branch) 'a:b': git does not allow it in a ref name.");
  });
});
