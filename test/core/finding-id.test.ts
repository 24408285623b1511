import { FindingId } from '../../src/core/finding-id';

describe('FindingId', () => {
  test('the ids users acknowledge are exactly the released ones', () => {
    // Written out on purpose: a changed id breaks every acknowledgement made with the old one.
    expect(Object.values(FindingId).sort()).toEqual([
      'cdk-ci-oidc:anyBranch',
      'cdk-ci-oidc:anyRefSubject',
      'cdk-ci-oidc:anyRunPhase',
      'cdk-ci-oidc:anyTag',
      'cdk-ci-oidc:branchAndEnvironment',
      'cdk-ci-oidc:claimNotPinned',
      'cdk-ci-oidc:environmentPattern',
      'cdk-ci-oidc:guard:adminTrustedByBranch',
      'cdk-ci-oidc:guard:anyPrincipal',
      'cdk-ci-oidc:guard:issuerMismatch',
      'cdk-ci-oidc:guard:missingAudience',
      'cdk-ci-oidc:guard:missingSub',
      'cdk-ci-oidc:guard:nonLiteralValue',
      'cdk-ci-oidc:guard:notAction',
      'cdk-ci-oidc:guard:policyVariable',
      'cdk-ci-oidc:guard:unauditable',
      'cdk-ci-oidc:guard:unrecognizedSubject',
      'cdk-ci-oidc:guard:unsafeOperator',
      'cdk-ci-oidc:guard:wildcardAudience',
      'cdk-ci-oidc:guard:wildcardScope',
      'cdk-ci-oidc:pullRequestSubject',
      'cdk-ci-oidc:rawPatternSubject',
      'cdk-ci-oidc:refTypeNotFixed',
      'cdk-ci-oidc:wholeGroupSubject',
      'cdk-ci-oidc:wholeOrganizationSubject',
      'cdk-ci-oidc:wholeOwnerSubject',
      'cdk-ci-oidc:wholeProjectSubject',
    ]);
  });

  test('no two names share an id', () => {
    expect(new Set(Object.values(FindingId)).size).toBe(Object.keys(FindingId).length);
  });
});
