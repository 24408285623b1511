import { FindingId } from '../../src/core/finding-id';
import { ReadingWarning, SubjectWarning } from '../../src/core/finding-texts';

describe('the words of subject warnings', () => {
  test('a builder and the audit say the same of any branch or tag, under the same id', () => {
    const built = SubjectWarning.anyRef('acme/api');
    const read = ReadingWarning.anyRef('acme/api', false, 'Trust named branches.');
    expect(built).toEqual({ id: FindingId.ANY_REF, message: 'acme/api: any branch or tag may assume this role, so anyone who can push a branch can.' });
    expect(read).toEqual({ ...built, fix: 'Trust named branches.' });
  });

  test('whole owners and groups: the builders add the factory to prefer, the audit a fix', () => {
    expect(SubjectWarning.whole(FindingId.WHOLE_GROUP, 'project', 'acme', true, "GitLabProject.of('acme/<project>')")).toEqual({
      id: 'cdk-ci-oidc:wholeGroupSubject',
      message: "Every project of 'acme' and its subgroups, including ones created later, may assume this role; prefer GitLabProject.of('acme/<project>').",
    });
    expect(ReadingWarning.whole(FindingId.WHOLE_OWNER, 'repository', 'acme', false, 'Name the repositories.')).toEqual({
      id: 'cdk-ci-oidc:wholeOwnerSubject',
      message: "Every repository of 'acme', including ones created later, may assume this role.",
      fix: 'Name the repositories.',
    });
  });

  test('every ref: a branch or a tag id by the kind', () => {
    expect(SubjectWarning.everyRefName('acme/api', 'tag', '*').id).toBe('cdk-ci-oidc:anyTag');
    expect(ReadingWarning.everyRef('acme/api', 'branch', 'fix').message).toBe('acme/api: every branch matches, so anyone who can push a branch can assume this role.');
  });

  test('an environment pattern names an example token only when there is one', () => {
    expect(ReadingWarning.environmentPattern('acme/api', undefined, 'fix').message).toBe('acme/api: the subject admits environments by a pattern; ' +
      'any writer can name a new environment in a workflow, and a new environment has no protection rules.');
    expect(ReadingWarning.environmentPattern('acme/api', 'repo:acme/api:environment:x', 'fix').message).toContain("by a pattern (e.g. 'repo:acme/api:environment:x');");
  });
});
