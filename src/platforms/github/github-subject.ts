import { CiPlatform } from '../../core/ci-platform';
import { freezeSpec, SubjectSpec } from '../../core/subject-spec';
import { CiSubject } from '../../subjects/ci-subject';
import { checkRawClaim, hasWildcard, invalid } from '../../subjects/literal-part';
import { rawClaimSpec } from '../../subjects/raw-claim-spec';
import { checkClaimScope } from '../../subjects/subject-classification';

/** The claims whose values name one repository or owner on the issuer. */
const OWNER_BOUND_KEYS = ['repo', 'repository', 'repository_id', 'repository_owner', 'repository_owner_id'];

/**
 * Who may assume a role, for GitHub Actions: a `sub` claim value and the claims it pins.
 *
 * Build subjects from a repository or an owner: `GitHubRepository.of('acme/api').branch('main')`,
 * `GitHubOwner.of('acme').environment('production')`. `fromClaim` is the escape hatch for
 * subjects those factories do not cover.
 *
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims
 */
export class GitHubSubject extends CiSubject {
  /**
   * A raw `sub` claim value, exact or with IAM wildcards (`*`, `?`).
   *
   * Still refuses values that would match every repository or other owners: the claim must
   * start with a claim that names the repository or its owner (`repo`, `repository`,
   * `repository_id`, `repository_owner`, `repository_owner_id`), since any repository can
   * customize its subject template, and a wildcard may only come after a complete owner
   * (`repo:acme/*`) or repository (`repo:acme/api:*`).
   *
   * @param sub the claim value, e.g. `repo:acme/api:ref:refs/heads/main`
   */
  public static fromClaim(sub: string): GitHubSubject {
    checkRawClaim('GitHubSubject.fromClaim(sub)', sub, 'repo:acme/api:ref:refs/heads/main');
    // Any repository can customize its subject template; only these keys hold a value that
    // another owner's repository cannot produce, so the claim must start with one.
    if (!OWNER_BOUND_KEYS.some((key) => sub.startsWith(`${key}:`))) {
      throw invalid('GitHubSubject.fromClaim(sub)', sub,
        `it does not start with a claim that names the repository or its owner (${OWNER_BOUND_KEYS.join(', ')}), ` +
        'so a repository of any owner whose subject template starts with the same claim could present it',
        "a subject such as 'repo:acme/api:ref:refs/heads/main' or 'repository_owner:acme:environment:production'; " +
        'GitHubSubjectTemplate builds the subjects of other customized templates');
    }
    // The repository position is literal, or '*' for every repository of the owner (DESIGN rule 3).
    const repository = /^repo:[^/]+\/([^:]*)/.exec(sub)?.[1];
    if (repository !== undefined && repository !== '*' && hasWildcard(repository)) {
      throw invalid('GitHubSubject.fromClaim(sub)', sub, `its repository '${repository}' is a pattern, which would match repositories created later under similar names`,
        "a literal repository ('repo:acme/api:...') or '*' for every repository of the owner ('repo:acme/*:...')");
    }
    // The rule of the guard and the report for every key that names the repository or its owner (repo, repository, repository_owner, ids ...).
    checkClaimScope('GitHubSubject.fromClaim(sub)', sub, hasWildcard(sub));
    return new GitHubSubject(rawClaimSpec(CiPlatform.GITHUB_ACTIONS, sub, 'GitHubRepository and GitHubOwner'));
  }

  /** @internal */
  public static _fromSpec(spec: SubjectSpec): GitHubSubject {
    return new GitHubSubject(spec);
  }

  /** @internal */
  public readonly _spec: SubjectSpec;

  private constructor(spec: SubjectSpec) {
    super();
    this._spec = freezeSpec(spec);
  }
}
