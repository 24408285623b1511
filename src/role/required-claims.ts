import { TrustOptionsOfEveryPlatform } from './trust-options-of-every-platform';
import { ClaimPin } from '../core/subject-spec';
import { gitHubRequiredClaims } from '../platforms/github/github-required-claims';
import { gitLabRequiredClaims } from '../platforms/gitlab/gitlab-required-claims';

/**
 * The claims a trust requires of every token, from its options, besides `aud` and `sub`: the
 * platform-only options' claims, in the order of the options (ref_protected, job_workflow_ref).
 */
export function requiredClaims(options: TrustOptionsOfEveryPlatform): ClaimPin[] {
  return [...gitLabRequiredClaims(options), ...gitHubRequiredClaims(options)];
}
