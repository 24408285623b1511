import { HcpTerraformIssuer } from './hcp-terraform-issuer';
import { HcpTerraformOidcProvider, HcpTerraformOidcProviderProps } from './hcp-terraform-oidc-provider';
import { CiPlatform } from '../../core/ci-platform';
import { ProviderDefinition } from '../../providers/provider-definition';

/** An HCP Terraform provider of an account baseline (app.terraform.io by default). */
export function hcpTerraformProviderDefinition(props: HcpTerraformOidcProviderProps): ProviderDefinition {
  const issuer = props.issuer ?? HcpTerraformIssuer.hcpTerraform();
  return {
    platform: CiPlatform.HCP_TERRAFORM,
    issuer: issuer.issuer,
    define: (scope, id, create) => (create
      ? new HcpTerraformOidcProvider(scope, id, props)
      : HcpTerraformOidcProvider.fromAccount(scope, id, { issuer: props.issuer, audience: props.audience })),
  };
}
