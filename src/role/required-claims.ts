import { ClaimPin } from '../private/subject-spec';
import { CiTrustOptions } from './ci-trust-options';

/** The claims a trust requires of every token, from its options, besides `aud` and `sub`. */
export function requiredClaims(_options: CiTrustOptions): ClaimPin[] {
  const pins: ClaimPin[] = [];
  return pins;
}
