import { environmentPins } from './facts/github-pins';
import { GitHubScopeParts } from './facts/github-scope-parts';
import { GitHubSubject } from './github-subject';
import { CiPlatform } from '../../core/ci-platform';
import { CiSubjectKind } from '../../core/ci-subject-kind';
import { SubjectWarning } from '../../core/finding-texts';
import { ClaimPin, SubjectContext, SubjectRisk } from '../../core/subject-spec';
import { checkRefName, everyRefRisk } from '../../subjects/git-ref-name';
import { checkLiteral, hasWildcard, invalid } from '../../subjects/literal-part';
import { scopedSubjectSpec } from '../../subjects/scoped-subject-spec';
import { refContext } from '../../subjects/subject-classification';

const ENVIRONMENT_FORM = "an environment name such as 'production', without wildcards";

/**
 * A repository or a whole owner: the scope that GitHub subjects are cut from.
 */
export abstract class GitHubScope {
  /** @internal */
  protected abstract readonly _parts: GitHubScopeParts;

  /**
   * Jobs that run for a branch: `repo:<scope>:ref:refs/heads/<branch>`.
   *
   * Jobs that name an environment are not included: their subject names the environment instead.
   *
   * @param branch the branch's short name (`main`, not `refs/heads/main`); `*` and `?` make it a pattern,
   * and `*` also matches `/`
   */
  public branch(branch: string): GitHubSubject {
    checkRefName(this._parts.source, 'branch', branch);
    return this.subject(`ref:refs/heads/${branch}`, `branch ${branch}`, hasWildcard(branch),
      everyRefRisk(this._parts.label, 'branch', branch), [], refContext(CiSubjectKind.BRANCH, branch));
  }

  /**
   * Jobs that run for a tag: `repo:<scope>:ref:refs/tags/<tag>`.
   *
   * @param tag the tag's short name (`v1.2.3`, not `refs/tags/v1.2.3`); `*` and `?` make it a pattern
   */
  public tag(tag: string): GitHubSubject {
    checkRefName(this._parts.source, 'tag', tag);
    return this.subject(`ref:refs/tags/${tag}`, `tag ${tag}`, hasWildcard(tag),
      everyRefRisk(this._parts.label, 'tag', tag), [], refContext(CiSubjectKind.TAG, tag));
  }

  /**
   * Jobs that name a deployment environment: `repo:<scope>:environment:<name>`.
   *
   * The name is written as GitHub writes it in the token, with `:` encoded as `%3A`.
   * Environments with required reviewers or branch protection rules are the strongest
   * gate GitHub offers for deploy roles.
   *
   * @param environment the environment's name, exactly as in the repository's settings (IAM compares case)
   */
  public environment(environment: string): GitHubSubject {
    checkLiteral(`${this._parts.source}.environment(environment)`, environment, ENVIRONMENT_FORM);
    if (environment.length > 255) {
      throw invalid(`${this._parts.source}.environment(environment)`, environment, 'it is longer than 255 characters', ENVIRONMENT_FORM);
    }
    const pins = environmentPins(this._parts.label, environment);
    return this.subject(`environment:${environment.replace(/:/g, '%3A')}`, `environment ${environment}`, false, [], pins,
      { kind: CiSubjectKind.ENVIRONMENT, name: environment });
  }

  /**
   * Jobs triggered by `pull_request` events: `repo:<scope>:pull_request`.
   *
   * Risky for a role that can change anything: whoever can open a pull request from a
   * branch of the repository runs the workflow. Warns with id `cdk-ci-oidc:pullRequestSubject`.
   */
  public pullRequest(): GitHubSubject {
    return this.subject('pull_request', 'pull requests', false, [SubjectWarning.pullRequest(this._parts.label)], [], { kind: CiSubjectKind.PULL_REQUEST });
  }

  /**
   * Jobs that run for any branch or tag: `repo:<scope>:ref:*`.
   *
   * Jobs that name an environment or run for a pull request are not included.
   * Warns with id `cdk-ci-oidc:anyRefSubject`.
   */
  public anyRef(): GitHubSubject {
    return this.subject('ref:*', 'any branch or tag', true, [SubjectWarning.anyRef(this._parts.label)], [], { kind: CiSubjectKind.ANY_REF });
  }

  private subject(
    claimSuffix: string, words: string, pattern: boolean, risks: SubjectRisk[], pins: ClaimPin[], context: SubjectContext,
  ): GitHubSubject {
    return GitHubSubject._fromSpec(scopedSubjectSpec(CiPlatform.GITHUB_ACTIONS, this._parts, { claimSuffix, words, pattern, risks, pins, context }));
  }
}
