import { App, Fn, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CiPlatform, GitLabIssuer, GitLabOidcProvider } from '../../../src';
import { gitLabIssuerOf } from '../../fixtures/issuers';

const GITLAB_DOT_COM_CLAIMS = [
  'namespace_id', 'pipeline_source', 'project_id', 'ref_protected', 'runner_environment',
  'user_access_level', 'user_email', 'user_id', 'user_login',
];

function newStack(region?: string): Stack {
  return new Stack(new App(), 'Stack', region ? { env: { region, account: '123456789012' } } : undefined);
}

describe('GitLabOidcProvider', () => {
  test('gitlab.com by default: native provider, sts.amazonaws.com audience, retained', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = new GitLabOidcProvider(stack, 'GitLab');

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.templateMatches({
      Resources: {
        GitLab979FEF9F: {
          Type: 'AWS::IAM::OIDCProvider',
          Properties: { Url: 'https://gitlab.com', ClientIdList: ['sts.amazonaws.com'] },
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
        },
      },
    });
    expect(provider.platform).toBe(CiPlatform.GITLAB_CI);
    expect(provider.issuer).toBe('gitlab.com');
    expect(provider.oidcProviderIssuer).toBe('gitlab.com');
    expect(provider.url).toBe('https://gitlab.com');
    expect(provider.audience).toBe('sts.amazonaws.com');
    expect(provider.conditionClaims).toEqual(GITLAB_DOT_COM_CLAIMS);
  });

  test('a self-managed instance: trailing slash dropped, no condition claims besides aud and sub', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = new GitLabOidcProvider(stack, 'GitLab', { issuer: GitLabIssuer.selfManaged('https://gitlab.example.com/') });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://gitlab.example.com' });
    expect(provider.issuer).toBe('gitlab.example.com');
    expect(provider.url).toBe('https://gitlab.example.com');
    expect(provider.conditionClaims).toEqual([]);
  });

  test('an instance under a relative URL keeps its path in the issuer', () => {
    // WHEN
    const provider = new GitLabOidcProvider(newStack(), 'GitLab', { issuer: GitLabIssuer.selfManaged('https://example.com/gitlab') });

    // THEN
    expect(provider.issuer).toBe('example.com/gitlab');
    expect(provider.conditionClaims).toEqual([]);
  });

  test("'https://gitlab.com/' is gitlab.com, with its condition claims", () => {
    // WHEN
    const provider = new GitLabOidcProvider(newStack(), 'GitLab', { issuer: GitLabIssuer.selfManaged('https://gitlab.com/') });

    // THEN
    expect(provider.issuer).toBe('gitlab.com');
    expect(provider.conditionClaims).toEqual(GITLAB_DOT_COM_CLAIMS);
  });

  test('the caller cannot change the provider\'s condition claims', () => {
    // GIVEN
    const provider = new GitLabOidcProvider(newStack(), 'GitLab');

    // WHEN
    provider.conditionClaims.push('anything');

    // THEN
    expect(new GitLabOidcProvider(newStack(), 'GitLab').conditionClaims).toEqual(GITLAB_DOT_COM_CLAIMS);
  });

  test('audience and removal policy can be set', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = new GitLabOidcProvider(stack, 'GitLab', { audience: 'aws.acme.example', removalPolicy: RemovalPolicy.DESTROY });

    // THEN
    expect(provider.audience).toBe('aws.acme.example');
    Template.fromStack(stack).hasResource('AWS::IAM::OIDCProvider', {
      Properties: { Url: 'https://gitlab.com', ClientIdList: ['aws.acme.example'] },
      DeletionPolicy: 'Delete',
    });
  });

  test('China regions default to sts.amazonaws.com.cn', () => {
    expect(new GitLabOidcProvider(newStack('cn-north-1'), 'GitLab').audience).toBe('sts.amazonaws.com.cn');
  });

  test.each([
    ['http://gitlab.example.com', 'it does not start with https:// (IAM accepts only https issuers)'],
    ['gitlab.example.com', 'it does not start with https:// (IAM accepts only https issuers)'],
    ['', 'it does not start with https:// (IAM accepts only https issuers)'],
    ['https://', "its host '' is empty"],
    ['https://gitlab.example.com:8443', "its host 'gitlab.example.com:8443' is followed by a port"],
    ['https://gitlab.example.com?x=1', 'it has a query or fragment'],
    ['https://gitlab.example.com/#top', 'it has a query or fragment'],
    ['https://user:secret@gitlab.example.com', 'it has credentials'],
    ['https://GitLab.example.com', "its host 'GitLab.example.com' is not a lowercase DNS name with at least two labels"],
    ['https://gitlab', "its host 'gitlab' is not a lowercase DNS name with at least two labels"],
    ['https://gitlab.example.com//', "its path segment '' is empty or not made of letters, digits, '.', '_', '~' and '-'"],
    ['https://example.com/../gitlab', "its path segment '..' is empty or not made of letters, digits, '.', '_', '~' and '-'"],
    ['https://gitlab.example.com/a b', 'it contains white space'],
  ])('fails if the url is %p', (url, problem) => {
    expect(() => GitLabIssuer.selfManaged(url)).toThrow(
      `Invalid GitLabIssuer.selfManaged(url) '${url}': ${problem}. Allowed form: 'https://gitlab.com' or the https URL of a self-managed instance`,
    );
  });

  test('a URL of 255 characters is the longest', () => {
    // GIVEN
    const base = 'https://gitlab.example.com/';
    const longest = base + 'a'.repeat(255 - base.length);

    // THEN
    expect(() => new GitLabOidcProvider(newStack(), 'GitLab', { issuer: GitLabIssuer.selfManaged(longest) })).not.toThrow();
    expect(() => new GitLabOidcProvider(newStack(), 'GitLab', { issuer: GitLabIssuer.selfManaged(longest + 'a') })).toThrow(
      'it is longer than 255 characters (the most IAM accepts for a provider URL)',
    );
  });

  test('fails if the url is a token', () => {
    // GIVEN
    const url = Lazy.string({ produce: () => 'https://gitlab.example.com' });

    // THEN
    expect(() => GitLabIssuer.selfManaged(url)).toThrow(
      'it is a token; the URL must be literal because IAM names the condition keys after it',
    );
  });

  test.each([
    ['gitlab.com', undefined],
    ['self-managed', 'https://gitlab.example.com'],
  ])('template snapshot: %s', (_name, url) => {
    // GIVEN
    const stack = newStack();

    // WHEN
    new GitLabOidcProvider(stack, 'GitLab', { issuer: gitLabIssuerOf(url) });

    // THEN
    expect(Template.fromStack(stack).toJSON().Resources).toMatchSnapshot();
  });
});

