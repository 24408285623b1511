import { Token } from 'aws-cdk-lib';
import { issuerFamilyOf } from '../registry';
import { audienceTenancyProblem, unsupportedTenancyProblem } from './facts/shared-issuer-tenancy';
import { BUILT_IN_ISSUERS } from './facts/shared-issuers';
import { CiPlatform } from '../../core/ci-platform';
import { checkKind, invalid } from '../../core/runtime-checks';
import { IssuerDescription } from '../../providers/issuer-description';
import { issuerUrlProblem } from '../../providers/issuer-url';

const URL_FORM = "the issuer's https URL exactly as its tokens' 'iss' claim, e.g. 'https://jenkins.example.com/oidc' or 'https://vstoken.dev.azure.com/<organization-id>', " +
  'without port, query or credentials';


/**
 * The issuer of a generic provider: the URL without `https://`, a trailing `/` kept, because IAM
 * compares the token's `iss` with the provider URL and names the condition keys after it
 * (env0's issuer is `https://login.app.env0.com/`, its keys `login.app.env0.com/:sub`).
 *
 * Refuses issuers that IAM builds in (Google, Cognito, Amazon, Facebook), issuers with a provider
 * of their own in this library (whose subjects know the `sub` grammar), and Microsoft Sentinel's
 * (whose tenancy claim is `sts:RoleSessionName`).
 */
export function genericIssuer(property: string, url: string): IssuerDescription {
  checkKind(property, url, 'string', URL_FORM);
  const problem = issuerUrlProblem(url);
  if (problem) {
    throw invalid(property, url, problem, URL_FORM);
  }
  const issuer = url.slice('https://'.length);
  const bare = issuer.replace(/\/$/, '').toLowerCase();
  if (BUILT_IN_ISSUERS.includes(bare)) {
    throw invalid(property, url, 'IAM has this identity provider built in, and no OIDC provider can be created for it',
      "another issuer; a role trusts a built-in one with '\"Federated\": \"" + bare + "\"', outside this library");
  }
  const family = issuerFamilyOf(issuer);
  if (family !== undefined && family.platform.platform !== CiPlatform.GENERIC_OIDC) {
    const own = `the ${family.platform.displayName} provider`;
    throw invalid(property, url, `it is the ${family.name} issuer, which has a provider of its own (${own}) whose subjects know its 'sub' grammar`,
      `an issuer without a provider of its own; use ${own}`);
  }
  const unsupported = unsupportedTenancyProblem(issuer);
  if (unsupported) {
    throw invalid(property, url, unsupported, 'another issuer; write the role by hand with an sts:RoleSessionName condition');
  }
  return { platform: CiPlatform.GENERIC_OIDC, issuer, conditionClaims: [] };
}

/** Throws when a trust of `issuer` requiring `audience` lets other tenants of a shared issuer in. */
export function checkAudienceTenancy(property: string, issuer: string, audience: string): void {
  const problem = audienceTenancyProblem(issuer, audience, Token.isUnresolved(audience));
  if (problem) {
    throw invalid(property, audience, problem, "the audience your tenant's tokens carry, e.g. 'aws:<organization>' for Pulumi Cloud");
  }
}
