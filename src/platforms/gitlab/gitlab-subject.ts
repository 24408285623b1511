import { CiPlatform } from '../../core/ci-platform';
import { freezeSpec, SubjectSpec } from '../../core/subject-spec';
import { CiSubject } from '../../subjects/ci-subject';
import { checkRawClaim, hasWildcard, invalid } from '../../subjects/literal-part';
import { rawClaimSpec } from '../../subjects/raw-claim-spec';
import { checkClaimScope } from '../../subjects/subject-classification';

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
   * The claim starts with `project_path:` or `project_id:`, as GitLab's subjects always do.
   * Still refuses values that would match every project: a wildcard may only come after
   * a complete group (`project_path:acme-group/*`), project (`project_path:acme-group/api:*`)
   * or project id (`project_id:123:*`), never inside a name or an id, whichever key carries it
   * (`project_path:acme-group/api*` and `namespace_path:acme*` are refused), the same rule
   * `CiTrustGuard` applies.
   *
   * The subject carries the warnings the typed factories give for the same trust, decided by
   * what the pattern matches: `cdk-ci-oidc:wholeGroupSubject`, `anyRefSubject`, `anyBranch`,
   * `anyTag` and `refTypeNotFixed` (e.g. `project_path:acme/api:*:ref:main` also admits the tag
   * `main`), besides `cdk-ci-oidc:rawPatternSubject` for every pattern.
   *
   * @param sub the claim value, e.g. `project_path:acme-group/api:ref_type:branch:ref:main`
   */
  public static fromClaim(sub: string): GitLabSubject {
    const property = 'GitLabSubject.fromClaim(sub)';
    checkRawClaim(property, sub, EXAMPLE);
    if (sub.startsWith('repo:')) {
      throw invalid(property, sub, 'it is a GitHub subject (use GitHubSubject.fromClaim)', `a GitLab subject claim such as '${EXAMPLE}'`);
    }
    // The rule of the guard and the report for every key that names the project or its group (project_path, namespace_path, ids ...).
    checkClaimScope(property, sub, hasWildcard(sub));
    // GitLab refuses component lists that do not start with the project ("project_path must be the first element of the sub claim",
    // https://gitlab.com/gitlab-org/gitlab/-/merge_requests/182257; project_id is the documented alternative).
    if (!sub.startsWith('project_path:') && !sub.startsWith('project_id:')) {
      throw invalid(property, sub, "it does not start with 'project_path:' or 'project_id:', as every GitLab subject does",
        `a GitLab subject claim such as '${EXAMPLE}'`);
    }
    return new GitLabSubject(rawClaimSpec(CiPlatform.GITLAB_CI, sub, 'GitLabProject and GitLabGroup'));
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
