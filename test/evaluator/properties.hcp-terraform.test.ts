import * as fc from 'fast-check';
import { decide, Decision, newStack, TokenPayload, trustPolicyOf } from './iam-evaluator';
import { CiDeployRole, CiSubject, HcpTerraformIssuer, HcpTerraformOidcProvider, HcpTerraformProject, HcpTerraformWorkspace } from '../../src';
import { lookAlikes, maybeAdversarial, stringFrom } from '../fixtures/generators';
import { hcpTerraformToken, HcpTerraformRun } from '../fixtures/tokens/hcp-terraform-token';

/**
 * Properties over generated HCP Terraform roles: every configured workspace (or project) and
 * phase is admitted, and no token whose organization, project, workspace, phase, audience or
 * issuer differs from the configuration is. The expected decision of each token comes from
 * what it changes, never from the library. PROPERTY_RUNS scales the number of configurations.
 */

const SCALE = Number(process.env.PROPERTY_RUNS ?? '1');
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
const TFE = 'tfe.example.com';

/** HCP Terraform's name rules: organizations and workspaces of letters, digits, '-' and '_'; projects also with inner spaces, 3 to 40. */
const organizationName = stringFrom([...ALNUM, '-', '_'], 1, 12);
const workspaceName = stringFrom([...ALNUM, '-', '_'], 1, 16);
const projectName = fc.tuple(fc.constantFrom(...ALNUM), stringFrom([...ALNUM, ' ', '-', '_'], 1, 14), fc.constantFrom(...ALNUM))
  .map(([first, middle, last]) => `${first}${middle}${last}`);

type Phase = 'plan' | 'apply' | 'any';

interface Config {
  readonly organization: { value: string; clean: boolean };
  readonly project: { value: string; clean: boolean };
  readonly workspace: { value: string; clean: boolean };
  readonly wholeProject: boolean;
  readonly phase: Phase;
  readonly enterprise: boolean;
  readonly other: { organization: string; project: string; workspace: string };
}

const config: fc.Arbitrary<Config> = fc.record({
  organization: maybeAdversarial(organizationName),
  project: maybeAdversarial(projectName),
  workspace: maybeAdversarial(workspaceName),
  wholeProject: fc.boolean(),
  phase: fc.constantFrom<Phase>('plan', 'apply', 'apply', 'any'),
  enterprise: fc.boolean(),
  other: fc.record({ organization: organizationName, project: projectName, workspace: workspaceName }),
});

function subjectOf(c: Config): CiSubject {
  const scope = c.wholeProject
    ? HcpTerraformProject.of(c.organization.value, c.project.value)
    : HcpTerraformWorkspace.of(c.organization.value, c.project.value, c.workspace.value);
  return c.phase === 'plan' ? scope.plan() : c.phase === 'apply' ? scope.apply() : scope.anyRunPhase();
}

let evaluated = 0;
let refused = 0;

describe('properties of generated HCP Terraform roles', () => {
  test('configured runs are admitted, look-alikes of every part are not', () => {
    fc.assert(fc.property(config, (c) => {
      const clean = c.organization.clean && c.project.clean && (c.wholeProject || c.workspace.clean);
      const stack = newStack();
      try {
        const provider = new HcpTerraformOidcProvider(stack, 'Terraform', c.enterprise ? { issuer: HcpTerraformIssuer.terraformEnterprise(TFE) } : {});
        new CiDeployRole(stack, 'Role', { provider, subjects: [subjectOf(c)] });
      } catch (error) {
        // Only adversarial names may be refused.
        if (clean) {
          throw error;
        }
        refused++;
        return;
      }
      // Anything the library accepted must behave as configured (the refused names hold '*', '?', ':' ...).
      const policy = trustPolicyOf(stack);
      const phase = c.phase === 'any' ? 'apply' : c.phase;
      const base: HcpTerraformRun = {
        organization: c.organization.value,
        project: c.project.value,
        workspace: c.workspace.value,
        phase,
        issuer: c.enterprise ? `https://${TFE}` : 'https://app.terraform.io',
      };
      const cases: Array<[string, HcpTerraformRun, Decision]> = [['the configured run', base, 'ALLOWED']];
      const otherPhase = phase === 'plan' ? 'apply' : 'plan';
      cases.push([`phase ${otherPhase}`, { ...base, phase: otherPhase }, c.phase === 'any' ? 'ALLOWED' : 'DENIED']);
      cases.push(['phase destroy (no such phase)', { ...base, phase: 'destroy' }, c.phase === 'any' ? 'ALLOWED' : 'DENIED']);
      for (const organization of lookAlikes(c.organization.value, c.other.organization)) {
        cases.push([`organization ${organization}`, { ...base, organization }, 'DENIED']);
      }
      for (const project of lookAlikes(c.project.value, c.other.project)) {
        cases.push([`project ${project}`, { ...base, project }, 'DENIED']);
      }
      for (const workspace of lookAlikes(c.workspace.value, c.other.workspace).filter((w) => !w.includes(':'))) {
        cases.push([`workspace ${workspace}`, { ...base, workspace }, c.wholeProject ? 'ALLOWED' : 'DENIED']);
      }
      for (const audience of ['sts.amazonaws.com', 'aws.workload.identityx', `https://${TFE}`]) {
        cases.push([`audience ${audience}`, { ...base, audience }, 'DENIED']);
      }
      const issuers = ['https://app.terraform.io', `https://${TFE}`, 'https://app.eu.terraform.io', `https://${TFE}.evil.io`].filter((i) => i !== base.issuer);
      for (const issuer of issuers) {
        cases.push([`issuer ${issuer}`, { ...base, issuer }, 'DENIED']);
      }
      for (const [change, run, expected] of cases) {
        const token: TokenPayload = hcpTerraformToken(run);
        const got = decide(policy, token);
        evaluated++;
        if (got !== expected) {
          throw new Error(`${change}: expected ${expected}, got ${got}; sub ${token.sub}, aud ${token.aud}, iss ${token.iss}`);
        }
      }
    }), { numRuns: 200 * SCALE });
  });

  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`HCP Terraform properties: ${evaluated} generated tokens decided, ${refused} adversarial configurations refused at synthesis`);
    if (SCALE >= 1) {
      expect(evaluated).toBeGreaterThanOrEqual(3_000);
    }
  });
});
