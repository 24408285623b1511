import { CiTrustOptions } from './ci-trust-options';
import { ClaimPin } from '../core/subject-spec';
import { checkJobWorkflowRef } from '../platforms/github/github-workflow-ref';

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
  if (options.jobWorkflowRef !== undefined) {
    checkJobWorkflowRef('jobWorkflowRef', options.jobWorkflowRef);
    pins.push({
      claim: 'job_workflow_ref',
      value: options.jobWorkflowRef,
      whenUnsupported: 'remove jobWorkflowRef: IAM receives job_workflow_ref only from github.com and its enterprise-slug issuers. ' +
        "For this issuer, add 'job_workflow_ref' to the repository's OIDC subject template (include_claim_keys) and trust a " +
        'GitHubSubjectTemplate subject, which requires the workflow through the sub claim',
    });
  }
  return pins;
}
