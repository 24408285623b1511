import { GitLabScopeParts } from './facts/gitlab-scope-parts';
import { GitLabSubject } from './gitlab-subject';
import { CiPlatform } from '../../core/ci-platform';
import { CiSubjectKind } from '../../core/ci-subject-kind';
import { SubjectWarning } from '../../core/finding-texts';
import { SubjectContext, SubjectRisk } from '../../core/subject-spec';
import { checkRefName, everyRefRisk } from '../../subjects/git-ref-name';
import { hasWildcard } from '../../subjects/literal-part';
import { scopedSubjectSpec } from '../../subjects/scoped-subject-spec';
import { refContext } from '../../subjects/subject-classification';


/*
 * Why IAM's `*` cannot forge the ref part of a GitLab `sub`: `*` matches any characters,
 * `:` and `/` included, so in `project_path:acme/*:ref_type:branch:ref:main` it could in
 * principle swallow `x:ref_type:tag:ref:v1...`. But the value must then still end with
 * `:ref_type:branch:ref:main`, and a token holds `ref_type` once, after the project path,
 * while none of the free-text parts can hold a `:` (GitLab paths allow letters, digits, '_',
 * '-' and '.'; git refuses ':' in ref names). So the text after the first `*` can only be
 * matched by the token's own ref_type and ref: a tag job never matches a branch subject,
 * whatever its project or tag is called.
 */

/**
 * A project or a whole group: the scope that GitLab subjects are cut from.
 *
 * GitLab writes the short ref name into `sub` (`main`, not `refs/heads/main`), so every
 * subject names the ref type as well: a tag `main` never matches a branch subject `main`.
 */
export abstract class GitLabScope {
  /** @internal */
  protected abstract readonly _parts: GitLabScopeParts;

  /**
   * Jobs that run for a branch: `<scope>:ref_type:branch:ref:<branch>`.
   *
   * Merge request pipelines of a branch in the project itself carry that branch too; pipelines
   * of merge requests from forks carry the fork's project path and never match.
   *
   * @param branch the branch's short name (`main`, not `refs/heads/main`), as in GitLab (IAM
   * compares case); `*` and `?` make it a pattern, and `*` also matches `/`
   */
  public branch(branch: string): GitLabSubject {
    checkRefName(this._parts.source, 'branch', branch);
    return this.subject(`ref_type:branch:ref:${branch}`, `branch ${branch}`, hasWildcard(branch),
      everyRefRisk(this._parts.label, 'branch', branch), refContext(CiSubjectKind.BRANCH, branch));
  }

  /**
   * Jobs that run for a tag: `<scope>:ref_type:tag:ref:<tag>`.
   *
   * @param tag the tag's short name (`v1.2.3`, not `refs/tags/v1.2.3`); `*` and `?` make it a pattern
   */
  public tag(tag: string): GitLabSubject {
    checkRefName(this._parts.source, 'tag', tag);
    return this.subject(`ref_type:tag:ref:${tag}`, `tag ${tag}`, hasWildcard(tag),
      everyRefRisk(this._parts.label, 'tag', tag), refContext(CiSubjectKind.TAG, tag));
  }

  /**
   * Jobs that run for any branch or tag: `<scope>:ref_type:*`.
   *
   * Warns with id `cdk-ci-oidc:anyRefSubject`: anyone who can push a branch can assume the role.
   */
  public anyRef(): GitLabSubject {
    return this.subject('ref_type:*', 'any branch or tag', true, [SubjectWarning.anyRef(this._parts.label)], { kind: CiSubjectKind.ANY_REF });
  }

  private subject(claimSuffix: string, words: string, pattern: boolean, risks: SubjectRisk[], context: SubjectContext): GitLabSubject {
    const scope = { ...this._parts, prefixes: [this._parts.prefix] };
    return GitLabSubject._fromSpec(scopedSubjectSpec(CiPlatform.GITLAB_CI, scope, { claimSuffix, words, pattern, risks, pins: [], context }));
  }
}
