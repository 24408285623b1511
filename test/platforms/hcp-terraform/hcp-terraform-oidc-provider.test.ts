import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CiPlatform, HcpTerraformIssuer, HcpTerraformOidcProvider } from '../../../src';

function newStack(region?: string): Stack {
  return new Stack(new App(), 'Stack', region ? { env: { region, account: '123456789012' } } : undefined);
}

describe('HcpTerraformOidcProvider', () => {
  test('app.terraform.io by default: native provider, aws.workload.identity audience, retained', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = new HcpTerraformOidcProvider(stack, 'Terraform');

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(template.toJSON().Resources).toEqual({
      Terraform210762A5: {
        Type: 'AWS::IAM::OIDCProvider',
        Properties: { Url: 'https://app.terraform.io', ClientIdList: ['aws.workload.identity'] },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      },
    });
    expect(provider.platform).toBe(CiPlatform.HCP_TERRAFORM);
    expect(provider.issuer).toBe('app.terraform.io');
    expect(provider.oidcProviderIssuer).toBe('app.terraform.io');
    expect(provider.url).toBe('https://app.terraform.io');
    expect(provider.audience).toBe('aws.workload.identity');
    // AWS STS passes no HCP Terraform claim besides aud and sub.
    expect(provider.conditionClaims).toEqual([]);
  });

  test('the audience stays aws.workload.identity in China regions: it is HCP Terraform\'s, not STS\'s', () => {
    expect(new HcpTerraformOidcProvider(newStack('cn-north-1'), 'Terraform').audience).toBe('aws.workload.identity');
  });

  test('a Terraform Enterprise installation issues under its own host name', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const provider = new HcpTerraformOidcProvider(stack, 'Terraform', {
      issuer: HcpTerraformIssuer.terraformEnterprise('tfe.example.com'),
      audience: 'tfe.example.com/aws',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // THEN
    expect(Template.fromStack(stack).toJSON().Resources.Terraform210762A5).toEqual({
      Type: 'AWS::IAM::OIDCProvider',
      Properties: { Url: 'https://tfe.example.com', ClientIdList: ['tfe.example.com/aws'] },
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    });
    expect(provider.issuer).toBe('tfe.example.com');
    expect(provider.conditionClaims).toEqual([]);
  });

  test.each([
    ['https://tfe.example.com', 'it has a scheme'],
    ['tfe.example.com:8443', 'it has a port'],
    ['tfe.example.com/path', 'it has a path or query'],
    ['TFE.example.com', 'it is not a lowercase DNS name with at least two labels'],
    ['', 'it is empty'],
  ])('fails if the Terraform Enterprise host name is %p', (hostname, problem) => {
    expect(() => HcpTerraformIssuer.terraformEnterprise(hostname)).toThrow(
      `Invalid HcpTerraformIssuer.terraformEnterprise(hostname) '${hostname}': ${problem}. ` +
      "Allowed form: a host name of lowercase DNS labels, without scheme, port or path, e.g. 'tfe.example.com'.",
    );
  });

  test('fails if the issuer is not an HcpTerraformIssuer', () => {
    expect(() => new HcpTerraformOidcProvider(newStack(), 'Terraform', { issuer: { issuer: 'evil.example.com' } as unknown as HcpTerraformIssuer }))
      .toThrow("Invalid HcpTerraformOidcProviderProps.issuer '{\"issuer\":\"evil.example.com\"}': it is not an HcpTerraformIssuer. " +
        "Allowed form: HcpTerraformIssuer.hcpTerraform() or HcpTerraformIssuer.terraformEnterprise('tfe.example.com').");
  });

  test('fromAccount: the ARN in the stack\'s partition, HCP Terraform\'s audience', () => {
    // GIVEN
    const stack = newStack('us-gov-west-1');

    // WHEN
    const provider = HcpTerraformOidcProvider.fromAccount(stack, 'Terraform', { account: '210987654321' });

    // THEN
    expect(stack.resolve(provider.oidcProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::210987654321:oidc-provider/app.terraform.io']],
    });
    expect(provider.platform).toBe(CiPlatform.HCP_TERRAFORM);
    expect(provider.audience).toBe('aws.workload.identity');
    expect(provider.conditionClaims).toEqual([]);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::OIDCProvider', 0);
  });

  test('fromOidcProviderArn: a literal ARN must name the issuer', () => {
    // GIVEN
    const stack = newStack();
    const arn = 'arn:aws:iam::123456789012:oidc-provider/tfe.example.com';

    // WHEN
    const provider = HcpTerraformOidcProvider.fromOidcProviderArn(stack, 'Terraform', arn, {
      issuer: HcpTerraformIssuer.terraformEnterprise('tfe.example.com'),
    });

    // THEN
    expect(provider.oidcProviderArn).toBe(arn);
    expect(provider.issuer).toBe('tfe.example.com');
    expect(() => HcpTerraformOidcProvider.fromOidcProviderArn(stack, 'Other', arn)).toThrow(
      "Invalid HcpTerraformOidcProvider.fromOidcProviderArn(oidcProviderArn) '" + arn + "': it must be the ARN of the provider for issuer 'app.terraform.io'.",
    );
  });
});
