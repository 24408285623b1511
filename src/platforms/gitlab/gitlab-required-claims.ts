import { GitLabTrustOptions } from './gitlab-trust-options';
import { ClaimPin } from '../../core/subject-spec';

/** The claims the GitLab-only trust options require of every token. */
export function gitLabRequiredClaims(options: GitLabTrustOptions): ClaimPin[] {
  if (!options.requireProtectedRef) {
    return [];
  }
  return [{
    claim: 'ref_protected',
    value: 'true',
    whenUnsupported: 'remove requireProtectedRef: it works only with gitlab.com. For a self-managed GitLab, trust only branches and tags ' +
      'that are protected there; for GitHub, use environment subjects with protection rules',
  }];
}
