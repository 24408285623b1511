import { subjectTenancyProblem } from './facts/shared-issuer-tenancy';
import { checkAudienceTenancy } from './generic-issuer';
import { CiPlatform } from '../../core/ci-platform';
import { invalid } from '../../core/runtime-checks';
import { SubjectSpec } from '../../core/subject-spec';

/**
 * Throws when a role's audience lets other tenants of a shared issuer in (a role can require
 * another audience than its provider's).
 */
export function checkRoleAudienceTenancy(issuer: string, audience: string): void {
  checkAudienceTenancy('role audience', issuer, audience);
}

/**
 * Throws when a generic subject's pattern lets other tenants of a shared issuer in. The subjects of
 * the platforms with a folder of their own fix the tenant by their own grammar.
 */
export function checkSubjectTenancy(issuer: string, spec: SubjectSpec): void {
  if (spec.platform !== CiPlatform.GENERIC_OIDC) {
    return;
  }
  for (const sub of spec.claims) {
    const problem = subjectTenancyProblem(issuer, sub, spec.pattern);
    if (problem) {
      throw invalid('GenericSubject.pattern(sub)', sub, problem, 'a pattern whose fixed part starts with the tenant prefix the issuer documents');
    }
  }
}
