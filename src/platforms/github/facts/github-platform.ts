/*
 * GitHub Actions, as the audit, the guard, the report and the role see it: issuers, the default
 * `sub` format `repo:<owner>/<repository>:<context>` (legacy and immutable `@<id>` forms), the
 * claims that name a repository or its owner, and the words of its findings.
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc
 */
import { GITHUB_DOT_COM_HOST, GITHUB_ISSUER_FAMILIES } from './github-issuers';
import { readGitHubTemplate, stripId, TEMPLATE_REPOSITORY_FIX } from './github-template-reading';
import { CiPlatform } from '../../../core/ci-platform';
import { CiPlatformFacts } from '../../../core/ci-platform-facts';
import { oneOrMore, text } from '../../../core/claim-shapes';
import { FindingId } from '../../../core/finding-id';
import { ReadingWarning } from '../../../core/finding-texts';

/** Git forbids ':' in ref names (`git check-ref-format`). */
const REF_NAME = oneOrMore(':');
/** GitHub writes ':' in environment names as '%3A'. */
const ENVIRONMENT_NAME = oneOrMore(':');

/**
 * Keys of GitHub's subject templates whose values are free text that GitHub does not document
 * as free of `:` (a workflow's `name:`, file paths). Before the key that names the repository,
 * such a value could spell `...:repo:acme/api` in any repository's token.
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository
 */
export const GITHUB_FREE_TEXT_KEYS: readonly string[] = ['workflow', 'job_workflow_ref', 'workflow_ref'];

/** GitHub Actions, described once. */
export const GITHUB_PLATFORM: CiPlatformFacts = {
  platform: CiPlatform.GITHUB_ACTIONS,
  id: 'github',
  displayName: 'GitHub Actions',
  name: 'GitHub',
  defaultIssuer: GITHUB_DOT_COM_HOST,
  roleArnInput: 'role-to-assume (GitHub Actions)',
  issuerFamilies: GITHUB_ISSUER_FAMILIES,
  subjects: {
    forms: [{
      prefix: 'repo:',
      label: (scope) => {
        const slash = scope.indexOf('/');
        return slash <= 0 || slash === scope.length - 1 ? undefined : `${stripId(scope.slice(0, slash))}/${stripId(scope.slice(slash + 1))}`;
      },
      malformed: "is not of the form 'repo:<owner>/<repository>:<context>', so no GitHub token with the default subject template carries it",
    }],
    identity: {
      keys: {
        repo: 'repository',
        repository: 'repository',
        repository_id: 'id',
        repository_owner: 'owner',
        repository_owner_id: 'id',
      },
      singleKeys: ['repo', 'repository', 'repository_id'],
      freeTextKeys: GITHUB_FREE_TEXT_KEYS,
      wholeKind: 'owner',
      noun: 'repository',
      idHolders: 'repositories\' or owners\'',
      wholeName: stripId,
      wholeRest: oneOrMore(':/'),
      wildcardFix: "Name the owner and repository literally, e.g. 'repo:acme/api:environment:production' (or 'repo:acme/*:<context>' for every repository of one owner, a warned choice)",
      scopeExample: 'repo:acme/api:<context>',
    },
    contexts: {
      branch: [[text('ref:refs/heads/'), REF_NAME]],
      tag: [[text('ref:refs/tags/'), REF_NAME]],
      environment: [[text('environment:'), ENVIRONMENT_NAME]],
      pullRequest: [[text('pull_request')]],
    },
    contextWords: [
      { prefix: 'ref:refs/heads/', word: 'branch' },
      { prefix: 'ref:refs/tags/', word: 'tag' },
      { prefix: 'environment:', word: 'environment', decode: (name) => name.replace(/%3A/gi, ':') },
    ],
    pullRequestContext: 'pull_request',
    example: 'repo:acme/api:environment:production',
    readTemplate: readGitHubTemplate,
  },
  findings: {
    wholeRisk: (owner) => ReadingWarning.whole(FindingId.WHOLE_OWNER, 'repository', owner, false,
      `Name the repositories: 'repo:${owner}/<repository>:<context>' (GitHubRepository.of('${owner}/<repository>')).`),
    templateWholeRisk: (owner) => ReadingWarning.whole(FindingId.WHOLE_OWNER, 'repository', owner, false, TEMPLATE_REPOSITORY_FIX),
    anyRefFix: 'Trust named branches or tags, or an environment with protection rules.',
    everyRefFix: (kind) => `Trust named ${kind}es or, better, an environment with protection rules.`,
    refTypeFix: "Name the ref type: 'ref:refs/heads/<branch>' or 'ref:refs/tags/<tag>'.",
    environmentPatternFix: "Name each environment literally ('repo:<owner>/<repository>:environment:<name>', GitHubRepository.environment()).",
    adminPusher: 'that branch or tag',
    adminFix: 'Trust a GitHub environment with required reviewers (GitHubRepository.environment()), or give the role only the permissions the deployment needs.',
  },
};
