import { GitHubScopeParts } from './facts/github-scope-parts';
import { GitHubIdOptions } from './github-id-options';
import { checkId, checkOwner, OWNER_ID_LOOKUP } from './github-names';
import { repoForms } from './github-repo-forms';
import { GitHubScope } from './github-scope';
import { GitHubSubjectFormat } from './github-subject-format';
import { FindingId } from '../../core/finding-id';
import { SubjectWarning } from '../../core/finding-texts';
import { checkKind, checkOptions } from '../../core/runtime-checks';
import { ClaimPin } from '../../core/subject-spec';

/**
 * Every repository of a GitHub owner (organization or user), the scope of a whole-owner trust.
 *
 * The subjects' fixed part ends with `repo:<owner>/`, so `acme` never matches `acme-evil`.
 * Every subject warns with id `cdk-ci-oidc:wholeOwnerSubject`: any repository created in
 * the owner later is trusted too. Give `ownerId` so that a re-registered owner name cannot match.
 *
 * @example
 * import { GitHubOwner } from 'cdk-ci-oidc';
 *
 * const subject = GitHubOwner.of('acme', { ownerId: 1234567 }).environment('production');
 */
export class GitHubOwner extends GitHubScope {
  /**
   * An owner by name, exactly as GitHub writes it (IAM compares case).
   */
  public static of(owner: string, options: GitHubIdOptions = {}): GitHubOwner {
    checkKind('GitHubOwner.of(owner)', owner, 'string', "an owner name, e.g. 'acme'");
    checkOptions('GitHubOwner.of(options)', options, { ownerId: 'number', subjectFormat: Object.values(GitHubSubjectFormat), pinIds: 'boolean' });
    return new GitHubOwner(owner, options);
  }

  /** The owner's name. */
  public readonly owner: string;
  /** The owner's numeric id, if given. */
  public readonly ownerId?: number;

  /** @internal */
  protected readonly _parts: GitHubScopeParts;

  private constructor(owner: string, options: GitHubIdOptions) {
    super();
    const source = `GitHubOwner.of('${owner}')`;
    checkOwner('GitHubOwner.of(owner)', owner);
    checkId(`${source} ownerId`, options.ownerId, OWNER_ID_LOOKUP);
    this.owner = owner;
    this.ownerId = options.ownerId;

    const haveId = options.ownerId !== undefined;
    // '*' stands for the repository name (and, in the immutable form, its '@<id>').
    const prefixes = repoForms(`${source} subjectFormat`, options.subjectFormat, ['ownerId'], haveId,
      `repo:${owner}/*:`, () => `repo:${owner}@${options.ownerId}/*:`);
    const pins: ClaimPin[] = (options.pinIds ?? true) && haveId
      ? [{ claim: 'repository_owner_id', value: String(options.ownerId), whenUnsupported: `set pinIds: false in ${source} to use the id only in the subject` }]
      : [];
    this._parts = {
      prefixes,
      pins,
      label: `every repository of ${owner}`,
      risks: [SubjectWarning.whole(FindingId.WHOLE_OWNER, 'repository', owner, false, `GitHubRepository.of('${owner}/<repository>')`)],
      source,
    };
  }
}
