/*
 * Issuers without a platform folder of their own, as the audit, the guard, the report and the role
 * see them: the shared issuers of IAM's identity-provider controls that no other platform claims
 * (recognized by name), and a team's own issuers (Azure DevOps, Jenkins, Spacelift ...), which only
 * the configuration names (`genericIssuers`, `--generic-issuer`). The library knows no `sub` grammar
 * of theirs: the audit checks their `aud` and `sub` conditions' presence, operators and literal values,
 * and holds patterns to the rule of `GenericSubject.pattern` (warned, or an error).
 */
import { readGenericSubject } from './generic-subject-reading';
import { SHARED_ISSUERS } from './shared-issuers';
import { CiPlatform } from '../../../core/ci-platform';
import { CiIssuerFamilyFacts, CiPlatformFacts } from '../../../core/ci-platform-facts';
import { oneOrMore } from '../../../core/claim-shapes';
import { FindingId } from '../../../core/finding-id';
import { SubjectRiskReading } from '../../../core/subject-reading';

/** Issuers of the shared list that have a platform folder of their own. */
const OWN_FOLDER = ['token.actions.githubusercontent.com', 'gitlab.com', 'app.terraform.io', 'agent.buildkite.com'];

function exactly(issuer: string): RegExp {
  return new RegExp(`^${issuer.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')}$`);
}

/** The shared issuers no other platform describes, known by name (IAM passes them `aud` and `sub` only). */
export const GENERIC_ISSUER_FAMILIES: readonly CiIssuerFamilyFacts[] = SHARED_ISSUERS
  .filter((shared) => !OWN_FOLDER.includes(shared.issuer) && shared.tenancy !== 'sts:RoleSessionName' && shared.issuer !== 'cognito-identity.amazonaws.com')
  .map((shared) => ({ name: shared.name, issuer: exactly(shared.issuer), conditionClaims: [], tenancy: 'shared' as const }));

function wholeTenant(name: string): SubjectRiskReading {
  return { id: FindingId.RAW_PATTERN, message: `The subject admits every pipeline of ${name}.`, fix: 'Name the pipeline.' };
}

/** Generic OIDC issuers, described once. */
export const GENERIC_PLATFORM: CiPlatformFacts = {
  platform: CiPlatform.GENERIC_OIDC,
  id: 'generic',
  displayName: 'generic OIDC',
  name: 'Generic',
  // No issuer is the generic one; the first shared issuer of the list stands in where a default is named.
  defaultIssuer: 'vstoken.actions.githubusercontent.com',
  issuerFamilies: GENERIC_ISSUER_FAMILIES,
  selfHosted: {
    option: 'genericIssuers',
    cliFlag: '--generic-issuer',
    familyName: 'generic OIDC issuer',
    example: 'jenkins.example.com/oidc',
  },
  subjects: {
    forms: [],
    identity: {
      keys: {},
      singleKeys: [],
      freeTextKeys: [],
      wholeKind: 'owner',
      noun: 'pipeline',
      idHolders: 'pipelines\'',
      wholeName: (owner) => owner,
      wholeRest: oneOrMore(':'),
      wildcardFix: "Fix at least two complete parts before the first wildcard, e.g. 'space:prod:stack:network:*'",
      scopeExample: 'sc://acme/infra/aws-deploy',
    },
    contexts: { branch: [], tag: [], environment: [], pullRequest: [] },
    contextWords: [],
    example: 'sc://acme/infra/aws-deploy',
    read: readGenericSubject,
  },
  findings: {
    // Never reached: no identity key of a generic issuer is known, so no subject is read as a whole tenant.
    wholeRisk: wholeTenant,
    templateWholeRisk: wholeTenant,
    anyRefFix: 'Trust exact subjects.',
    everyRefFix: () => 'Trust exact subjects.',
    refTypeFix: 'Trust exact subjects.',
    adminPusher: 'that pipeline',
    adminFix: 'Trust an exact subject of a protected pipeline, or give the role only the permissions the deployment needs.',
  },
};
