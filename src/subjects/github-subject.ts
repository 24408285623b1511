import { CiPlatform } from '../providers/ci-platform';
import { CiSubject } from './ci-subject';
import { freezeSpec, SubjectSpec } from '../private/subject-spec';
import { checkRawClaim, hasWildcard } from './literal-part';

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
   * Still refuses values that would match every repository or other owners: a wildcard
   * may only come after a complete owner (`repo:acme/*`) or repository (`repo:acme/api:*`).
   *
   * @param sub the claim value, e.g. `repo:acme/api:ref:refs/heads/main`
   */
  public static fromClaim(sub: string): GitHubSubject {
    checkRawClaim('GitHubSubject.fromClaim(sub)', sub, 'repo:acme/api:ref:refs/heads/main');
    const pattern = hasWildcard(sub);
    return new GitHubSubject({
      platform: CiPlatform.GITHUB_ACTIONS,
      claims: [sub],
      pattern,
      pins: [],
      description: `sub ${sub}`,
      risks: pattern
        ? [{ id: 'cdk-ci-oidc:rawPatternSubject', message: `The raw subject '${sub}' is a pattern; prefer the typed factories of GitHubRepository and GitHubOwner.` }]
        : [],
    });
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
