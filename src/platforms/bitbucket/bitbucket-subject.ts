import { isBitbucketProblem, readBitbucketSubject } from './facts/bitbucket-subject-reading';
import { CiPlatform } from '../../core/ci-platform';
import { freezeSpec, SubjectSpec } from '../../core/subject-spec';
import { CiSubject } from '../../subjects/ci-subject';
import { checkLiteralOrPattern, hasWildcard, invalid } from '../../subjects/literal-part';
import { rawClaimSpec } from '../../subjects/raw-claim-spec';

const EXAMPLE = '{<repository UUID>}{<environment UUID>}:{????????-????-????-????-????????????}';

/**
 * Who may assume a role, for Bitbucket Pipelines: a `sub` claim value.
 *
 * Build subjects from a repository: `BitbucketRepository.of('<repository UUID>').environment('<environment UUID>')`.
 * `fromClaim` is the escape hatch for the values those factories do not build (e.g. one step).
 *
 * @see https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/
 */
export class BitbucketSubject extends CiSubject {
  /**
   * A raw `sub` claim value, exact or with IAM wildcards (`*`, `?`).
   *
   * Only Bitbucket's form is accepted: `{<repository UUID>}[{<environment UUID>}]:{<step UUID>}`, the
   * UUIDs lowercase and in braces. A wildcard may only stand for the step: as
   * `{????????-????-????-????-????????????}` (any one step) or a final `*`; never in the repository or
   * environment UUID. Warns like the typed factories (`anyRefSubject` for any step without an
   * environment), and with `rawPatternSubject` for every pattern.
   *
   * @param sub the claim value
   */
  public static fromClaim(sub: string): BitbucketSubject {
    const property = 'BitbucketSubject.fromClaim(sub)';
    checkLiteralOrPattern(property, sub, `a Bitbucket subject claim such as '${EXAMPLE}'`);
    const pattern = hasWildcard(sub);
    const reading = readBitbucketSubject(sub, pattern);
    if (isBitbucketProblem(reading)) {
      throw invalid(property, sub, `it ${reading.why}`, reading.fix);
    }
    return new BitbucketSubject(rawClaimSpec(CiPlatform.BITBUCKET_PIPELINES, sub, 'BitbucketRepository', {
      risks: reading.risks,
      context: { kind: reading.kind === 'environment' ? 'environment' : reading.kind === 'anyStep' ? 'anyRef' : 'other' },
    }));
  }

  /** @internal */
  public static _fromSpec(spec: SubjectSpec): BitbucketSubject {
    return new BitbucketSubject(spec);
  }

  /** @internal */
  public readonly _spec: SubjectSpec;

  private constructor(spec: SubjectSpec) {
    super();
    this._spec = freezeSpec(spec);
  }
}
