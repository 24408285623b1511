import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { baselineRoles, github, gitlab } from './rollout-fixture';
import { CiOidcAccountBaseline, CiOidcProviderSource } from '../../src';

const GH = 'token.actions.githubusercontent.com';

describe('CiOidcAccountBaseline', () => {
  test('in a stack with an account, the roles trust that account\'s provider by its ARN', () => {
    const stack = new Stack(new App(), 'Management', { env: { account: '111111111111', region: 'eu-west-1' } });
    const baseline = new CiOidcAccountBaseline(stack, 'Baseline', { providers: [github], roles: [baselineRoles()[0]], providerSource: CiOidcProviderSource.USE_EXISTING });
    const template = Template.fromStack(stack).toJSON();
    expect(Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type)).toEqual(['AWS::IAM::Role']);
    expect(stack.resolve(baseline.providerFor(github).oidcProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::111111111111:oidc-provider/${GH}`]],
    });
    expect(baseline.providers).toHaveLength(1);
    expect(baseline.role('Plan').provider.issuer).toBe(GH);
  });

  test('appends a literal role-name suffix', () => {
    const stack = new Stack(new App(), 'Plain');
    new CiOidcAccountBaseline(stack, 'Baseline', { providers: [github], roles: [{ ...baselineRoles()[0], roleName: 'ci-plan' }], roleNameSuffix: '-eu' });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', { RoleName: 'ci-plan-eu' });
  });

  test('with an environment token, makes restricted roles conditional instead of leaving them out', () => {
    const stack = new Stack(new App(), 'Plain');
    const environment = new CfnParameter(stack, 'Environment', { type: 'String' });
    const baseline = new CiOidcAccountBaseline(stack, 'Baseline', { providers: [github, gitlab], roles: baselineRoles(), environment: environment.valueAsString });
    expect(baseline.roles).toHaveLength(3);
    const template = Template.fromStack(stack).toJSON();
    expect(Object.values(template.Conditions)).toEqual([
      { 'Fn::Equals': [{ Ref: 'Environment' }, 'production'] },
      { 'Fn::Equals': [{ Ref: 'Environment' }, 'production'] },
    ]);
  });

  test('a role restricted to several environments gets one condition that ORs them', () => {
    const stack = new Stack(new App(), 'Plain');
    const environment = new CfnParameter(stack, 'Environment', { type: 'String' });
    new CiOidcAccountBaseline(stack, 'Baseline', {
      providers: [github], roles: [{ ...baselineRoles()[1], environments: ['staging', 'production'] }], environment: environment.valueAsString,
    });
    expect(Object.values(Template.fromStack(stack).toJSON().Conditions)).toEqual([{
      'Fn::Or': [{ 'Fn::Equals': [{ Ref: 'Environment' }, 'staging'] }, { 'Fn::Equals': [{ Ref: 'Environment' }, 'production'] }],
    }]);
  });

  test('fails if a role or provider is asked for that the baseline does not hold', () => {
    const baseline = new CiOidcAccountBaseline(new Stack(new App(), 'Plain'), 'Baseline', { providers: [github], roles: [baselineRoles()[1]], environment: 'sandbox' });
    expect(() => baseline.role('Deploy')).toThrow("Invalid CiOidcAccountBaseline 'Plain/Baseline' role id 'Deploy': the baseline holds no such role. Allowed form: one of its roles: none.");
    expect(() => baseline.providerFor(gitlab)).toThrow(
      "Invalid CiOidcAccountBaseline 'Plain/Baseline' provider 'gitlab.com': the baseline has no provider for this issuer. Allowed form: a provider of props.providers.");
  });

  test('fails if a literal suffix makes a role name longer than 64 characters', () => {
    expect(() => new CiOidcAccountBaseline(new Stack(new App(), 'Plain'), 'Baseline', {
      providers: [github], roles: [{ ...baselineRoles()[0], roleName: 'r'.repeat(62) }], roleNameSuffix: '-eu',
    })).toThrow(`Invalid CiOidcAccountBaseline role 'Plan' roleName '${'r'.repeat(62)}-eu': it is 65 characters with the suffix, over IAM's 64. Allowed form: a shorter roleName or roleNameSuffix.`);
  });
});