describe('GitLabOidcProvider imports', () => {
  test('fromAccount: gitlab.com in the stack\'s partition and account', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = GitLabOidcProvider.fromAccount(stack, 'GitLab');

    // THEN
    expect(stack.resolve(provider.oidcProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':oidc-provider/gitlab.com']],
    });
    expect(provider.platform).toBe(CiPlatform.GITLAB_CI);
    expect(provider.issuer).toBe('gitlab.com');
    expect(provider.audience).toBe('sts.amazonaws.com');
    expect(provider.conditionClaims).toEqual(GITLAB_DOT_COM_CLAIMS);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::OIDCProvider', 0);
  });

  test('fromAccount: a self-managed instance of another account', () => {
    // GIVEN
    const stack = newStack('eu-west-1');

    // WHEN
    const provider = GitLabOidcProvider.fromAccount(stack, 'GitLab', { issuer: GitLabIssuer.selfManaged('https://gitlab.example.com/'), account: '111111111111', audience: 'aws.acme.example' });

    // THEN
    expect(stack.resolve(provider.oidcProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:oidc-provider/gitlab.example.com']],
    });
    expect(provider.issuer).toBe('gitlab.example.com');
    expect(provider.conditionClaims).toEqual([]);
    expect(provider.audience).toBe('aws.acme.example');
  });

  test('fromOidcProviderArn: a literal ARN of the URL\'s issuer', () => {
    // WHEN
    const provider = GitLabOidcProvider.fromOidcProviderArn(newStack(), 'GitLab',
      'arn:aws-us-gov:iam::123456789012:oidc-provider/gitlab.example.com', { issuer: GitLabIssuer.selfManaged('https://gitlab.example.com') });

    // THEN
    expect(provider.oidcProviderArn).toBe('arn:aws-us-gov:iam::123456789012:oidc-provider/gitlab.example.com');
    expect(provider.issuer).toBe('gitlab.example.com');
    expect(provider.conditionClaims).toEqual([]);
  });

  test('fromOidcProviderArn: a token ARN takes its issuer from the URL, never from the ARN', () => {
    // GIVEN
    const stack = newStack();
    const arn = Fn.importValue('GitLabProviderArn');

    // WHEN
    const provider = GitLabOidcProvider.fromOidcProviderArn(stack, 'GitLab', arn);

    // THEN
    expect(stack.resolve(provider.oidcProviderArn)).toEqual({ 'Fn::ImportValue': 'GitLabProviderArn' });
    expect(provider.issuer).toBe('gitlab.com');
    expect(provider.conditionClaims).toEqual(GITLAB_DOT_COM_CLAIMS);
  });

  test('fails if a literal ARN names another issuer than the URL', () => {
    expect(() => GitLabOidcProvider.fromOidcProviderArn(newStack(), 'GitLab',
      'arn:aws:iam::123456789012:oidc-provider/gitlab.com', { issuer: GitLabIssuer.selfManaged('https://gitlab.example.com') })).toThrow(
      "Invalid GitLabOidcProvider.fromOidcProviderArn(oidcProviderArn) 'arn:aws:iam::123456789012:oidc-provider/gitlab.com': " +
      "it must be the ARN of the provider for issuer 'gitlab.example.com'.",
    );
  });

  test('fails if an import URL is malformed', () => {
    expect(() => GitLabOidcProvider.fromAccount(newStack(), 'GitLab', { issuer: GitLabIssuer.selfManaged('https://gitlab.example.com:443') })).toThrow(
      "Invalid GitLabIssuer.selfManaged(url) 'https://gitlab.example.com:443': its host 'gitlab.example.com:443' is followed by a port.",
    );
    expect(() => GitLabOidcProvider.fromOidcProviderArn(newStack(), 'GitLab', 'arn:aws:iam::123456789012:oidc-provider/gitlab.com', { issuer: GitLabIssuer.selfManaged('http://gitlab.com') }))
      .toThrow("Invalid GitLabIssuer.selfManaged(url) 'http://gitlab.com': it does not start with https://");
  });

  test.each([
    ['the provider', (url: unknown) => new GitLabOidcProvider(newStack(), 'GitLab', { url } as never), 'GitLabOidcProviderProps'],
    ['fromAccount', (url: unknown) => GitLabOidcProvider.fromAccount(newStack(), 'GitLab', { url } as never), 'GitLabOidcProvider.fromAccount() options'],
    ['fromOidcProviderArn', (url: unknown) => GitLabOidcProvider.fromOidcProviderArn(newStack(), 'GitLab', 'arn:aws:iam::123456789012:oidc-provider/gitlab.example.com', { url } as never),
      'GitLabOidcProvider.fromOidcProviderArn() options'],
  ])('fails if %s is given the url option of earlier releases, which would otherwise mean gitlab.com', (_, make, property) => {
    expect(() => make('https://gitlab.example.com')).toThrow(
      `Invalid ${property}.url 'https://gitlab.example.com': the url option is replaced by issuer. ` +
      "Allowed form: issuer: GitLabIssuer.gitLabDotCom() or GitLabIssuer.selfManaged('https://gitlab.example.com').",
    );
  });

  test('fails if the issuer is a URL string', () => {
    expect(() => new GitLabOidcProvider(newStack(), 'GitLab', { issuer: 'https://gitlab.example.com' as never })).toThrow(
      "Invalid GitLabOidcProviderProps.issuer 'https://gitlab.example.com': it is not a GitLabIssuer. " +
      "Allowed form: GitLabIssuer.gitLabDotCom() or GitLabIssuer.selfManaged('https://gitlab.example.com').",
    );
  });

  test('GitLabIssuer: gitlab.com passes its claims; a self-managed instance only aud and sub; selfManaged of gitlab.com is gitlab.com', () => {
    const dotCom = GitLabIssuer.gitLabDotCom();
    expect([dotCom.issuer, dotCom.url]).toEqual(['gitlab.com', 'https://gitlab.com']);
    expect(dotCom.conditionClaims.length).toBeGreaterThan(0);
    const selfManaged = GitLabIssuer.selfManaged('https://gitlab.example.com/');
    expect([selfManaged.issuer, selfManaged.url, selfManaged.conditionClaims]).toEqual(['gitlab.example.com', 'https://gitlab.example.com', []]);
    expect(GitLabIssuer.selfManaged('https://gitlab.com')).toEqual(dotCom);
  });
});
