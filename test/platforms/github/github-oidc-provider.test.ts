import { Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CiPlatform, GitHubIssuer, GitHubOidcProvider } from '../../../src';
import { GITHUB_ISSUER, newStack, refOf } from '../../fixtures/github-stack';

const GITHUB_DOT_COM_KEYS = [
  'repository', 'repository_id', 'repository_owner_id', 'job_workflow_ref', 'ref', 'environment', 'workflow', 'actor', 'actor_id', 'enterprise_id',
];

/** The ARN `fromAccount` derives, as CloudFormation receives it. */
function partitionArn(account: unknown, issuer: string): unknown {
  return typeof account === 'string'
    ? { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:oidc-provider/${issuer}`]] }
    : { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', account, `:oidc-provider/${issuer}`]] };
}

describe('GitHubOidcProvider', () => {
  test('a native AWS::IAM::OIDCProvider: one client id, no thumbprint, retained', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = new GitHubOidcProvider(stack, 'GitHub');

    // THEN
    const template = Template.fromStack(stack).toJSON();
    expect(template.Resources).toEqual({
      [refOf(provider).Ref]: {
        Type: 'AWS::IAM::OIDCProvider',
        Properties: {
          ClientIdList: ['sts.amazonaws.com'],
          Url: 'https://token.actions.githubusercontent.com',
        },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      },
    });
  });

  test('no Lambda, no custom resource, no asset', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    new GitHubOidcProvider(stack, 'GitHub');

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('Custom::AWSCDKOpenIdConnectProvider', 0);
    expect(Object.values(template.toJSON().Resources).map((r: any) => r.Type)).toEqual(['AWS::IAM::OIDCProvider']);
    expect(Object.keys(template.toJSON().Parameters)).toEqual(['BootstrapVersion']);
  });

  test('exposes platform, literal issuer, audience and condition keys', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = new GitHubOidcProvider(stack, 'GitHub');

    // THEN
    expect(provider.platform).toBe(CiPlatform.GITHUB_ACTIONS);
    expect(provider.issuer).toBe(GITHUB_ISSUER);
    expect(provider.oidcProviderIssuer).toBe(GITHUB_ISSUER);
    expect(provider.audience).toBe('sts.amazonaws.com');
    expect(provider.conditionClaims).toEqual(GITHUB_DOT_COM_KEYS);
    expect(stack.resolve(provider.oidcProviderArn)).toEqual(refOf(provider));
  });

  test('removalPolicy overrides RETAIN', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = new GitHubOidcProvider(stack, 'GitHub', { removalPolicy: RemovalPolicy.DESTROY });

    // THEN
    const resource = Template.fromStack(stack).toJSON().Resources[refOf(provider).Ref];
    expect(resource.DeletionPolicy).toBe('Delete');
    expect(resource.UpdateReplacePolicy).toBe('Delete');
  });

  test('a custom audience is the only client id', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = new GitHubOidcProvider(stack, 'GitHub', { audience: 'https://github.com/acme' });

    // THEN
    expect(provider.audience).toBe('https://github.com/acme');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', {
      ClientIdList: ['https://github.com/acme'],
      Url: 'https://token.actions.githubusercontent.com',
    });
  });

  test('in a China region the audience is sts.amazonaws.com.cn', () => {
    // GIVEN
    const stack = newStack({ env: { region: 'cn-north-1' } });

    // WHEN
    const provider = new GitHubOidcProvider(stack, 'GitHub');

    // THEN
    expect(provider.audience).toBe('sts.amazonaws.com.cn');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', {
      ClientIdList: ['sts.amazonaws.com.cn'],
      Url: 'https://token.actions.githubusercontent.com',
    });
  });

  test('in a commercial region the audience is sts.amazonaws.com', () => {
    expect(new GitHubOidcProvider(newStack({ env: { region: 'eu-central-1' } }), 'GitHub').audience).toBe('sts.amazonaws.com');
  });

  test.each([
    [GitHubIssuer.enterpriseCloud('acme-corp'), 'https://token.actions.githubusercontent.com/acme-corp', GITHUB_DOT_COM_KEYS],
    [GitHubIssuer.dataResidency('octocorp'), 'https://token.actions.octocorp.ghe.com', []],
    [GitHubIssuer.enterpriseServer('github.example.com'), 'https://github.example.com/_services/token', []],
  ])('issuer %#: the provider URL and condition keys', (issuer, url, keys) => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = new GitHubOidcProvider(stack, 'GitHub', { issuer });

    // THEN
    expect(provider.issuer).toBe(url.slice('https://'.length));
    expect(provider.conditionClaims).toEqual(keys);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', { ClientIdList: ['sts.amazonaws.com'], Url: url });
  });

  test.each([['sts amazonaws com'], [''], ['sts.*'], ['aud?'], ['${aws:username}'], ['a'.repeat(256)]])('fails if the audience is %j', (audience) => {
    expect(() => new GitHubOidcProvider(newStack(), 'GitHub', { audience })).toThrow(
      `Invalid audience '${audience}': it must be 1 to 255 characters without spaces, wildcards or '\${'. Allowed form: 1 to 255 such characters, e.g. 'sts.amazonaws.com'.`,
    );
  });

  test('an audience token is taken as it is', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = new GitHubOidcProvider(stack, 'GitHub', { audience: Fn.importValue('Audience') });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', { ClientIdList: [{ 'Fn::ImportValue': 'Audience' }] });
    expect(stack.resolve(provider.audience)).toEqual({ 'Fn::ImportValue': 'Audience' });
  });

  test('audience length boundary: 255 characters pass', () => {
    expect(new GitHubOidcProvider(newStack(), 'GitHub', { audience: 'a'.repeat(255) }).audience).toBe('a'.repeat(255));
  });
});

describe('GitHubOidcProvider.fromAccount', () => {
  test('env-agnostic stack: a partition-aware ARN in the stack account, nothing created', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = GitHubOidcProvider.fromAccount(stack, 'GitHub');

    // THEN
    expect(stack.resolve(provider.oidcProviderArn)).toEqual(partitionArn({ Ref: 'AWS::AccountId' }, GITHUB_ISSUER));
    expect(provider.platform).toBe(CiPlatform.GITHUB_ACTIONS);
    expect(provider.issuer).toBe(GITHUB_ISSUER);
    expect(provider.oidcProviderIssuer).toBe(GITHUB_ISSUER);
    expect(provider.audience).toBe('sts.amazonaws.com');
    expect(provider.conditionClaims).toEqual(GITHUB_DOT_COM_KEYS);
    expect(Template.fromStack(stack).toJSON().Resources).toBeUndefined();
  });

  test('a stack in cn-north-1 with an account: still AWS::Partition (aws-cdk-lib 2.200 does not resolve it), China audience', () => {
    // GIVEN
    const stack = newStack({ env: { region: 'cn-north-1', account: '123456789012' } });

    // WHEN
    const provider = GitHubOidcProvider.fromAccount(stack, 'GitHub');

    // THEN
    expect(stack.resolve(provider.oidcProviderArn)).toEqual(partitionArn('123456789012', GITHUB_ISSUER));
    expect(provider.audience).toBe('sts.amazonaws.com.cn');
  });

  test('another account', () => {
    // GIVEN
    const stack = newStack({ env: { region: 'us-east-1', account: '123456789012' } });

    // WHEN
    const provider = GitHubOidcProvider.fromAccount(stack, 'GitHub', { account: '210987654321' });

    // THEN
    expect(stack.resolve(provider.oidcProviderArn)).toEqual(partitionArn('210987654321', GITHUB_ISSUER));
  });

  test('the issuer and audience from the options', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = GitHubOidcProvider.fromAccount(stack, 'GitHub', { issuer: GitHubIssuer.enterpriseCloud('acme-corp'), audience: 'acme-deploy' });

    // THEN
    expect(stack.resolve(provider.oidcProviderArn)).toEqual(partitionArn({ Ref: 'AWS::AccountId' }, `${GITHUB_ISSUER}/acme-corp`));
    expect(provider.issuer).toBe(`${GITHUB_ISSUER}/acme-corp`);
    expect(provider.audience).toBe('acme-deploy');
  });

  test('an account token is accepted', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = GitHubOidcProvider.fromAccount(stack, 'GitHub', { account: Fn.importValue('ToolingAccount') });

    // THEN
    expect(stack.resolve(provider.oidcProviderArn)).toEqual(partitionArn({ 'Fn::ImportValue': 'ToolingAccount' }, GITHUB_ISSUER));
  });

  test.each([['12345678901'], ['1234567890123'], ['acme'], ['']])('fails if the account is %j', (account) => {
    expect(() => GitHubOidcProvider.fromAccount(newStack(), 'GitHub', { account })).toThrow(
      `Invalid account '${account}': it is not an AWS account id. Allowed form: 12 digits, e.g. '123456789012'.`,
    );
  });
});

describe('GitHubOidcProvider.fromOidcProviderArn', () => {
  const ARN = `arn:aws:iam::123456789012:oidc-provider/${GITHUB_ISSUER}`;

  test('a literal ARN of the issuer', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = GitHubOidcProvider.fromOidcProviderArn(stack, 'GitHub', ARN);

    // THEN
    expect(provider.oidcProviderArn).toBe(ARN);
    expect(provider.issuer).toBe(GITHUB_ISSUER);
    expect(provider.audience).toBe('sts.amazonaws.com');
    expect(provider.conditionClaims).toEqual(GITHUB_DOT_COM_KEYS);
  });

  test('a literal GovCloud ARN of a GHES issuer', () => {
    const arn = 'arn:aws-us-gov:iam::123456789012:oidc-provider/github.example.com/_services/token';
    const provider = GitHubOidcProvider.fromOidcProviderArn(newStack(), 'GitHub', arn, { issuer: GitHubIssuer.enterpriseServer('github.example.com') });
    expect(provider.issuer).toBe('github.example.com/_services/token');
    expect(provider.conditionClaims).toEqual([]);
  });

  test.each([
    ['arn:aws:iam::123456789012:oidc-provider/gitlab.com'],
    ['arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/acme-corp'],
    ['arn:aws:iam::123456789012:role/token.actions.githubusercontent.com'],
    ['token.actions.githubusercontent.com'],
    [''],
  ])('fails if the literal ARN %j does not name the issuer', (arn) => {
    expect(() => GitHubOidcProvider.fromOidcProviderArn(newStack(), 'GitHub', arn)).toThrow(
      `Invalid GitHubOidcProvider.fromOidcProviderArn(oidcProviderArn) '${arn}': it must be the ARN of the provider for issuer '${GITHUB_ISSUER}'. ` +
      `Allowed form: 'arn:<partition>:iam::<account>:oidc-provider/${GITHUB_ISSUER}'; pass the matching issuer in the options for another one.`,
    );
  });

  test('a token ARN is accepted; the issuer comes from the options', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = GitHubOidcProvider.fromOidcProviderArn(stack, 'GitHub', Fn.importValue('GitHubProviderArn'), {
      issuer: GitHubIssuer.dataResidency('octocorp'),
    });

    // THEN
    expect(stack.resolve(provider.oidcProviderArn)).toEqual({ 'Fn::ImportValue': 'GitHubProviderArn' });
    expect(provider.issuer).toBe('token.actions.octocorp.ghe.com');
    expect(provider.conditionClaims).toEqual([]);
  });

  test('a partly literal ARN naming the issuer is accepted', () => {
    // GIVEN
    const stack = newStack();
    const arn = Stack.of(stack).formatArn({ service: 'iam', region: '', resource: 'oidc-provider', resourceName: GITHUB_ISSUER });

    // WHEN
    const provider = GitHubOidcProvider.fromOidcProviderArn(stack, 'GitHub', arn);

    // THEN
    expect(stack.resolve(provider.oidcProviderArn)).toEqual(partitionArn({ Ref: 'AWS::AccountId' }, GITHUB_ISSUER));
  });

  test('fails if a partly literal ARN names another issuer', () => {
    // GIVEN
    const stack = newStack();
    const arn = Stack.of(stack).formatArn({ service: 'iam', region: '', resource: 'oidc-provider', resourceName: 'gitlab.com' });

    // THEN
    expect(() => GitHubOidcProvider.fromOidcProviderArn(stack, 'GitHub', arn)).toThrow(
      `Invalid GitHubOidcProvider.fromOidcProviderArn(oidcProviderArn) '${arn}': it must be the ARN of the provider for issuer '${GITHUB_ISSUER}'.`,
    );
  });
});

describe('thumbprints', () => {
  test('are none by default and passed through when given', () => {
    // GIVEN
    const stack = new Stack();
    const thumbprint = 'a'.repeat(40);
    // WHEN
    new GitHubOidcProvider(stack, 'Default');
    new GitHubOidcProvider(stack, 'Pinned', { issuer: GitHubIssuer.enterpriseServer('github.example.com'), thumbprints: [thumbprint] });
    // THEN
    const providers = Template.fromStack(stack).findResources('AWS::IAM::OIDCProvider');
    const [byDefault, pinned] = Object.values(providers).map((r: any) => r.Properties.ThumbprintList);
    expect(byDefault).toBeUndefined();
    expect(pinned).toEqual([thumbprint]);
  });

  test('fails if a thumbprint is not 40 hexadecimal characters', () => {
    expect(() => new GitHubOidcProvider(new Stack(), 'P', { thumbprints: ['a'.repeat(39)] }))
      .toThrow(/thumbprint must be 40 characters/);
  });
});
