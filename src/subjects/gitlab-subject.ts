import { CiSubject } from './ci-subject';
import { checkRawClaim, hasWildcard, invalid } from './literal-part';
import { freezeSpec, SubjectSpec } from '../private/subject-spec';
import { CiPlatform } from '../providers/ci-platform';

const EXAMPLE = 'project_path:acme-group/api:ref_type:branch:ref:main';

/**
 * Who may assume a role, for GitLab CI/CD: a `sub` claim value and the claims it pins.
 *
 * Build subjects from a project or a group: `GitLabProject.of('acme-group/api').branch('main')`,
 * `GitLabGroup.of('acme-group').tag('v*')`. `fromClaim` is the escape hatch for subjects
 * those factories do not cover (e.g. a project with custom `ci_id_token_sub_claim_components`).
 *
 * @see https://docs.gitlab.com/ci/secrets/id_token_authentication/#token-payload
 */
export class GitLabSubject extends CiSubject {
  /**
   * A raw `sub` claim value, exact or with IAM wildcards (`*`, `?`).
   *
   * Still refuses values that would match every project: a wildcard may only come after
   * a complete group (`project_path:acme-group/*`), project (`project_path:acme-group/api:*`)
   * or project id (`project_id:123:*`).
   *
   * @param sub the claim value, e.g. `project_path:acme-group/api:ref_type:branch:ref:main`
   */
  public static fromClaim(sub: string): GitLabSubject {
    const property = 'GitLabSubject.fromClaim(sub)';
    checkRawClaim(property, sub, EXAMPLE);
    if (sub.startsWith('repo:')) {
      throw invalid(property, sub, 'it is a GitHub subject (use GitHubSubject.fromClaim)', `a GitLab subject claim such as '${EXAMPLE}'`);
    }
    const pattern = hasWildcard(sub);
    return new GitLabSubject({
      platform: CiPlatform.GITLAB_CI,
      claims: [sub],
      pattern,
      pins: [],
      description: `sub ${sub}`,
      risks: pattern
        ? [{ id: 'cdk-ci-oidc:rawPatternSubject', message: `The raw subject '${sub}' is a pattern; prefer the typed factories of GitLabProject and GitLabGroup.` }]
        : [],
    });
  }

  /** @internal */
  public static _fromSpec(spec: SubjectSpec): GitLabSubject {
    return new GitLabSubject(spec);
  }

  /** @internal */
  public readonly _spec: SubjectSpec;

  private constructor(spec: SubjectSpec) {
    super();
    this._spec = freezeSpec(spec);
  }
}
