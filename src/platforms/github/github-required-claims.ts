import { GitHubTrustOptions } from './github-trust-options';
import { checkJobWorkflowRef } from './github-workflow-ref';
import { ClaimPin } from '../../core/subject-spec';

/** The claims the GitHub-only trust options require of every token. */
export function gitHubRequiredClaims(options: GitHubTrustOptions): ClaimPin[] {
  if (options.jobWorkflowRef === undefined) {
    return [];
  }
  checkJobWorkflowRef('jobWorkflowRef', options.jobWorkflowRef);
  return [{
    claim: 'job_workflow_ref',
    value: options.jobWorkflowRef,
    whenUnsupported: 'remove jobWorkflowRef: IAM receives job_workflow_ref only from github.com and its enterprise-slug issuers. ' +
      "For this issuer, add 'job_workflow_ref' to the repository's OIDC subject template (include_claim_keys) and trust a " +
      'GitHubSubjectTemplate subject, which requires the workflow through the sub claim',
  }];
}
