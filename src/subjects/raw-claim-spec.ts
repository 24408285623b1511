import { hasWildcard } from './literal-part';
import { claimContext, classifiedRisks } from './subject-classification';
import { CiPlatform } from '../core/ci-platform';
import { SubjectWarning } from '../core/finding-texts';
import { SubjectContext, SubjectRisk, SubjectSpec } from '../core/subject-spec';

/** What a platform that reads its own `sub` grammar says of a raw value: its risks and the kind of job. */
export interface RawClaimReading {
  readonly risks: readonly SubjectRisk[];
  readonly context: SubjectContext;
}

/**
 * The spec of a raw `sub` claim value that the platform's `fromClaim` has checked: the
 * warnings the guard gives the same value (whole owner or group, any ref, any branch or tag,
 * pull requests, a ref type left open ...), after the raw-pattern warning of every pattern.
 *
 * @param typedFactories the platform's typed factories, named in the raw-pattern warning
 * @param reading the platform's own reading, for grammars the shared classification does not read
 */
export function rawClaimSpec(platform: CiPlatform, sub: string, typedFactories: string, reading?: RawClaimReading): SubjectSpec {
  const pattern = hasWildcard(sub);
  const own: SubjectRisk[] = pattern
    ? [SubjectWarning.rawPattern(sub, typedFactories)]
    : [];
  const risks = reading === undefined
    ? classifiedRisks([sub], pattern, own)
    : reading.risks.map(({ id, message }) => ({ id, message }));
  return {
    platform,
    claims: [sub],
    pattern,
    pins: [],
    description: `sub ${sub}`,
    risks: [...own, ...risks],
    context: reading === undefined ? claimContext(sub, pattern) : reading.context,
  };
}
