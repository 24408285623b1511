import { Construct } from 'constructs';
import { HCP_TERRAFORM_AUDIENCE } from './facts/hcp-terraform-names';
import { HcpTerraformIssuer } from './hcp-terraform-issuer';
import { CiPlatform } from '../../core/ci-platform';
import { checkOptionalKind, invalid, shownValue } from '../../core/runtime-checks';
import { ICiOidcProvider } from '../../providers/ci-oidc-provider';
import { CiOidcProviderBase } from '../../providers/ci-oidc-provider-base';
import { CiOidcProviderImportOptions, CiOidcProviderOptions } from '../../providers/ci-oidc-provider-options';
import { IssuerDescription } from '../../providers/issuer-description';
import { importProviderByArn, importProviderOfAccount } from '../../providers/provider-import';

/**
 * Properties of an `HcpTerraformOidcProvider`.
 *
 * The audience defaults to `aws.workload.identity`, what HCP Terraform requests for AWS
 * unless a workspace sets `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE`.
 */
export interface HcpTerraformOidcProviderProps extends CiOidcProviderOptions {
  /**
   * The issuer whose workload identity tokens the provider accepts.
   *
   * @default HcpTerraformIssuer.hcpTerraform() - `https://app.terraform.io`
   */
  readonly issuer?: HcpTerraformIssuer;
}

/**
 * Options for importing an existing HCP Terraform provider.
 */
export interface HcpTerraformOidcProviderImportOptions extends CiOidcProviderImportOptions {
  /**
   * The issuer of the existing provider.
   *
   * @default HcpTerraformIssuer.hcpTerraform() - `https://app.terraform.io`
   */
  readonly issuer?: HcpTerraformIssuer;
}

/**
 * Options for importing the HCP Terraform provider of an account.
 */
export interface HcpTerraformOidcProviderFromAccountOptions extends HcpTerraformOidcProviderImportOptions {
  /**
   * The account that holds the provider.
   *
   * @default - the stack's account
   */
  readonly account?: string;
}

/**
 * The IAM OIDC identity provider for HCP Terraform's (or a Terraform Enterprise
 * installation's) workload identity tokens: the "dynamic provider credentials" of runs.
 *
 * Its audience is `aws.workload.identity` by default, HCP Terraform's own default. The issuer
 * is shared by every organization, so each role's subjects name the organization, the
 * project and the workspace (`HcpTerraformWorkspace`), and a run phase: give plan and apply
 * roles of their own, because speculative plans of pull requests run the plan phase.
 *
 * An account holds one provider per issuer: create it once (it is retained when its stack
 * is deleted) and import it everywhere else with `fromAccount`.
 *
 * @see https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration
 * @see https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
 */
export class HcpTerraformOidcProvider extends CiOidcProviderBase {
  /**
   * Imports the HCP Terraform provider of an account, by issuer: its ARN is derived in the
   * stack's partition.
   */
  public static fromAccount(scope: Construct, id: string, options: HcpTerraformOidcProviderFromAccountOptions = {}): ICiOidcProvider {
    checkOptionalKind('HcpTerraformOidcProvider.fromAccount() options', options, 'object', 'an object of options, or nothing');
    return importProviderOfAccount(scope, id, describe('HcpTerraformOidcProvider.fromAccount() issuer', options.issuer), options.account,
      options.audience ?? HCP_TERRAFORM_AUDIENCE);
  }

  /**
   * Imports an HCP Terraform provider by ARN.
   *
   * The issuer comes from `options.issuer`, never from the ARN (which may be a token);
   * a literal ARN must name that issuer.
   */
  public static fromOidcProviderArn(
    scope: Construct, id: string, oidcProviderArn: string, options: HcpTerraformOidcProviderImportOptions = {},
  ): ICiOidcProvider {
    checkOptionalKind('HcpTerraformOidcProvider.fromOidcProviderArn() options', options, 'object', 'an object of options, or nothing');
    return importProviderByArn(
      scope, id, oidcProviderArn, describe('HcpTerraformOidcProvider.fromOidcProviderArn() issuer', options.issuer),
      options.audience ?? HCP_TERRAFORM_AUDIENCE, 'HcpTerraformOidcProvider.fromOidcProviderArn(oidcProviderArn)',
    );
  }

  /**
   * The issuer URL, e.g. `https://app.terraform.io`.
   */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: HcpTerraformOidcProviderProps = {}) {
    checkOptionalKind('HcpTerraformOidcProviderProps', props, 'object', 'an object of options, or nothing');
    const issuer = describe('HcpTerraformOidcProviderProps.issuer', props.issuer);
    super(scope, id, issuer.platform, issuer.issuer, issuer.conditionClaims, { ...props, audience: props.audience ?? HCP_TERRAFORM_AUDIENCE });
    this.url = `https://${issuer.issuer}`;
  }
}

function describe(property: string, issuer: HcpTerraformIssuer | undefined): IssuerDescription {
  if (issuer !== undefined && !(issuer instanceof HcpTerraformIssuer)) {
    throw invalid(property, shownValue(issuer), 'it is not an HcpTerraformIssuer',
      "HcpTerraformIssuer.hcpTerraform() or HcpTerraformIssuer.terraformEnterprise('tfe.example.com')");
  }
  // AWS STS passes no claim of HCP Terraform's issuers besides aud and sub (Service Authorization Reference).
  return { platform: CiPlatform.HCP_TERRAFORM, issuer: (issuer ?? HcpTerraformIssuer.hcpTerraform()).issuer, conditionClaims: [] };
}
