import { readHcpTerraformSubject } from './facts/hcp-terraform-reading';
import { hcpTerraformRisks } from './facts/hcp-terraform-risks';
import { CiPlatform } from '../../core/ci-platform';
import { freezeSpec, SubjectSpec } from '../../core/subject-spec';
import { CiSubject } from '../../subjects/ci-subject';
import { checkRawClaim, hasWildcard, invalid } from '../../subjects/literal-part';
import { rawClaimSpec } from '../../subjects/raw-claim-spec';

const EXAMPLE = 'organization:acme:project:Default Project:workspace:network:run_phase:apply';

/**
 * Who may assume a role, for HCP Terraform and Terraform Enterprise runs: a `sub` claim value.
 *
 * Build subjects from a workspace or a project: `HcpTerraformWorkspace.of('acme', 'Default
 * Project', 'network').apply()`. `fromClaim` is the escape hatch for subjects those factories
 * do not cover (e.g. a workspace name pattern).
 *
 * @see https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
 */
export class HcpTerraformSubject extends CiSubject {
  /**
   * A raw `sub` claim value, exact or with IAM wildcards (`*`, `?`).
   *
   * The claim starts with `organization:<organization>:project:`, as HCP Terraform's subjects
   * do; the organization is always literal, because the issuer is shared by every organization
   * (IAM's identity-provider controls require it). Wildcards may follow it, e.g.
   * `organization:acme:project:Default Project:workspace:network-*:run_phase:plan`.
   *
   * The subject carries the warnings the typed factories give for the same trust, decided by
   * what the pattern matches: `cdk-ci-oidc:anyRunPhase`, `wholeProjectSubject` and
   * `wholeOrganizationSubject`, besides `cdk-ci-oidc:rawPatternSubject` for every pattern.
   *
   * @param sub the claim value, e.g. `organization:acme:project:Default Project:workspace:network:run_phase:apply`
   */
  public static fromClaim(sub: string): HcpTerraformSubject {
    const property = 'HcpTerraformSubject.fromClaim(sub)';
    checkRawClaim(property, sub, EXAMPLE);
    const pattern = hasWildcard(sub);
    const reading = readHcpTerraformSubject(sub, pattern);
    if (reading.problem !== undefined) {
      throw invalid(property, sub, reading.problem, `an HCP Terraform subject claim such as '${EXAMPLE}'`);
    }
    if (reading.phases.length === 0) {
      throw invalid(property, sub, "it matches no run of HCP Terraform ('...:workspace:<workspace>:run_phase:<plan|apply>'), so no token carries it",
        `an HCP Terraform subject claim such as '${EXAMPLE}'`);
    }
    return new HcpTerraformSubject(rawClaimSpec(CiPlatform.HCP_TERRAFORM, sub, 'HcpTerraformWorkspace and HcpTerraformProject', {
      risks: hcpTerraformRisks(reading, `sub ${sub}`),
      context: { kind: 'other' },
    }));
  }

  /** @internal */
  public static _fromSpec(spec: SubjectSpec): HcpTerraformSubject {
    return new HcpTerraformSubject(spec);
  }

  /** @internal */
  public readonly _spec: SubjectSpec;

  private constructor(spec: SubjectSpec) {
    super();
    this._spec = freezeSpec(spec);
  }
}
