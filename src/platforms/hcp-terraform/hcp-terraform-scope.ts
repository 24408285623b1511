import { RunPhase } from './facts/hcp-terraform-names';
import { readHcpTerraformSubject } from './facts/hcp-terraform-reading';
import { hcpTerraformRisks } from './facts/hcp-terraform-risks';
import { HcpTerraformSubject } from './hcp-terraform-subject';
import { CiPlatform } from '../../core/ci-platform';

/*
 * Why IAM's `*` cannot forge a part of an HCP Terraform `sub`: none of the names it holds
 * (organization, project, workspace) may contain ':' (HCP Terraform's name rules), and the
 * token holds `run_phase` once, at its end. So in `...:workspace:*:run_phase:apply` the `*`
 * can only stand for one workspace name of that project, and a plan token never matches.
 */

/**
 * A workspace or a whole project of HCP Terraform: the scope that run subjects are cut from.
 *
 * Each subject names a run phase, because HCP Terraform mints a token per phase: a role for
 * `plan()` (speculative plans of pull requests run it too) can be read-only, and one for
 * `apply()` can change the account.
 */
export abstract class HcpTerraformScope {
  /** @internal */
  protected abstract readonly _prefix: string;
  /** @internal */
  protected abstract readonly _label: string;

  /**
   * Runs in their plan phase: `<scope>:run_phase:plan`.
   *
   * Speculative plans, which HCP Terraform runs for pull requests of a VCS-connected
   * workspace, are plan phases too: give this role read-only permissions.
   */
  public plan(): HcpTerraformSubject {
    return this.subject('plan');
  }

  /**
   * Runs in their apply phase: `<scope>:run_phase:apply`.
   *
   * Only runs that were confirmed (or auto-applied) reach it.
   */
  public apply(): HcpTerraformSubject {
    return this.subject('apply');
  }

  /**
   * Runs in either phase: `<scope>:run_phase:*`.
   *
   * Warns with id `cdk-ci-oidc:anyRunPhase`: the plan phase of a speculative plan (a pull
   * request) gets the apply phase's permissions.
   */
  public anyRunPhase(): HcpTerraformSubject {
    return this.subject('*');
  }

  private subject(phase: RunPhase | '*'): HcpTerraformSubject {
    const claim = `${this._prefix}:run_phase:${phase}`;
    const pattern = claim.includes('*');
    const words = phase === '*' ? 'any run phase' : `${phase} phase`;
    return HcpTerraformSubject._fromSpec({
      platform: CiPlatform.HCP_TERRAFORM,
      claims: [claim],
      pattern,
      pins: [],
      description: `${this._label}, ${words}`,
      risks: hcpTerraformRisks(readHcpTerraformSubject(claim, pattern), this._label).map(({ id, message }) => ({ id, message })),
      context: { kind: 'other' },
    });
  }
}
