/*
 * Bitbucket Pipelines, as the audit, the guard, the report and the role see it: one issuer per
 * workspace, the `sub` form `{<repository>}[{<environment>}]:{<step>}` (read by the platform's own
 * grammar, `bitbucket-subject-reading.ts`: it holds no `<claim>:<value>` pairs), and the words of its findings.
 *
 * @see https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/
 */
import { bitbucketIssuer } from './bitbucket-facts';
import { readBitbucketSubjectForAudit } from './bitbucket-subject-reading';
import { CiPlatform } from '../../../core/ci-platform';
import { CiPlatformFacts } from '../../../core/ci-platform-facts';
import { oneOrMore } from '../../../core/claim-shapes';
import { FindingId } from '../../../core/finding-id';
import { ReadingWarning } from '../../../core/finding-texts';

const EXAMPLE_REPOSITORY = '{1a2b3c4d-1111-4a2b-8c3d-0123456789ab}';

/** Bitbucket Pipelines, described once. */
export const BITBUCKET_PLATFORM: CiPlatformFacts = {
  platform: CiPlatform.BITBUCKET_PIPELINES,
  id: 'bitbucket',
  displayName: 'Bitbucket Pipelines',
  name: 'Bitbucket',
  // There is no issuer without a workspace; an example workspace's stands for the family.
  defaultIssuer: bitbucketIssuer('acme'),
  // The workspace's tokens carry its ARI; it differs per issuer, so the fixes name it.
  defaultAudience: 'ari:cloud:bitbucket::workspace/<workspace UUID>',
  issuerFamilies: [{
    name: 'Bitbucket Pipelines (per-workspace issuer)',
    issuer: /^api\.bitbucket\.org\/2\.0\/workspaces\/[a-z0-9][a-z0-9_-]*\/pipelines-config\/identity\/oidc$/,
    // AWS STS passes no Bitbucket claim besides aud and sub.
    conditionClaims: [],
    tenancy: 'perTenant',
  }],
  subjects: {
    forms: [{ prefix: '{', label: () => undefined, malformed: "is not of Bitbucket's form '{<repository UUID>}[{<environment UUID>}]:{<step UUID>}'" }],
    // Bitbucket's sub holds no claim keys: the claim-key rule does not apply (read decides).
    identity: {
      keys: {},
      singleKeys: [],
      freeTextKeys: [],
      wholeKind: 'group',
      noun: 'repository',
      idHolders: 'repositories\'',
      wholeName: (workspace) => workspace,
      wholeRest: oneOrMore('}'),
      wildcardFix: "Name the repository's UUID and the environment's (BitbucketRepository.of(...).environment(...))",
      scopeExample: `${EXAMPLE_REPOSITORY}<context>`,
    },
    contexts: { branch: [], tag: [], environment: [], pullRequest: [] },
    contextWords: [],
    example: `${EXAMPLE_REPOSITORY}{2b3c4d5e-2222-4b3c-9d4e-123456789abc}:{????????-????-????-????-????????????}`,
    read: readBitbucketSubjectForAudit,
  },
  findings: {
    wholeRisk: (workspace) => ReadingWarning.whole(FindingId.WHOLE_ORGANIZATION, 'repository', workspace, false, 'Name the repository by its UUID.'),
    templateWholeRisk: (workspace) => ReadingWarning.whole(FindingId.WHOLE_ORGANIZATION, 'repository', workspace, false, 'Name the repository by its UUID.'),
    anyRefFix: 'Trust a deployment environment, whose deployment permissions say which branches may deploy.',
    everyRefFix: () => 'Trust a deployment environment.',
    refTypeFix: 'Trust a deployment environment.',
    adminPusher: 'a branch of the repository',
    adminFix: 'Trust a deployment environment with deployment permissions (BitbucketRepository.of(...).environment(...)), ' +
      'or give the role only the permissions the deployment needs.',
  },
};
