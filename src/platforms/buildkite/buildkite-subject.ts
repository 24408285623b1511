import { readBuildkiteSubject } from './facts/buildkite-reading';
import { buildkiteRisks } from './facts/buildkite-risks';
import { CiPlatform } from '../../core/ci-platform';
import { freezeSpec, SubjectSpec } from '../../core/subject-spec';
import { CiSubject } from '../../subjects/ci-subject';
import { checkRawClaim, hasWildcard, invalid } from '../../subjects/literal-part';
import { rawClaimSpec } from '../../subjects/raw-claim-spec';

const EXAMPLE = 'organization:acme-inc:pipeline:deploy-app:ref:refs/heads/main:commit:*:step:*';

/**
 * Who may assume a role, for Buildkite jobs: a `sub` claim value and the claims it pins.
 *
 * Build subjects from a pipeline: `BuildkitePipeline.of('acme-inc', 'deploy-app').branch('main')`.
 * `fromClaim` is the escape hatch for subjects that factory does not cover (e.g. one step key).
 *
 * @see https://buildkite.com/docs/agent/v3/cli-oidc
 */
export class BuildkiteSubject extends CiSubject {
  /**
   * A raw `sub` claim value, exact or with IAM wildcards (`*`, `?`).
   *
   * The claim starts with `organization:<organization slug>:`, always literal, because the issuer
   * is shared by every Buildkite organization (IAM's identity-provider controls require it); a
   * wildcard may then stand for a whole pipeline slug (`pipeline:*`, every pipeline: warns
   * `cdk-ci-oidc:wholeOrganizationSubject`) or anything after it, never for part of a slug.
   * Every `sub` holds the build's commit, so an exact claim admits the jobs of one commit only.
   *
   * The subject carries the warnings the typed factories give for the same trust, decided by
   * what the pattern matches, besides `cdk-ci-oidc:rawPatternSubject` for every pattern. It pins
   * no claim: use `BuildkitePipeline` for `organization_id`, `pipeline_id` and `build_branch`.
   *
   * @param sub the claim value, e.g. `organization:acme-inc:pipeline:deploy-app:ref:refs/heads/main:commit:*:step:deploy`
   */
  public static fromClaim(sub: string): BuildkiteSubject {
    const property = 'BuildkiteSubject.fromClaim(sub)';
    checkRawClaim(property, sub, EXAMPLE);
    const pattern = hasWildcard(sub);
    const reading = readBuildkiteSubject(sub, pattern);
    if (reading.problem !== undefined) {
      throw invalid(property, sub, reading.problem, `a Buildkite subject claim such as '${EXAMPLE}'`);
    }
    if (reading.branch === 'none' && reading.tag === 'none') {
      throw invalid(property, sub, "it matches no job of Buildkite ('organization:<org>:pipeline:<pipeline>:ref:<ref>:commit:<sha>:step:<key>'), " +
        'so no token carries it', `a Buildkite subject claim such as '${EXAMPLE}'`);
    }
    return new BuildkiteSubject(rawClaimSpec(CiPlatform.BUILDKITE, sub, 'BuildkitePipeline', {
      risks: buildkiteRisks(reading, `sub ${sub}`),
      context: { kind: 'other' },
    }));
  }

  /** @internal */
  public static _fromSpec(spec: SubjectSpec): BuildkiteSubject {
    return new BuildkiteSubject(spec);
  }

  /** @internal */
  public readonly _spec: SubjectSpec;

  private constructor(spec: SubjectSpec) {
    super();
    this._spec = freezeSpec(spec);
  }
}
