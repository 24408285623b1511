/*
 * The findings of a trust-policy audit. This module, like all of src/audit/, works on plain
 * CloudFormation JSON and imports nothing from aws-cdk-lib: the guard (an Aspect) and the
 * access-review command share it, and the command must run without the CDK.
 */

/** How bad a finding is: errors fail the synthesis (guard) or the review (report). */
export type Severity = 'error' | 'warning';

/** One problem of one role's trust policy. */
export interface Finding {
  readonly severity: Severity;
  /** Stable id; warnings are acknowledged with it (`Annotations.acknowledgeWarning`). */
  readonly id: string;
  /** The role's construct path, e.g. `Stack/DeployRole`. */
  readonly rolePath: string;
  /** The condition (or the missing one) the finding is about, e.g. `Statement[0] StringLike token.actions.githubusercontent.com:sub "repo:acme*"`. */
  readonly condition: string;
  /** What is wrong and what it lets in. */
  readonly message: string;
  /** What to do instead. */
  readonly fix: string;
}

/** What the guard and the report check, by id. Warnings reuse the ids of the subjects' own warnings. */
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
} as const;

/** Sorts findings: errors first, then by role, id and condition, so output is stable. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) =>
    (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)
    || a.rolePath.localeCompare(b.rolePath)
    || a.id.localeCompare(b.id)
    || a.condition.localeCompare(b.condition));
}

/** One line for an annotation or a log: message, condition and fix. */
export function formatFinding(finding: Finding): string {
  return `${finding.message} Condition: ${finding.condition}. Fix: ${finding.fix} [${finding.rolePath}]`;
}
