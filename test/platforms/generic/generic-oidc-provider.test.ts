import { App, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CiPlatform, GenericOidcProvider } from '../../../src';

function newStack(region?: string): Stack {
  return new Stack(new App(), 'Stack', region ? { env: { region, account: '123456789012' } } : undefined);
}

describe('GenericOidcProvider', () => {
  test('an issuer URL and audience: native provider, retained, aud and sub only', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = new GenericOidcProvider(stack, 'AzureDevOps', {
      url: 'https://vstoken.dev.azure.com/8d5e5f0c-1a2b-4c3d-9e8f-0a1b2c3d4e5f',
      audience: 'api://AzureADTokenExchange',
    });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.templateMatches({
      Resources: {
        AzureDevOpsBA3DADCF: {
          Type: 'AWS::IAM::OIDCProvider',
          Properties: { Url: 'https://vstoken.dev.azure.com/8d5e5f0c-1a2b-4c3d-9e8f-0a1b2c3d4e5f', ClientIdList: ['api://AzureADTokenExchange'] },
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
        },
      },
    });
    expect(provider.platform).toBe(CiPlatform.GENERIC_OIDC);
    expect(provider.issuer).toBe('vstoken.dev.azure.com/8d5e5f0c-1a2b-4c3d-9e8f-0a1b2c3d4e5f');
    expect(provider.url).toBe('https://vstoken.dev.azure.com/8d5e5f0c-1a2b-4c3d-9e8f-0a1b2c3d4e5f');
    expect(provider.audience).toBe('api://AzureADTokenExchange');
    expect(provider.conditionClaims).toEqual([]);
  });

  test('the audience defaults to the partition\'s STS audience', () => {
    // WHEN
    const global = new GenericOidcProvider(newStack('eu-west-1'), 'Jenkins', { url: 'https://jenkins.example.com/oidc' });
    const china = new GenericOidcProvider(newStack('cn-north-1'), 'Jenkins', { url: 'https://jenkins.example.com/oidc' });

    // THEN
    expect(global.audience).toBe('sts.amazonaws.com');
    expect(china.audience).toBe('sts.amazonaws.com.cn');
  });

  test('a trailing slash is kept: it is part of the issuer IAM names the keys after', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = new GenericOidcProvider(stack, 'Env0', { url: 'https://login.app.env0.com/', audience: 'env0-audience' });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://login.app.env0.com/' });
    expect(provider.issuer).toBe('login.app.env0.com/');
  });

  test('fromAccount: a partition-aware ARN of the issuer', () => {
    // GIVEN
    const stack = newStack('cn-north-1');

    // WHEN
    const provider = GenericOidcProvider.fromAccount(stack, 'Spacelift', { url: 'https://acme.app.spacelift.io', audience: 'acme.app.spacelift.io', account: '210987654321' });

    // THEN
    expect(stack.resolve(provider.oidcProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::210987654321:oidc-provider/acme.app.spacelift.io']],
    });
    expect(provider.platform).toBe(CiPlatform.GENERIC_OIDC);
    expect(provider.issuer).toBe('acme.app.spacelift.io');
    expect(provider.audience).toBe('acme.app.spacelift.io');
    expect(provider.conditionClaims).toEqual([]);
  });

  test('fromOidcProviderArn: a token ARN is taken, the issuer comes from the url', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = GenericOidcProvider.fromOidcProviderArn(stack, 'Jenkins', Fn.importValue('JenkinsProviderArn'), { url: 'https://jenkins.example.com/oidc' });

    // THEN
    expect(stack.resolve(provider.oidcProviderArn)).toEqual({ 'Fn::ImportValue': 'JenkinsProviderArn' });
    expect(provider.issuer).toBe('jenkins.example.com/oidc');
  });

  test('fails if a literal ARN names another issuer', () => {
    expect(() => GenericOidcProvider.fromOidcProviderArn(newStack(), 'Jenkins', 'arn:aws:iam::123456789012:oidc-provider/other.example.com', {
      url: 'https://jenkins.example.com/oidc',
    })).toThrow(
      "Invalid GenericOidcProvider.fromOidcProviderArn(oidcProviderArn) 'arn:aws:iam::123456789012:oidc-provider/other.example.com': " +
      "it must be the ARN of the provider for issuer 'jenkins.example.com/oidc'. Allowed form: 'arn:<partition>:iam::<account>:oidc-provider/jenkins.example.com/oidc'; " +
      'pass the matching issuer in the options for another one.',
    );
  });

  const URL_FORM = "the issuer's https URL exactly as its tokens' 'iss' claim, e.g. 'https://jenkins.example.com/oidc' or " +
    "'https://vstoken.dev.azure.com/<organization-id>', without port, query or credentials";

  test.each([
    ['http://jenkins.example.com/oidc', 'it does not start with https:// (IAM accepts only https issuers)'],
    ['https://jenkins.example.com:8443/oidc', "its host 'jenkins.example.com:8443' is followed by a port"],
    ['https://jenkins.example.com/oidc?x=1', 'it has a query or fragment'],
    ['https://user@jenkins.example.com', 'it has credentials'],
    ['https://Jenkins.Example.com', "its host 'Jenkins.Example.com' is not a lowercase DNS name with at least two labels"],
    ['https://jenkins.example.com//oidc', "its path segment '' is empty or not made of letters, digits, '.', '_', '~' and '-'"],
  ])('fails if the url is %s', (url, why) => {
    expect(() => new GenericOidcProvider(newStack(), 'P', { url })).toThrow(`Invalid GenericOidcProvider url '${url}': ${why}. Allowed form: ${URL_FORM}.`);
  });

  test('fails if the url is a token', () => {
    expect(() => new GenericOidcProvider(newStack(), 'P', { url: Fn.importValue('Url') })).toThrow(
      /^Invalid GenericOidcProvider url '\$\{Token\[TOKEN\.\d+\]\}': it is a token; the URL must be literal because IAM names the condition keys after it\./,
    );
  });

  test('fails if the url is not a string', () => {
    expect(() => new GenericOidcProvider(newStack(), 'P', { url: 42 as unknown as string })).toThrow(
      `Invalid GenericOidcProvider url '42': it is a number, not a string. Allowed form: ${URL_FORM}.`,
    );
  });

  test.each([
    ['https://token.actions.githubusercontent.com', 'github.com', 'the GitHub Actions provider'],
    ['https://gitlab.com', 'gitlab.com', 'the GitLab CI/CD provider'],
    ['https://app.terraform.io', 'HCP Terraform', 'the HCP Terraform provider'],
  ])('fails if the url is %s, which has a provider of its own', (url, name, own) => {
    expect(() => new GenericOidcProvider(newStack(), 'P', { url })).toThrow(
      `Invalid GenericOidcProvider url '${url}': it is the ${name} issuer, which has a provider of its own (${own}) whose subjects know its 'sub' grammar. ` +
      `Allowed form: an issuer without a provider of its own; use ${own}.`,
    );
  });

  test('fails if the url is an issuer IAM has built in', () => {
    expect(() => new GenericOidcProvider(newStack(), 'P', { url: 'https://accounts.google.com' })).toThrow(
      "Invalid GenericOidcProvider url 'https://accounts.google.com': IAM has this identity provider built in, and no OIDC provider can be created for it. " +
      'Allowed form: another issuer; a role trusts a built-in one with \'"Federated": "accounts.google.com"\', outside this library.',
    );
  });

  test('fails if the url is Microsoft Sentinel\'s, whose tenancy claim is sts:RoleSessionName', () => {
    const url = 'https://sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d';
    expect(() => new GenericOidcProvider(newStack(), 'P', { url })).toThrow(
      `Invalid GenericOidcProvider url '${url}': Microsoft Sentinel ('sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d') names the tenant in ` +
      "'sts:RoleSessionName' (IAM identity-provider controls), a condition this library does not write. " +
      'Allowed form: another issuer; write the role by hand with an sts:RoleSessionName condition.',
    );
  });

  describe('shared issuers that name the tenant in aud', () => {
    test('Pulumi Cloud with its organization\'s audience', () => {
      // WHEN
      const provider = new GenericOidcProvider(newStack(), 'Pulumi', { url: 'https://api.pulumi.com/oidc', audience: 'aws:acme' });

      // THEN
      expect(provider.issuer).toBe('api.pulumi.com/oidc');
      expect(provider.audience).toBe('aws:acme');
    });

    test.each([
      ['https://api.pulumi.com/oidc', 'Pulumi Cloud', 'api.pulumi.com/oidc'],
      ['https://oidc.vercel.com', 'Vercel', 'oidc.vercel.com'],
    ])('fails if %s keeps the default audience', (url, name, issuer) => {
      expect(() => new GenericOidcProvider(newStack(), 'P', { url })).toThrow(
        `Invalid GenericOidcProvider audience 'sts.amazonaws.com': ${name} ('${issuer}') is a shared issuer that names the tenant in 'aud' ` +
        "(IAM identity-provider controls), and 'sts.amazonaws.com' is an audience every tenant can ask for. " +
        "Allowed form: the audience your tenant's tokens carry, e.g. 'aws:<organization>' for Pulumi Cloud.",
      );
    });

    test('fails if an imported Pulumi provider keeps the default audience', () => {
      expect(() => GenericOidcProvider.fromAccount(newStack(), 'P', { url: 'https://api.pulumi.com/oidc' })).toThrow(
        "Invalid GenericOidcProvider.fromAccount() audience 'sts.amazonaws.com': Pulumi Cloud ('api.pulumi.com/oidc') is a shared issuer",
      );
    });
  });
});
