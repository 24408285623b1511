import { CiPlatform, HcpTerraformSubject } from '../../../src';

const EXAMPLE = "Allowed form: an HCP Terraform subject claim such as 'organization:acme:project:Default Project:workspace:network:run_phase:apply'.";

describe('HcpTerraformSubject.fromClaim', () => {
  test('an exact claim is a StringEquals subject without risks', () => {
    // WHEN
    const subject = HcpTerraformSubject.fromClaim('organization:acme:project:Default Project:workspace:network:run_phase:apply');

    // THEN
    expect(subject.platform).toBe(CiPlatform.HCP_TERRAFORM);
    expect(subject.isPattern).toBe(false);
    expect(subject._spec.risks).toEqual([]);
  });

  test.each([
    ['organization:acme:project:Default Project:workspace:*:run_phase:apply', ['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:wholeProjectSubject']],
    ['organization:acme:project:*:workspace:*:run_phase:apply', ['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:wholeOrganizationSubject']],
    ['organization:acme:*', ['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:wholeOrganizationSubject', 'cdk-ci-oidc:anyRunPhase']],
    ['organization:acme:project:Default Project:workspace:network:*', ['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:anyRunPhase']],
    ['organization:acme:project:Default Project:workspace:network:run_phase:p*', ['cdk-ci-oidc:rawPatternSubject']],
  ])('a pattern after a complete organization is accepted and warned by what it matches: %p', (sub, ids) => {
    // WHEN
    const subject = HcpTerraformSubject.fromClaim(sub);

    // THEN
    expect(subject.isPattern).toBe(true);
    expect(subject._spec.risks.map((risk) => risk.id)).toEqual(ids);
  });

  test.each([
    'organization:*',
    'organization:acme*:project:Default Project:workspace:network:run_phase:apply',
    'organization:ac?e:project:Default Project:workspace:network:run_phase:apply',
  ])('fails if the organization, the tenancy of the shared issuer, is not literal: %p', (sub) => {
    expect(() => HcpTerraformSubject.fromClaim(sub)).toThrow(`Invalid HcpTerraformSubject.fromClaim(sub) '${sub}': `);
    expect(() => HcpTerraformSubject.fromClaim(sub)).toThrow(/so it matches the runs of other organizations on the shared issuer|its fixed part before the first wildcard/);
  });

  test.each([
    'organization:acme:p*:run_phase:plan',
    'organization:acme:project:Default*:workspace:network:run_phase:plan',
    'organization:acme:project:Default Project:workspace:network-*:run_phase:plan',
    'organization:acme:project:Default Project:workspace:?:run_phase:plan',
  ])('fails if a wildcard is inside a project or workspace name: %p', (sub) => {
    expect(() => HcpTerraformSubject.fromClaim(sub)).toThrow(`Invalid HcpTerraformSubject.fromClaim(sub) '${sub}': it has a wildcard inside '`);
    expect(() => HcpTerraformSubject.fromClaim(sub)).toThrow("only '*' for a whole name after its key ('project:*', 'workspace:*') or for everything after the organization is allowed. ");
  });

  test.each([
    ['organization:acme co:project:P:workspace:w:run_phase:apply', "it names no complete literal organization followed by ':', so it matches the runs of other organizations " +
      "on the shared issuer (IAM's identity-provider controls require the organization for it). " + EXAMPLE],
    ['project:acme:workspace:w', "it does not start with 'organization:', as every HCP Terraform subject does. " + EXAMPLE],
    ['organization:acme:workspace:network:run_phase:apply', "it matches no run of HCP Terraform ('...:workspace:<workspace>:run_phase:<plan|apply>'), so no token carries it. " + EXAMPLE],
    ['organization:acme:pipeline:deploy:ref:refs/heads/main:*', "it matches no run of HCP Terraform ('...:workspace:<workspace>:run_phase:<plan|apply>'), so no token carries it. " + EXAMPLE],
    ['organization:acme:project:P:workspace:w:run_phase:destroy', "it matches no run of HCP Terraform ('...:workspace:<workspace>:run_phase:<plan|apply>'), so no token carries it. " + EXAMPLE],
  ])('fails if the claim is %p', (sub, message) => {
    expect(() => HcpTerraformSubject.fromClaim(sub)).toThrow(`Invalid HcpTerraformSubject.fromClaim(sub) '${sub}': ${message}`);
  });
});
