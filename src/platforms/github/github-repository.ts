import { idPins } from './facts/github-pins';
import { GitHubScopeParts } from './facts/github-scope-parts';
import { GitHubIdOptions } from './github-id-options';
import { checkId, OWNER_ID_LOOKUP, parseRepository, REPOSITORY_ID_LOOKUP } from './github-names';
import { repoForms } from './github-repo-forms';
import { GitHubScope } from './github-scope';
import { GitHubSubjectFormat } from './github-subject-format';
import { checkKind, checkOptions } from '../../core/runtime-checks';

/**
 * Options of a GitHub repository scope.
 */
export interface GitHubRepositoryOptions extends GitHubIdOptions {
  /**
   * The repository's numeric id (`repository_id` claim).
   *
   * Pinned with `StringEquals` on `<issuer>:repository_id` (see `pinIds`) and used in the
   * immutable subject form, so that a deleted and re-created repository name cannot match.
   *
   * @default - no repository id: the name alone identifies the repository
   */
  readonly repositoryId?: number;
}

/**
 * A GitHub repository, the scope of the subjects its workflows present.
 *
 * @example
 * import { GitHubRepository } from 'cdk-ci-oidc';
 *
 * const repo = GitHubRepository.of('acme/api', { ownerId: 1234567, repositoryId: 89012345 });
 * const subject = repo.environment('production');
 */
export class GitHubRepository extends GitHubScope {
  /**
   * A repository by its full name, `owner/repository`, exactly as GitHub writes it.
   *
   * IAM compares case; GitHub puts the names in the token as they are shown on GitHub.
   */
  public static of(fullName: string, options: GitHubRepositoryOptions = {}): GitHubRepository {
    checkKind('GitHubRepository.of(fullName)', fullName, 'string', "'<owner>/<repository>', e.g. 'acme/api'");
    checkOptions('GitHubRepository.of(options)', options, {
      ownerId: 'number', repositoryId: 'number', subjectFormat: Object.values(GitHubSubjectFormat), pinIds: 'boolean',
    });
    return new GitHubRepository(fullName, options);
  }

  /** The owner's name. */
  public readonly owner: string;
  /** The repository's name, without the owner. */
  public readonly repository: string;
  /** `owner/repository`. */
  public readonly fullName: string;
  /** The owner's numeric id, if given. */
  public readonly ownerId?: number;
  /** The repository's numeric id, if given. */
  public readonly repositoryId?: number;

  /** @internal */
  protected readonly _parts: GitHubScopeParts;

  private constructor(fullName: string, options: GitHubRepositoryOptions) {
    super();
    const source = `GitHubRepository.of('${fullName}')`;
    const { owner, repository } = parseRepository('GitHubRepository.of(fullName)', fullName);
    checkId(`${source} ownerId`, options.ownerId, OWNER_ID_LOOKUP);
    checkId(`${source} repositoryId`, options.repositoryId, REPOSITORY_ID_LOOKUP);
    this.owner = owner;
    this.repository = repository;
    this.fullName = fullName;
    this.ownerId = options.ownerId;
    this.repositoryId = options.repositoryId;

    const prefixes = repoForms(`${source} subjectFormat`, options.subjectFormat, ['ownerId', 'repositoryId'],
      options.ownerId !== undefined && options.repositoryId !== undefined,
      `repo:${owner}/${repository}:`, () => `repo:${owner}@${options.ownerId}/${repository}@${options.repositoryId}:`);

    const pins = idPins(source, options, options.pinIds);
    this._parts = { prefixes, pins, label: fullName, risks: [], source };
  }
}
