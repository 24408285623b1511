import { hasWildcard } from './literal-part';
import { claimContext, classifiedRisks } from './subject-classification';
import { CiPlatform } from '../core/ci-platform';
import { SubjectWarning } from '../core/finding-texts';
import { SubjectRisk, SubjectSpec } from '../core/subject-spec';

/**
 * The spec of a raw `sub` claim value that the platform's `fromClaim` has checked: the
 * warnings the guard gives the same value (whole owner or group, any ref, any branch or tag,
 * pull requests, a ref type left open ...), after the raw-pattern warning of every pattern.
 *
 * @param typedFactories the platform's typed factories, named in the raw-pattern warning
 */
export function rawClaimSpec(platform: CiPlatform, sub: string, typedFactories: string): SubjectSpec {
  const pattern = hasWildcard(sub);
  const own: SubjectRisk[] = pattern
    ? [SubjectWarning.rawPattern(sub, typedFactories)]
    : [];
  return {
    platform,
    claims: [sub],
    pattern,
    pins: [],
    description: `sub ${sub}`,
    risks: [...own, ...classifiedRisks([sub], pattern, own)],
    context: claimContext(sub, pattern),
  };
}
