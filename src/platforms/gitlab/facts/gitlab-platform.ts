/*
 * GitLab CI/CD, as the audit, the guard, the report and the role see it: issuers, the default
 * `sub` formats `project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>` and
 * `project_id:<id>:...`, the claims that name a project or its group, and the words of its findings.
 *
 * @see https://docs.gitlab.com/ci/secrets/id_token_authentication/
 */
import { GITLAB_DOT_COM_ISSUER, GITLAB_ISSUER_FAMILIES, GITLAB_SELF_MANAGED } from './gitlab-issuers';
import { CiPlatform } from '../../../core/ci-platform';
import { CiPlatformFacts } from '../../../core/ci-platform-facts';
import { oneOrMore, text } from '../../../core/claim-shapes';
import { FindingId } from '../../../core/finding-id';
import { ReadingWarning } from '../../../core/finding-texts';

/** Git forbids ':' in ref names (`git check-ref-format`). */
const REF_NAME = oneOrMore(':');

/** GitLab CI/CD, described once. */
export const GITLAB_PLATFORM: CiPlatformFacts = {
  platform: CiPlatform.GITLAB_CI,
  id: 'gitlab',
  displayName: 'GitLab CI/CD',
  name: 'GitLab',
  defaultIssuer: GITLAB_DOT_COM_ISSUER,
  roleArnInput: 'AWS_ROLE_ARN (GitLab CI)',
  issuerFamilies: GITLAB_ISSUER_FAMILIES,
  selfHosted: GITLAB_SELF_MANAGED,
  subjects: {
    forms: [
      {
        prefix: 'project_path:',
        label: (scope) => (scope.includes('/') ? scope : undefined),
        malformed: "is not of the form 'project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>'",
      },
      {
        prefix: 'project_id:',
        label: (scope) => (scope.length > 0 ? `project ${scope}` : undefined),
        malformed: "is not of the form 'project_id:<id>:ref_type:<branch|tag>:ref:<name>'",
      },
    ],
    identity: {
      keys: {
        project_path: 'path',
        project_id: 'id',
        namespace_path: 'namespace',
        namespace_id: 'id',
      },
      singleKeys: ['project_path', 'project_id'],
      freeTextKeys: [],
      wholeKind: 'group',
      noun: 'project',
      idHolders: 'projects\' or groups\'',
      wholeName: (group) => group,
      wholeRest: oneOrMore(':'),
      wildcardFix: "Name the project literally, e.g. 'project_path:acme/api:ref_type:branch:ref:main' or 'project_id:123:ref_type:branch:ref:main' " +
        "(or 'project_path:acme/*:<context>' for every project of one group, a warned choice)",
      scopeExample: 'project_path:acme/api:<context>',
    },
    contexts: {
      // A project whose component list leaves ref_type out presents 'ref:<name>' for branches and tags alike.
      branch: [[text('ref_type:branch:ref:'), REF_NAME], [text('ref:'), REF_NAME]],
      tag: [[text('ref_type:tag:ref:'), REF_NAME], [text('ref:'), REF_NAME]],
      environment: [],
      pullRequest: [],
    },
    contextWords: [
      { prefix: 'ref_type:branch:ref:', word: 'branch' },
      { prefix: 'ref_type:tag:ref:', word: 'tag' },
    ],
    example: 'project_path:acme/api:ref_type:branch:ref:main',
  },
  findings: {
    wholeRisk: (group) => ReadingWarning.whole(FindingId.WHOLE_GROUP, 'project', group, true,
      `Name the projects: 'project_path:${group}/<project>:<context>' (GitLabProject.of('${group}/<project>')).`),
    templateWholeRisk: (group) => ReadingWarning.whole(FindingId.WHOLE_GROUP, 'project', group, false, 'Name the project.'),
    anyRefFix: 'Trust named branches or tags that are protected.',
    everyRefFix: (kind) => `Trust named ${kind}es that are protected.`,
    refTypeFix: "Name the ref type: 'ref_type:branch:ref:<branch>' or 'ref_type:tag:ref:<tag>'.",
    adminPusher: 'to that ref',
    adminFix: 'Require a protected ref (requireProtectedRef: true, gitlab.com only) and protect the branch, or give the role only the permissions the deployment needs.',
    protectedRefClaim: 'ref_protected',
  },
};
