import { ClaimPin } from '../private/subject-spec';
import { CiTrustOptions } from './ci-trust-options';

/** The claims a trust requires of every token, from its options, besides `aud` and `sub`. */
export function requiredClaims(options: CiTrustOptions): ClaimPin[] {
  const pins: ClaimPin[] = [];
  if (options.requireProtectedRef) {
    pins.push({
      claim: 'ref_protected',
      value: 'true',
      whenUnsupported: 'remove requireProtectedRef: it works only with gitlab.com. For a self-managed GitLab, trust only branches and tags ' +
        'that are protected there; for GitHub, use environment subjects with protection rules',
    });
  }
  return pins;
}
