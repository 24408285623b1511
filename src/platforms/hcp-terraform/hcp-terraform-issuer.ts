import { Token } from 'aws-cdk-lib';
import { HCP_TERRAFORM_ISSUER } from './facts/hcp-terraform-names';
import { checkKind, invalid } from '../../core/runtime-checks';
import { hostnameProblem } from '../../providers/hostname';

/**
 * The issuer of HCP Terraform's workload identity tokens: HCP Terraform itself
 * (`https://app.terraform.io`) or a Terraform Enterprise installation (`https://<hostname>`).
 *
 * Either way the issuer is shared by every organization it hosts, so every subject names its
 * organization (IAM's identity-provider controls require it). AWS passes no claim of these
 * issuers to IAM besides `aud` and `sub`.
 *
 * @see https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration
 */
export class HcpTerraformIssuer {
  /**
   * HCP Terraform's issuer, `https://app.terraform.io`.
   */
  public static hcpTerraform(): HcpTerraformIssuer {
    return new HcpTerraformIssuer(HCP_TERRAFORM_ISSUER);
  }

  /**
   * The issuer of a Terraform Enterprise installation: `https://<hostname>`, its own address.
   *
   * @param hostname the installation's host name, without scheme, port or path, e.g. `tfe.example.com`
   * @see https://developer.hashicorp.com/terraform/enterprise/workspaces/dynamic-provider-credentials/aws-configuration
   */
  public static terraformEnterprise(hostname: string): HcpTerraformIssuer {
    const property = 'HcpTerraformIssuer.terraformEnterprise(hostname)';
    const form = "a host name of lowercase DNS labels, without scheme, port or path, e.g. 'tfe.example.com'";
    checkKind(property, hostname, 'string', form);
    const problem = Token.isUnresolved(hostname) ? 'is a token; IAM names the condition keys after the issuer, so it must be literal' : hostnameProblem(hostname);
    if (problem) {
      throw invalid(property, hostname, `it ${/^(has|is) /.test(problem) ? problem : `is ${problem}`}`, form);
    }
    return new HcpTerraformIssuer(hostname);
  }

  /**
   * The issuer URL, `https://` followed by `issuer`.
   */
  public readonly url: string;

  private constructor(
    /**
     * The issuer without `https://`, e.g. `app.terraform.io`.
     */
    public readonly issuer: string,
  ) {
    this.url = `https://${issuer}`;
  }
}
