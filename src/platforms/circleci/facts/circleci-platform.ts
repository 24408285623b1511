/*
 * CircleCI, as the audit, the guard, the report and the role see it: one issuer per organization,
 * the `sub` forms `org/<org>/project/<project>/user/<user>[/vcs-origin/<origin>/vcs-ref/<ref>]` (read by
 * the platform's own grammar, `circleci-subject-reading.ts`: they hold no `<claim>:<value>` pairs),
 * and the words of its findings.
 *
 * @see https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/
 */
import { CIRCLECI_CONDITION_CLAIMS, circleCiIssuer, circleCiOrganizationOf } from './circleci-facts';
import { readCircleCiSubjectForAudit } from './circleci-subject-reading';
import { CiPlatform } from '../../../core/ci-platform';
import { CiPlatformFacts } from '../../../core/ci-platform-facts';
import { oneOrMore } from '../../../core/claim-shapes';
import { FindingId } from '../../../core/finding-id';
import { ReadingWarning } from '../../../core/finding-texts';

const EXAMPLE_ORG = 'aa1b2c3d-1111-4a2b-8c3d-0123456789ab';
const EXAMPLE_PROJECT = 'bb2c3d4e-2222-4b3c-9d4e-123456789abc';

/** CircleCI, described once. */
export const CIRCLECI_PLATFORM: CiPlatformFacts = {
  platform: CiPlatform.CIRCLECI,
  id: 'circleci',
  displayName: 'CircleCI',
  name: 'CircleCI',
  // There is no issuer without an organization; the example organization's stands for the family.
  defaultIssuer: circleCiIssuer(EXAMPLE_ORG),
  // CircleCI's tokens carry the organization id; it differs per issuer, so the fixes name it.
  defaultAudience: '<organization id>',
  issuerFamilies: [{
    name: 'CircleCI (per-organization issuer)',
    issuer: /^oidc\.circleci\.com\/org\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    conditionClaims: CIRCLECI_CONDITION_CLAIMS,
    tenancy: 'perTenant',
  }],
  subjects: {
    forms: [{ prefix: 'org/', label: () => undefined, malformed: "is not of CircleCI's form 'org/<org id>/project/<project id>/user/<user id>[/vcs-origin/<origin>/vcs-ref/<ref>]'" }],
    // CircleCI's sub holds no claim keys: the claim-key rule does not apply (read decides).
    identity: {
      keys: {},
      singleKeys: [],
      freeTextKeys: [],
      wholeKind: 'group',
      noun: 'project',
      idHolders: 'projects\'',
      wholeName: (organization) => organization,
      wholeRest: oneOrMore('/'),
      wildcardFix: 'Name the organization and project ids, the VCS origin and the ref (CircleCiProject.of(...).branch(...))',
      scopeExample: `org/${EXAMPLE_ORG}/project/${EXAMPLE_PROJECT}/user/<context>`,
    },
    contexts: { branch: [], tag: [], environment: [], pullRequest: [] },
    contextWords: [],
    example: `org/${EXAMPLE_ORG}/project/${EXAMPLE_PROJECT}/user/????????-????-????-????-????????????/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/main`,
    read: readCircleCiSubjectForAudit,
    issuerMismatch: (value, issuer) => {
      const organization = circleCiOrganizationOf(issuer);
      return organization !== undefined && !value.startsWith(`org/${organization}/`)
        ? `it names another organization than the issuer's, ${organization}, and CircleCI writes the issuer's organization into every sub`
        : undefined;
    },
  },
  findings: {
    wholeRisk: (organization) => ReadingWarning.whole(FindingId.WHOLE_ORGANIZATION, 'project', organization, false, 'Name the project (CircleCiProject.of(...)).'),
    templateWholeRisk: (organization) => ReadingWarning.whole(FindingId.WHOLE_ORGANIZATION, 'project', organization, false, 'Name the project.'),
    anyRefFix: "Name the project's VCS origin and a branch or tag (CircleCiProject.of(...).branch(...)).",
    everyRefFix: (kind) => `Name the ${kind}es.`,
    refTypeFix: "Name the ref type: '.../vcs-ref/refs/heads/<branch>' or '.../vcs-ref/refs/tags/<tag>'.",
    adminPusher: 'that branch or tag to the project\'s repository',
    adminFix: 'Give the role only the permissions the deployment needs, and restrict who can push the trusted branches or tags (CircleCI has no environment approvals in the token).',
  },
};
