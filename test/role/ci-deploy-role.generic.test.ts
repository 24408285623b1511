import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CiDeployRole, GenericOidcProvider, GenericSubject, GitHubRepository } from '../../src';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

function trustPolicyOf(role: CiDeployRole): unknown {
  const stack = Stack.of(role);
  const logicalId = stack.getLogicalId(role.node.defaultChild as CfnElement);
  return Template.fromStack(stack).toJSON().Resources[logicalId].Properties.AssumeRolePolicyDocument;
}

const ADO = 'https://vstoken.dev.azure.com/8d5e5f0c-1a2b-4c3d-9e8f-0a1b2c3d4e5f';
const ADO_ISSUER = 'vstoken.dev.azure.com/8d5e5f0c-1a2b-4c3d-9e8f-0a1b2c3d4e5f';

describe('CiDeployRole with a generic issuer', () => {
  test('exact and pattern subjects land in their own statements, aud always StringEquals', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GenericOidcProvider(stack, 'AzureDevOps', { url: ADO, audience: 'api://AzureADTokenExchange' });

    // WHEN
    const role = new CiDeployRole(stack, 'Role', {
      provider,
      subjects: [GenericSubject.exact('sc://acme/infra/aws-deploy'), GenericSubject.pattern('sc://acme/infra/*'), GenericSubject.exact('sc://acme/infra/aws-read')],
    });

    // THEN
    const federated = { Ref: 'AzureDevOpsBA3DADCF' };
    expect(trustPolicyOf(role)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'sts:AssumeRoleWithWebIdentity',
          Effect: 'Allow',
          Principal: { Federated: federated },
          Condition: {
            StringEquals: { [`${ADO_ISSUER}:aud`]: 'api://AzureADTokenExchange', [`${ADO_ISSUER}:sub`]: ['sc://acme/infra/aws-deploy', 'sc://acme/infra/aws-read'] },
          },
        },
        {
          Action: 'sts:AssumeRoleWithWebIdentity',
          Effect: 'Allow',
          Principal: { Federated: federated },
          Condition: {
            StringEquals: { [`${ADO_ISSUER}:aud`]: 'api://AzureADTokenExchange' },
            StringLike: { [`${ADO_ISSUER}:sub`]: 'sc://acme/infra/*' },
          },
        },
      ],
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Role/Resource', Match.stringLikeRegexp(
      "The subject 'sc://acme/infra/\\*' is a pattern of an issuer whose 'sub' grammar.*\\[ack: cdk-ci-oidc:rawPatternSubject\\]"));
  });

  test('a trailing slash of the issuer is part of the condition keys', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GenericOidcProvider(stack, 'Env0', { url: 'https://login.app.env0.com/', audience: 'env0-audience' });

    // WHEN
    const role = new CiDeployRole(stack, 'Role', { provider, subjects: [GenericSubject.exact('auth0|org-1234')] });

    // THEN
    expect((trustPolicyOf(role) as { Statement: Array<{ Condition: unknown }> }).Statement[0].Condition).toEqual({
      StringEquals: { 'login.app.env0.com/:aud': 'env0-audience', 'login.app.env0.com/:sub': 'auth0|org-1234' },
    });
  });

  test('fails if a subject of another platform is added', () => {
    const stack = newStack();
    const provider = new GenericOidcProvider(stack, 'Jenkins', { url: 'https://jenkins.example.com/oidc' });
    expect(() => new CiDeployRole(stack, 'Role', { provider, subjects: [GitHubRepository.of('acme/api').branch('main')] })).toThrow(
      "Invalid subject 'acme/api, branch main': it is a GITHUB_ACTIONS subject, but the provider for issuer 'jenkins.example.com/oidc' is GENERIC_OIDC. " +
      "Allowed form: a subject of the provider's platform, or a role per provider.",
    );
  });

  describe('the tenancy rule of shared issuers (IAM identity-provider controls)', () => {
    test('a Codefresh pattern that fixes the account passes', () => {
      const stack = newStack();
      const provider = new GenericOidcProvider(stack, 'Codefresh', { url: 'https://oidc.codefresh.io' });
      const role = new CiDeployRole(stack, 'Role', { provider, subjects: [GenericSubject.pattern('account:5f30ebd30312313ae7f17948:pipeline:*')] });
      expect((trustPolicyOf(role) as { Statement: Array<{ Condition: unknown }> }).Statement[0].Condition).toEqual({
        StringEquals: { 'oidc.codefresh.io:aud': 'sts.amazonaws.com' },
        StringLike: { 'oidc.codefresh.io:sub': 'account:5f30ebd30312313ae7f17948:pipeline:*' },
      });
    });

    test('fails if a Codefresh pattern does not start with the account', () => {
      const stack = newStack();
      const provider = new GenericOidcProvider(stack, 'Codefresh', { url: 'https://oidc.codefresh.io' });
      expect(() => new CiDeployRole(stack, 'Role', { provider, subjects: [GenericSubject.pattern('pipeline:64de5cd47626b3ca134e760a:*')] })).toThrow(
        "Invalid GenericSubject.pattern(sub) 'pipeline:64de5cd47626b3ca134e760a:*': Codefresh ('oidc.codefresh.io') is a shared issuer that names the tenant in 'sub', " +
        "and the fixed part 'pipeline:64de5cd47626b3ca134e760a:' before the first wildcard does not hold the complete tenant prefix 'account:<account-id>:', " +
        'so tokens of other tenants match. Allowed form: a pattern whose fixed part starts with the tenant prefix the issuer documents.',
      );
    });

    test('an exact subject of a shared issuer names one token\'s sub, tenant included', () => {
      const stack = newStack();
      const provider = new GenericOidcProvider(stack, 'Scalr', { url: 'https://scalr.io' });
      expect(() => new CiDeployRole(stack, 'Role', { provider, subjects: [GenericSubject.exact('account:acme:environment:prod:workspace:network:run_phase:apply')] }))
        .not.toThrow();
    });

    test('fails if a role overrides a Pulumi provider\'s audience with the STS audience', () => {
      const stack = newStack();
      const provider = new GenericOidcProvider(stack, 'Pulumi', { url: 'https://api.pulumi.com/oidc', audience: 'aws:acme' });
      expect(() => new CiDeployRole(stack, 'Role', {
        provider, audience: 'sts.amazonaws.com', subjects: [GenericSubject.pattern('pulumi:deploy:org:acme:*')],
      })).toThrow(
        "Invalid role audience 'sts.amazonaws.com': Pulumi Cloud ('api.pulumi.com/oidc') is a shared issuer that names the tenant in 'aud' " +
        "(IAM identity-provider controls), and 'sts.amazonaws.com' is an audience every tenant can ask for. " +
        "Allowed form: the audience your tenant's tokens carry, e.g. 'aws:<organization>' for Pulumi Cloud.",
      );
    });

    test('a Pulumi role requires its organization\'s audience', () => {
      const stack = newStack();
      const provider = new GenericOidcProvider(stack, 'Pulumi', { url: 'https://api.pulumi.com/oidc', audience: 'aws:acme' });
      const role = new CiDeployRole(stack, 'Role', { provider, subjects: [GenericSubject.pattern('pulumi:deploy:org:acme:project:web:*')] });
      expect((trustPolicyOf(role) as { Statement: Array<{ Condition: unknown }> }).Statement[0].Condition).toEqual({
        StringEquals: { 'api.pulumi.com/oidc:aud': 'aws:acme' },
        StringLike: { 'api.pulumi.com/oidc:sub': 'pulumi:deploy:org:acme:project:web:*' },
      });
    });
  });
});
