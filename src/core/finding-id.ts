/*
 * Every id the library reports, in one place: the subject builders, the trust statements, the
 * role, the guard and the report all take their ids from here. Users acknowledge warnings by
 * these strings (`Annotations.acknowledgeWarning`), so a value never changes once released.
 * Like all of src/audit/, this module imports nothing from aws-cdk-lib.
 */

/** The ids of errors and acknowledgeable warnings, by name. */
export const FindingId = {
  /** A CI provider is trusted without a condition on `<issuer>:sub`. */
  MISSING_SUB: 'cdk-ci-oidc:guard:missingSub',
  /** A CI provider is trusted without a condition on `<issuer>:aud`. */
  MISSING_AUDIENCE: 'cdk-ci-oidc:guard:missingAudience',
  /** `aud` is compared with a pattern that has a wildcard. */
  WILDCARD_AUDIENCE: 'cdk-ci-oidc:guard:wildcardAudience',
  /** A `sub` pattern has a wildcard in the owner, repository, group or project position. */
  WILDCARD_SCOPE: 'cdk-ci-oidc:guard:wildcardScope',
  /** `ForAllValues:`, `ForAnyValue:`, `...IfExists`, `StringNot...`, `...IgnoreCase` (or no string operator) on a key of the issuer. */
  UNSAFE_OPERATOR: 'cdk-ci-oidc:guard:unsafeOperator',
  /** Condition keys name another issuer than the trusted provider. */
  ISSUER_MISMATCH: 'cdk-ci-oidc:guard:issuerMismatch',
  /** `sts:AssumeRoleWithWebIdentity` is allowed to any principal (`"*"`, `{"AWS": "*"}`, a wildcard `Federated`, `NotPrincipal`). */
  ANY_PRINCIPAL: 'cdk-ci-oidc:guard:anyPrincipal',
  /** A trust statement allows with `NotAction`: every action but the listed ones, `sts:AssumeRoleWithWebIdentity` among them. */
  NOT_ACTION: 'cdk-ci-oidc:guard:notAction',
  /** A `sub` or `aud` value holds an IAM policy variable (`${...}`), which IAM replaces at request time. */
  POLICY_VARIABLE: 'cdk-ci-oidc:guard:policyVariable',
  /** A `sub` or `aud` value is a CloudFormation expression (a parameter, an import): its deployed value is unknown. */
  NON_LITERAL_VALUE: 'cdk-ci-oidc:guard:nonLiteralValue',
  /** Part of a trust policy that may let CI tokens in cannot be audited (an unreadable provider without conditions, `Fn::If`, an expression as document or statement). */
  UNAUDITABLE: 'cdk-ci-oidc:guard:unauditable',
  /** A subject matches `pull_request` jobs. */
  PULL_REQUEST: 'cdk-ci-oidc:pullRequestSubject',
  /** A subject matches any branch or tag (or any job). */
  ANY_REF: 'cdk-ci-oidc:anyRefSubject',
  /** A subject matches every branch. */
  ANY_BRANCH: 'cdk-ci-oidc:anyBranch',
  /** A subject matches every tag. */
  ANY_TAG: 'cdk-ci-oidc:anyTag',
  /** A subject matches every repository of a GitHub owner. */
  WHOLE_OWNER: 'cdk-ci-oidc:wholeOwnerSubject',
  /** A subject matches every project of a GitLab group. */
  WHOLE_GROUP: 'cdk-ci-oidc:wholeGroupSubject',
  /** A role with administrator-level permissions is trusted by a branch, tag or pull request rather than an environment or protected ref. */
  ADMIN_WITHOUT_ENVIRONMENT: 'cdk-ci-oidc:guard:adminTrustedByBranch',
  /** A `sub` value has a form the audit cannot read (a custom subject template, or one no token carries). */
  UNRECOGNIZED_SUBJECT: 'cdk-ci-oidc:guard:unrecognizedSubject',
  /** A raw subject is a pattern: the typed factories say what it lets in, a raw pattern does not. */
  RAW_PATTERN: 'cdk-ci-oidc:rawPatternSubject',
  /** A claim the subject would pin is not passed by the issuer to IAM: the `sub` alone decides. */
  CLAIM_NOT_PINNED: 'cdk-ci-oidc:claimNotPinned',
  /** A subject admits environments by a pattern: any writer can name a new environment in a workflow, which has no protection rules. */
  ENVIRONMENT_PATTERN: 'cdk-ci-oidc:environmentPattern',
  /** A subject (or a role) admits branches and environments of one repository: the branch jobs skip the environment's reviewers. */
  BRANCH_AND_ENVIRONMENT: 'cdk-ci-oidc:branchAndEnvironment',
  /** A subject admits tags as well as branches of the same names (the ref type is not fixed). */
  REF_TYPE_NOT_FIXED: 'cdk-ci-oidc:refTypeNotFixed',
  /** A subject admits both run phases of HCP Terraform (plan, which speculative plans of pull requests run, and apply). */
  ANY_RUN_PHASE: 'cdk-ci-oidc:anyRunPhase',
  /** A subject admits every workspace of an HCP Terraform project. */
  WHOLE_PROJECT: 'cdk-ci-oidc:wholeProjectSubject',
  /** A subject admits every project (CircleCI, HCP Terraform), pipeline (Buildkite) or repository (Bitbucket workspace) of an organization. */
  WHOLE_ORGANIZATION: 'cdk-ci-oidc:wholeOrganizationSubject',
} as const;

/** One of the ids of `FindingId`. */
export type FindingIdValue = typeof FindingId[keyof typeof FindingId];
