import { GitLabScopeParts } from './facts/gitlab-scope-parts';
import { checkId, checkProjectPath } from './gitlab-names';
import { GitLabScope } from './gitlab-scope';
import { GitLabSubjectFormat } from './gitlab-subject-format';
import { checkKind, checkOptions } from '../../core/runtime-checks';
import { ClaimPin } from '../../core/subject-spec';
import { invalid } from '../../subjects/literal-part';

/**
 * Options of a GitLab project scope.
 */
export interface GitLabProjectOptions {
  /**
   * The project's numeric id (`project_id` claim), shown on the project's overview page.
   *
   * With `GitLabSubjectFormat.PROJECT_PATH` it is also required as the condition key
   * `gitlab.com:project_id` (see `pinIds`), so that a deleted and re-created project of the
   * same path cannot match. With `GitLabSubjectFormat.PROJECT_ID` it is the subject itself.
   *
   * @default - no id: the path alone identifies the project
   */
  readonly projectId?: number;

  /**
   * Which form of the `sub` claim the project's tokens carry (its `ci_id_token_sub_claim_components`).
   *
   * @default GitLabSubjectFormat.PROJECT_PATH - GitLab's default
   */
  readonly subjectFormat?: GitLabSubjectFormat;

  /**
   * Whether `projectId` is also required as the condition key `project_id`, in addition to
   * a `project_path` subject.
   *
   * IAM receives that key only from gitlab.com's issuer (AWS STS, 2026-01); a role that
   * requires a key IAM never receives is unusable, so pinning it for a self-managed instance
   * is a synthesis error. There, use `GitLabSubjectFormat.PROJECT_ID` (the id then is in
   * the subject) or set `false`. A `project_id` subject is never pinned again.
   *
   * @default true
   */
  readonly pinIds?: boolean;
}

/**
 * A GitLab project, the scope of the subjects its CI/CD jobs present.
 *
 * @example
 * import { GitLabProject } from 'cdk-ci-oidc';
 *
 * const project = GitLabProject.of('acme-group/platform/api', { projectId: 4242 });
 * const subject = project.branch('main');
 */
export class GitLabProject extends GitLabScope {
  /**
   * A project by its full path, `<group>[/<subgroup>...]/<project>` (or `<user>/<project>`),
   * exactly as GitLab shows it: IAM compares case, and GitLab puts the path in the token
   * with the case it was created with.
   */
  public static of(path: string, options: GitLabProjectOptions = {}): GitLabProject {
    checkKind('GitLabProject.of(path)', path, 'string', "a project path, e.g. 'acme-group/api'");
    checkOptions('GitLabProject.of(options)', options, { projectId: 'number', subjectFormat: Object.values(GitLabSubjectFormat), pinIds: 'boolean' });
    return new GitLabProject(path, options);
  }

  /** The project's full path. */
  public readonly path: string;
  /** The project's numeric id, if given. */
  public readonly projectId?: number;
  /** The form of `sub` the subjects match. */
  public readonly subjectFormat: GitLabSubjectFormat;

  /** @internal */
  protected readonly _parts: GitLabScopeParts;

  private constructor(path: string, options: GitLabProjectOptions) {
    super();
    checkProjectPath('GitLabProject.of(path)', path);
    const source = `GitLabProject.of('${path}')`;
    checkId(`${source} projectId`, options.projectId, '4242 (Settings > General, or the project overview page)');
    this.path = path;
    this.projectId = options.projectId;
    this.subjectFormat = options.subjectFormat ?? GitLabSubjectFormat.PROJECT_PATH;

    const pins: ClaimPin[] = [];
    let prefix: string;
    if (this.subjectFormat === GitLabSubjectFormat.PROJECT_ID) {
      if (options.projectId === undefined) {
        throw invalid(`${source} subjectFormat`, this.subjectFormat, 'the project_id subject form needs projectId',
          'GitLabSubjectFormat.PROJECT_PATH, or give projectId');
      }
      // The id is the subject: a pin would repeat it.
      prefix = `project_id:${options.projectId}:`;
    } else {
      prefix = `project_path:${path}:`;
      if ((options.pinIds ?? true) && options.projectId !== undefined) {
        pins.push({
          claim: 'project_id',
          value: String(options.projectId),
          whenUnsupported: `in ${source}, use subjectFormat: GitLabSubjectFormat.PROJECT_ID if the project's sub starts with 'project_id:', or set pinIds: false`,
        });
      }
    }
    const label = this.subjectFormat === GitLabSubjectFormat.PROJECT_ID ? `${path} (project_id ${options.projectId})` : path;
    this._parts = { prefix, pins, label, risks: [], source };
  }
}
