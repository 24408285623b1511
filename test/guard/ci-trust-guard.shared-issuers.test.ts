import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import {
  BuildkiteOidcProvider, BuildkitePipeline, CiDeployRole,
  HcpTerraformIssuer, HcpTerraformOidcProvider, HcpTerraformWorkspace,
} from '../../src';
import { guard } from '../fixtures/guard-findings';

/*
 * The guard on roles that trust HCP Terraform's and Buildkite's shared issuers, written by hand
 * (as found in the wild) and built by the library: the organization is the tenancy, so a pattern
 * that does not fix it is an error; any run phase, every workspace, any branch are warnings; an
 * administrator role trusted by a plan phase (or any phase) or a branch is reported.
 */

const TF = 'app.terraform.io';
const TF_ARN = `arn:aws:iam::123456789012:oidc-provider/${TF}`;
const BK = 'agent.buildkite.com';
const BK_ARN = `arn:aws:iam::123456789012:oidc-provider/${BK}`;
const ADMIN = { managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] };


function cfnRole(stack: Stack, id: string, federated: string, condition: Record<string, unknown>, extra: Partial<iam.CfnRoleProps> = {}): void {
  new iam.CfnRole(stack, id, {
    assumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: federated }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
    },
    ...extra,
  });
}

describe('CiTrustGuard on HCP Terraform trusts', () => {
  const tfAud = { [`${TF}:aud`]: 'aws.workload.identity' };

  test.each([
    'organization:*',
    'organization:acme*:project:*:workspace:*:run_phase:apply',
    'organization:acme:project:Default*:workspace:network:run_phase:apply',
  ])('a pattern that does not fix the organization, project or workspace name is an error: %p', (sub) => {
    const result = guard((stack) => cfnRole(stack, 'Role', TF_ARN, { StringEquals: tfAud, StringLike: { [`${TF}:sub`]: sub } }));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:wildcardScope']);
  });

  test('the wildcards found in the wild (project:*:workspace:*) with administrator access: whole organization, any phase, admin', () => {
    // GIVEN the form of many blog posts' trust policies
    const result = guard((stack) => cfnRole(stack, 'Role', TF_ARN, {
      StringEquals: tfAud,
      StringLike: { [`${TF}:sub`]: 'organization:acme:project:*:workspace:*:run_phase:*' },
    }, ADMIN));

    // THEN
    expect(result.errors).toEqual([]);
    expect(result.warnings.sort()).toEqual([
      '/Stack/Role cdk-ci-oidc:anyRunPhase',
      '/Stack/Role cdk-ci-oidc:guard:adminTrustedByBranch',
      '/Stack/Role cdk-ci-oidc:wholeOrganizationSubject',
    ]);
    expect(result.texts.find((text) => text.includes('adminTrustedByBranch'))).toContain('is assumed by every workspace of acme, any run phase: whoever can push a branch of the workspace\'s repository ' +
      'and open a pull request (its speculative plan runs the plan phase), or queue a run in the workspace can administer the account.');
  });

  test('an administrator role of the apply phase only is not reported; of the plan phase it is', () => {
    // GIVEN
    const result = guard((stack) => {
      const provider = new HcpTerraformOidcProvider(stack, 'Terraform');
      const network = HcpTerraformWorkspace.of('acme', 'Default Project', 'network');
      new CiDeployRole(stack, 'Apply', { provider, subjects: [network.apply()], managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
      new CiDeployRole(stack, 'Plan', { provider, subjects: [network.plan()], managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
    });

    // THEN
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual(['/Stack/Plan/Resource cdk-ci-oidc:guard:adminTrustedByBranch']);
    expect(result.texts[0]).toContain('is assumed by acme/Default Project/network, plan phase');
  });

  test('a sub of no HCP Terraform run is reported as unrecognized', () => {
    const result = guard((stack) => cfnRole(stack, 'Role', TF_ARN, {
      StringEquals: { ...tfAud, [`${TF}:sub`]: 'organization:acme:workspace:network:run_phase:apply' },
    }));
    expect(result.warnings).toEqual(['/Stack/Role cdk-ci-oidc:guard:unrecognizedSubject']);
    expect(result.texts[0]).toContain("matches no run of HCP Terraform ('...:workspace:<workspace>:run_phase:<plan|apply>'), so no token carries it");
  });

  test('a Terraform Enterprise host is audited once it is named', () => {
    const build = (stack: Stack): void => {
      const provider = new HcpTerraformOidcProvider(stack, 'Tfe', { issuer: HcpTerraformIssuer.terraformEnterprise('tfe.example.com') });
      new iam.Role(stack, 'Role', {
        assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, { StringEquals: { 'tfe.example.com:aud': 'aws.workload.identity' } }),
      });
    };
    expect(guard(build).errors).toEqual([]);
    expect(guard(build, { terraformEnterpriseIssuers: ['tfe.example.com'] }).errors).toEqual(['/Stack/Role/Resource cdk-ci-oidc:guard:missingSub']);
  });
});

describe('CiTrustGuard on Buildkite trusts', () => {
  const bkAud = { [`${BK}:aud`]: 'sts.amazonaws.com' };

  test.each([
    'organization:*',
    'organization:acme*',
    'organization:acme-inc:pipeline:deploy-*:ref:refs/heads/main:*',
  ])('a pattern that does not fix the organization or pipeline is an error: %p', (sub) => {
    const result = guard((stack) => cfnRole(stack, 'Role', BK_ARN, { StringEquals: bkAud, StringLike: { [`${BK}:sub`]: sub } }));
    expect(result.errors).toEqual(['/Stack/Role cdk-ci-oidc:guard:wildcardScope']);
  });

  test('the plugin README\'s examples: every pipeline of the organization, any ref', () => {
    const result = guard((stack) => cfnRole(stack, 'Role', BK_ARN, {
      StringEquals: bkAud,
      StringLike: { [`${BK}:sub`]: ['organization:acme-inc:pipeline:*', 'organization:acme-inc:pipeline:deploy-app:*'] },
    }));
    expect(result.errors).toEqual([]);
    // One any-ref warning per value (the messages name the scope), one whole-organization warning.
    expect(result.warnings.sort()).toEqual([
      '/Stack/Role cdk-ci-oidc:anyRefSubject',
      '/Stack/Role cdk-ci-oidc:anyRefSubject',
      '/Stack/Role cdk-ci-oidc:wholeOrganizationSubject',
    ]);
  });

  test('a role of the library: no finding; with administrator access a branch is reported', () => {
    const result = guard((stack) => {
      const provider = new BuildkiteOidcProvider(stack, 'Buildkite');
      const subjects = [BuildkitePipeline.of('acme-inc', 'deploy-app').branch('main')];
      new CiDeployRole(stack, 'Deploy', { provider, subjects });
      new CiDeployRole(stack, 'Admin', { provider, subjects, managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual(['/Stack/Admin/Resource cdk-ci-oidc:guard:adminTrustedByBranch']);
    expect(result.texts[0]).toContain('is assumed by acme-inc/deploy-app, branch main');
  });
});
