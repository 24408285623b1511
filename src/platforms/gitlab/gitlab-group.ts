import { GitLabScopeParts } from './facts/gitlab-scope-parts';
import { checkGroupPath, checkId } from './gitlab-names';
import { GitLabScope } from './gitlab-scope';
import { FindingId } from '../../core/finding-id';
import { SubjectWarning } from '../../core/finding-texts';
import { checkKind, checkOptions } from '../../core/runtime-checks';
import { ClaimPin } from '../../core/subject-spec';

/**
 * Options of a GitLab group scope.
 */
export interface GitLabGroupOptions {
  /**
   * The group's numeric id, pinned as the condition key `gitlab.com:namespace_id` (see `pinIds`)
   * so that a deleted and re-registered group path cannot match.
   *
   * A token's `namespace_id` is the id of the project's direct parent. With this id, the role
   * therefore admits only projects directly in this group: projects of its subgroups carry
   * their subgroup's id and are refused. For a subgroup, name it, e.g.
   * `GitLabGroup.of('acme-group/platform', { namespaceId })` with the subgroup's id.
   *
   * @default - no id: every project under the group path, subgroups included
   */
  readonly namespaceId?: number;

  /**
   * Whether `namespaceId` is required as the condition key `namespace_id`.
   *
   * IAM receives that key only from gitlab.com's issuer (AWS STS, 2026-01); pinning it for a
   * self-managed instance is a synthesis error (the role would be unusable). Set `false` there.
   *
   * @default true
   */
  readonly pinIds?: boolean;
}

/**
 * Every project of a GitLab group (or user namespace), the scope of a whole-group trust.
 *
 * The subjects' fixed part ends with `project_path:<group>/`, so `acme-group` never matches
 * `acme-group-evil`. IAM's `*` also matches `/`, so the projects of every subgroup are
 * included (unless `namespaceId` is pinned). Every subject warns with id
 * `cdk-ci-oidc:wholeGroupSubject`: any project created in the group later is trusted too.
 *
 * Only projects with GitLab's default `project_path` subject match; a group subject in the
 * `project_id` form would need a wildcard in place of the project.
 *
 * @example
 * import { GitLabGroup } from 'cdk-ci-oidc';
 *
 * const subject = GitLabGroup.of('acme-group', { namespaceId: 1234 }).tag('v*');
 */
export class GitLabGroup extends GitLabScope {
  /**
   * A group, subgroup or user namespace by its full path, exactly as GitLab shows it (IAM compares case).
   */
  public static of(path: string, options: GitLabGroupOptions = {}): GitLabGroup {
    checkKind('GitLabGroup.of(path)', path, 'string', "a group path, e.g. 'acme-group'");
    checkOptions('GitLabGroup.of(options)', options, { namespaceId: 'number', pinIds: 'boolean' });
    return new GitLabGroup(path, options);
  }

  /** The group's full path. */
  public readonly path: string;
  /** The group's numeric id, if given. */
  public readonly namespaceId?: number;

  /** @internal */
  protected readonly _parts: GitLabScopeParts;

  private constructor(path: string, options: GitLabGroupOptions) {
    super();
    checkGroupPath('GitLabGroup.of(path)', path);
    const source = `GitLabGroup.of('${path}')`;
    checkId(`${source} namespaceId`, options.namespaceId, '1234 (the group overview page)');
    this.path = path;
    this.namespaceId = options.namespaceId;

    const pinned = (options.pinIds ?? true) && options.namespaceId !== undefined;
    const pins: ClaimPin[] = pinned
      ? [{ claim: 'namespace_id', value: String(options.namespaceId), whenUnsupported: `set pinIds: false in ${source}` }]
      : [];
    this._parts = {
      // '*' stands for the rest of the project path: subgroups and project.
      prefix: `project_path:${path}/*:`,
      pins,
      label: pinned ? `every project directly in ${path}` : `every project of ${path}`,
      risks: [SubjectWarning.whole(FindingId.WHOLE_GROUP, 'project', path, !pinned, `GitLabProject.of('${path}/<project>')`)],
      source,
    };
  }
}
