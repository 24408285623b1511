/*
 * The findings of a trust-policy audit. This module, like all of src/audit/, works on plain
 * CloudFormation JSON and imports nothing from aws-cdk-lib: the guard (an Aspect) and the
 * access-review command share it, and the command must run without the CDK.
 */

import { FindingIdValue } from '../core/finding-id';

/** How bad a finding is: errors fail the synthesis (guard) or the review (report). */
export type Severity = 'error' | 'warning';

/** One problem of one role's trust policy. */
export interface Finding {
  readonly severity: Severity;
  /** Stable id; warnings are acknowledged with it (`Annotations.acknowledgeWarning`). */
  readonly id: FindingIdValue;
  /** The role's construct path, e.g. `Stack/DeployRole`. */
  readonly rolePath: string;
  /** The condition (or the missing one) the finding is about, e.g. `Statement[0] StringLike token.actions.githubusercontent.com:sub "repo:acme*"`. */
  readonly condition: string;
  /** What is wrong and what it lets in. */
  readonly message: string;
  /** What to do instead. */
  readonly fix: string;
}


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
