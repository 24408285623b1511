/*
 * What each finding id means and how to fix it, for readers that show rules apart from results
 * (SARIF's rules, GitHub code scanning's rule help). The per-finding fix stays in each result.
 */
import { FindingId, FindingIdValue } from '../../core/finding-id';

/** A rule: a short name, what it finds, and the usual fix. */
export interface RuleHelp {
  readonly name: string;
  readonly description: string;
  readonly fix: string;
}

const TRUST_A_SUBJECT = 'Trust named subjects: a repository and environment (GitHub) or a project and protected ref (GitLab), e.g. with CiDeployRole.';

/** Every id of `FindingId`, described. */
export const RULE_HELP: Record<FindingIdValue, RuleHelp> = {
  [FindingId.MISSING_SUB]: { name: 'MissingSubject', description: 'No condition on <issuer>:sub: every repository or project on the platform may assume the role.', fix: 'Add a StringEquals condition on <issuer>:sub naming the repository and environment, or build the role with CiDeployRole.' },
  [FindingId.MISSING_AUDIENCE]: { name: 'MissingAudience', description: 'No condition on <issuer>:aud: tokens requested for other relying parties are accepted.', fix: 'Add "StringEquals": { "<issuer>:aud": "sts.amazonaws.com" }.' },
  [FindingId.WILDCARD_AUDIENCE]: { name: 'WildcardAudience', description: 'aud is compared with a wildcard pattern.', fix: 'Compare aud with StringEquals and the exact audience.' },
  [FindingId.WILDCARD_SCOPE]: { name: 'WildcardScope', description: 'A wildcard in the owner, repository, group or project position of sub (repo:*, repo:acme*, project_path:acme*): repositories of other owners match.', fix: TRUST_A_SUBJECT },
  [FindingId.UNSAFE_OPERATOR]: { name: 'UnsafeOperator', description: 'ForAllValues:, ForAnyValue:, ...IfExists, StringNot... or ...IgnoreCase on a key of the issuer, or an operator other than StringEquals/StringLike on sub or aud: the condition can pass for tokens it means to refuse.', fix: 'Use StringEquals (or StringLike for a pattern) on single-valued keys.' },
  [FindingId.ISSUER_MISMATCH]: { name: 'IssuerMismatch', description: 'Condition keys of another issuer than the trusted provider: IAM never receives them from it.', fix: 'Name the trusted provider\'s issuer in the condition keys.' },
  [FindingId.ANY_PRINCIPAL]: { name: 'AnyPrincipal', description: 'sts:AssumeRoleWithWebIdentity for any principal ("*", {"AWS": "*"}, a wildcard Federated, NotPrincipal).', fix: 'Name the OIDC provider\'s ARN as the Federated principal.' },
  [FindingId.NOT_ACTION]: { name: 'NotAction', description: 'An Allow with NotAction that leaves sts:AssumeRoleWithWebIdentity allowed.', fix: 'Allow "sts:AssumeRoleWithWebIdentity" by Action.' },
  [FindingId.POLICY_VARIABLE]: { name: 'PolicyVariable', description: 'A sub or aud value with an IAM policy variable (${...}): ${<issuer>:sub} matches every token.', fix: 'Write the subject as a literal.' },
  [FindingId.NON_LITERAL_VALUE]: { name: 'NonLiteralValue', description: 'A sub or aud value that is a CloudFormation expression: a parameter can be deployed as *.', fix: 'Write the subject as a literal in the template.' },
  [FindingId.UNAUDITABLE]: { name: 'Unauditable', description: 'What may be a CI trust cannot be read: an unresolvable provider without conditions, Fn::If in a trust statement, an expression as document or statement, a document that is not JSON.', fix: 'Write the trust policy as a literal document (a CiDeployRole or an iam.Role with a CiOidcPrincipal does).' },
  [FindingId.PULL_REQUEST]: { name: 'PullRequestSubject', description: 'The subject admits pull_request jobs, which run code that has not been reviewed yet.', fix: 'Trust a branch or an environment for deploy roles; give a role for pull requests read-only permissions.' },
  [FindingId.ANY_REF]: { name: 'AnyRefSubject', description: 'Any branch or tag, or any job, of a repository or project (ref:*, ref_type:*, *).', fix: TRUST_A_SUBJECT },
  [FindingId.ANY_BRANCH]: { name: 'AnyBranch', description: 'Every branch of a repository or project: anyone who can push a branch may assume the role.', fix: TRUST_A_SUBJECT },
  [FindingId.ANY_TAG]: { name: 'AnyTag', description: 'Every tag of a repository or project.', fix: 'Trust protected tags (GitLab requireProtectedRef) or an environment.' },
  [FindingId.WHOLE_OWNER]: { name: 'WholeOwnerSubject', description: 'Every repository of a GitHub owner, or a custom subject that names no repository.', fix: 'Name the repositories.' },
  [FindingId.WHOLE_GROUP]: { name: 'WholeGroupSubject', description: 'Every project of a GitLab group, subgroups included.', fix: 'Name the projects.' },
  [FindingId.ADMIN_WITHOUT_ENVIRONMENT]: { name: 'AdminTrustedByBranch', description: 'Administrator-level permissions for a branch, tag, pull request or environment pattern rather than a named GitHub environment, or, on GitLab, without a protected ref.', fix: 'Trust a GitHub environment with required reviewers, or pin ref_protected on GitLab; or narrow the permissions.' },
  [FindingId.UNRECOGNIZED_SUBJECT]: { name: 'UnrecognizedSubject', description: 'A sub value the audit cannot read, or one no token carries (e.g. * under StringEquals).', fix: TRUST_A_SUBJECT },
  [FindingId.RAW_PATTERN]: { name: 'RawPatternSubject', description: 'A raw subject pattern: the typed subject factories say what they let in, a raw pattern does not.', fix: 'Use a typed subject (GitHubRepository, GitLabProject).' },
  [FindingId.CLAIM_NOT_PINNED]: { name: 'ClaimNotPinned', description: 'A claim the subject would pin is not passed by the issuer to IAM: the sub alone decides.', fix: 'Pin the claim in the subject itself, or accept the warning.' },
  [FindingId.ENVIRONMENT_PATTERN]: { name: 'EnvironmentPattern', description: 'Environments admitted by a pattern: a workflow can name a new environment, which has no protection rules.', fix: 'Name the environments.' },
  [FindingId.BRANCH_AND_ENVIRONMENT]: { name: 'BranchAndEnvironment', description: 'Branches and environments of one repository: the branch jobs skip the environment\'s reviewers.', fix: 'Trust the environment only.' },
  [FindingId.ANY_RUN_PHASE]: { name: 'AnyRunPhase', description: 'Both run phases of HCP Terraform: plan, which speculative plans of pull requests run, and apply.', fix: 'Trust the apply phase for the role that changes things, the plan phase for a read-only role.' },
  [FindingId.WHOLE_PROJECT]: { name: 'WholeProjectSubject', description: 'Every workspace of an HCP Terraform project.', fix: 'Name the workspaces.' },
  [FindingId.WHOLE_ORGANIZATION]: { name: 'WholeOrganizationSubject', description: 'Every project (CircleCI, HCP Terraform), pipeline (Buildkite) or repository (Bitbucket workspace) of an organization.', fix: 'Name the projects, pipelines or repositories.' },
  [FindingId.REF_TYPE_NOT_FIXED]: { name: 'RefTypeNotFixed', description: 'Tags as well as branches of the same names are admitted: the ref type is not fixed.', fix: 'Fix ref_type (branch or tag) in the subject.' },
};
