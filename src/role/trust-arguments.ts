import { CiPlatform } from '../core/ci-platform';
import { checkKind, checkList, checkOptionalOneOf, checkOptions } from '../core/runtime-checks';
import { ICiOidcProvider } from '../providers/ci-oidc-provider';

const PROVIDER_FORM = 'a provider of this library: new GitHubOidcProvider(...), GitLabOidcProvider.fromAccount(...) and the like';

/**
 * Throws unless `provider` has the shape of an `ICiOidcProvider`: a JavaScript caller may
 * pass anything, and the issuer names every condition key of the trust policy.
 */
export function checkProvider(property: string, provider: unknown): asserts provider is ICiOidcProvider {
  checkKind(property, provider, 'object', PROVIDER_FORM);
  const p = provider as Record<string, unknown>;
  checkOptionalOneOf(`${property}.platform`, p.platform ?? null, Object.values(CiPlatform), PROVIDER_FORM);
  checkKind(`${property}.issuer`, p.issuer, 'string', PROVIDER_FORM);
  checkKind(`${property}.audience`, p.audience, 'string', PROVIDER_FORM);
  checkKind(`${property}.oidcProviderArn`, p.oidcProviderArn, 'string', PROVIDER_FORM);
  checkList(`${property}.conditionClaims`, p.conditionClaims, 'string', PROVIDER_FORM);
}

/** Throws unless the trust options (and the subjects, when `subjects` says they are there) have their types. */
export function checkTrustOptions(property: string, options: unknown, subjects: 'required' | 'optional'): void {
  checkKind(property, options, 'object', 'an object of properties');
  checkOptions(property, options, { audience: 'string', requireProtectedRef: 'boolean', jobWorkflowRef: 'string' });
  const given = (options as { subjects?: unknown }).subjects;
  if (given !== undefined || subjects === 'required') {
    checkList(`${property}.subjects`, given, 'object', "subjects built by this library, e.g. [GitHubRepository.of('acme/api').branch('main')]");
  }
}
