import { App, aws_iam as iam } from 'aws-cdk-lib';
import { github, managementStack, rollout, SANDBOX_OU } from './rollout-fixture';
import { CiOidcBaselineRoleProps, CiOidcOrganizationRollout, CiOidcRolloutTarget, GitHubRepository } from '../../src';

const LIMIT = 51_200;
const DESCRIPTION_MAX = 1000;

/** A read-only role whose description pads the template by exactly its length. */
function paddedRole(id: string, description: string): CiOidcBaselineRoleProps {
  return {
    id,
    provider: github,
    subjects: [GitHubRepository.of(`acme/${id.toLowerCase()}`, { ownerId: 1234567, repositoryId: 1000 }).branch('main')],
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
    description,
  };
}

/** A rollout of `fillers` roles with 1000-character descriptions and two roles with the given descriptions. */
function build(fillers: number, a: string, b: string, app = new App()): CiOidcOrganizationRollout {
  const roles = Array.from({ length: fillers }, (_, i) => paddedRole(`Filler${i}`, 'f'.repeat(DESCRIPTION_MAX)));
  return rollout({
    providers: [github],
    roles: [...roles, paddedRole('TunedA', a), paddedRole('TunedB', b)],
    targets: [CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU])],
  }, managementStack(app));
}

const bytes = (r: CiOidcOrganizationRollout) => Buffer.byteLength(r.templateBody, 'utf8');

/**
 * Descriptions that make the template exactly `LIMIT` bytes, found by construction: each
 * character of a description adds one byte, so the filler count comes from two measurements
 * and the two tuned descriptions take up the rest.
 */
function exactlyAtTheLimit(): { fillers: number; a: number; b: number } {
  const base = bytes(build(0, 'x', 'x'));
  const perFiller = bytes(build(1, 'x', 'x')) - base;
  const fillers = Math.floor((LIMIT - base) / perFiller);
  const gap = LIMIT - bytes(build(fillers, 'x', 'x'));
  // The two tuned descriptions can add up to 2 * 999 bytes: enough, since a filler is less than that.
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThanOrEqual(2 * (DESCRIPTION_MAX - 1));
  const a = 1 + Math.min(gap, DESCRIPTION_MAX - 1);
  return { fillers, a, b: 1 + gap - (a - 1) };
}

describe('the 51,200-byte TemplateBody limit', () => {
  const { fillers, a, b } = exactlyAtTheLimit();
  const overBy = (over: number) =>
    `Invalid CiOidcOrganizationRollout StackSet template 'Organization/Rollout/Resource': it is ${LIMIT + over} bytes, over the ${LIMIT} bytes CloudFormation accepts in TemplateBody. ` +
    'Allowed form: a smaller template (fewer roles, shorter descriptions, customer managed policies instead of long inline policies) ' +
    'or a split one: separateProviderStackSet: true, or a second rollout for some of the roles.';

  test('a template of exactly 51,200 bytes passes, and the StackSet carries exactly that text', () => {
    const app = new App();
    const r = build(fillers, 'a'.repeat(a), 'b'.repeat(b), app);
    expect(bytes(r)).toBe(LIMIT);
    const assembly = app.synth();
    const template = assembly.getStackArtifact('Organization').template;
    const [stackSet] = Object.values(template.Resources as Record<string, any>);
    expect(stackSet.Properties.TemplateBody).toBe(r.templateBody);
  });

  test('one byte more fails, at synthesis and when read, with the size and what to do', () => {
    const app = new App();
    const r = b < DESCRIPTION_MAX ? build(fillers, 'a'.repeat(a), 'b'.repeat(b + 1), app) : build(fillers, 'a'.repeat(a + 1), 'b'.repeat(b), app);
    expect(() => r.templateBody).toThrow(overBy(1));
    expect(() => app.synth()).toThrow(overBy(1));
  });

  test('bytes are UTF-8 bytes, not characters: one Latin-1 letter in place of an ASCII one is one byte over', () => {
    // GIVEN the passing template's characters, one of them 'é' (two bytes in UTF-8)
    const r = build(fillers, `é${'a'.repeat(a - 1)}`, 'b'.repeat(b));

    // THEN: 51,200 characters, 51,201 bytes
    expect(() => r.templateBody).toThrow(overBy(1));
  });
});
