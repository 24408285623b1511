/**
 * A legal but risky trust that a subject grants: the warning a role gives for it.
 */
export interface CiSubjectRisk {
  /**
   * The warning's stable id, for `Annotations.of(scope).acknowledgeWarning(id)`, e.g.
   * `cdk-ci-oidc:wholeOwnerSubject`.
   */
  readonly id: string;

  /**
   * The warning's text: what the subject admits and how to narrow it.
   */
  readonly message: string;
}
