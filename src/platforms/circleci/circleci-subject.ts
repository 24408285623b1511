import { isCircleCiProblem, readCircleCiSubject } from './facts/circleci-subject-reading';
import { CiPlatform } from '../../core/ci-platform';
import { freezeSpec, SubjectContext, SubjectSpec } from '../../core/subject-spec';
import { CiSubject } from '../../subjects/ci-subject';
import { checkLiteralOrPattern, hasWildcard, invalid } from '../../subjects/literal-part';
import { rawClaimSpec } from '../../subjects/raw-claim-spec';

const EXAMPLE = 'org/<org id>/project/<project id>/user/????????-????-????-????-????????????/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/main';

/**
 * Who may assume a role, for CircleCI: a `sub` claim value and the claims it pins.
 *
 * Build subjects from a project: `CircleCiProject.of({ organizationId, projectId, vcsOrigin }).branch('main')`;
 * a whole organization is `CircleCiOrganization.of(id).anyJob()`, a warned choice. `fromClaim` is the
 * escape hatch for the subjects those factories do not build (e.g. one user's jobs).
 *
 * @see https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/#format-of-the-openid-connect-id-token
 */
export class CircleCiSubject extends CiSubject {
  /**
   * A raw `sub` claim value, exact or with IAM wildcards (`*`, `?`).
   *
   * Only CircleCI's two forms are accepted: `org/<org id>/project/<project id>/user/<user id>` and the
   * same followed by `/vcs-origin/<origin>/vcs-ref/<ref>` (`$CIRCLE_OIDC_TOKEN_V2`), with the ids as
   * lowercase UUIDs. Wildcards: the user id as `????????-????-????-????-????????????` (any one user), a
   * final `*` after `/user/` (every job of the project) or after `/project/` (every project, warned),
   * and wildcards in the ref. A `*` before `/vcs-origin/` or `/vcs-ref/` is refused: IAM's `*` matches
   * `/`, so a branch name could spell the origin and ref that follow.
   *
   * The subject carries the warnings of the typed factories (`anyRefSubject`, `anyBranch`, `anyTag`,
   * `wholeOrganizationSubject`), and `rawPatternSubject` for every pattern.
   *
   * @param sub the claim value
   */
  public static fromClaim(sub: string): CircleCiSubject {
    const property = 'CircleCiSubject.fromClaim(sub)';
    checkLiteralOrPattern(property, sub, `a CircleCI subject claim such as '${EXAMPLE}'`);
    const pattern = hasWildcard(sub);
    const reading = readCircleCiSubject(sub, pattern);
    if (isCircleCiProblem(reading)) {
      throw invalid(property, sub, `it ${reading.why}`, reading.fix);
    }
    const context: SubjectContext = reading.kind === 'branch' || reading.kind === 'tag'
      ? (hasWildcard(reading.refName!) ? { kind: reading.kind, pattern: reading.refName } : { kind: reading.kind, name: reading.refName })
      : { kind: reading.kind === 'other' ? 'other' : 'anyRef' };
    return new CircleCiSubject(rawClaimSpec(CiPlatform.CIRCLECI, sub, 'CircleCiProject', { risks: reading.risks, context }));
  }

  /** @internal */
  public static _fromSpec(spec: SubjectSpec): CircleCiSubject {
    return new CircleCiSubject(spec);
  }

  /** @internal */
  public readonly _spec: SubjectSpec;

  private constructor(spec: SubjectSpec) {
    super();
    this._spec = freezeSpec(spec);
  }
}
