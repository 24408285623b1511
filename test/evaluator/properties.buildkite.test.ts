import * as fc from 'fast-check';
import { decide, Decision, newStack, trustPolicyOf } from './iam-evaluator';
import { BuildkiteOidcProvider, BuildkitePipeline, CiDeployRole, CiSubject } from '../../src';
import { lookAlikes, maybeAdversarial, refName, stringFrom } from '../fixtures/generators';
import { buildkiteToken, BuildkiteJob } from '../fixtures/tokens/buildkite-token';

/**
 * Properties over generated Buildkite roles: every job of the configured pipeline and ref is
 * admitted, whatever its commit and step, and no token whose organization, pipeline, ref type,
 * ref, ids, audience or issuer differs from the configuration is. The expected decision of each
 * token comes from what it changes, never from the library. PROPERTY_RUNS scales the runs.
 */

const SCALE = Number(process.env.PROPERTY_RUNS ?? '1');
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const slug = fc.tuple(fc.constantFrom(...LOWER), stringFrom([...LOWER, '-'], 0, 10), fc.constantFrom(...LOWER)).map(([a, b, c]) => `${a}${b}${c}`);
const uuid = fc.uuid().map((u) => u.toLowerCase());

interface Config {
  readonly organization: { value: string; clean: boolean };
  readonly pipeline: { value: string; clean: boolean };
  readonly kind: 'branch' | 'tag';
  readonly name: { value: string; clean: boolean };
  readonly ids: { organizationId: string; pipelineId: string } | undefined;
  readonly other: { organization: string; pipeline: string; ref: string; id: string; commit: string; step: string };
}

const config: fc.Arbitrary<Config> = fc.record({
  organization: maybeAdversarial(slug),
  pipeline: maybeAdversarial(slug),
  kind: fc.constantFrom<'branch' | 'tag'>('branch', 'branch', 'tag'),
  name: maybeAdversarial(refName),
  ids: fc.option(fc.record({ organizationId: uuid, pipelineId: uuid }), { nil: undefined }),
  other: fc.record({
    organization: slug,
    pipeline: slug,
    ref: refName,
    id: uuid,
    commit: stringFrom('0123456789abcdef'.split(''), 40, 40),
    step: stringFrom([...LOWER, '-', '_', ':'], 0, 12),
  }),
});

/** IAM's StringLike on one value. */
function iamLike(pattern: string, value: string): boolean {
  const regex = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${regex}$`, 's').test(value);
}

function subjectOf(c: Config): CiSubject {
  const pipeline = BuildkitePipeline.of(c.organization.value, c.pipeline.value, c.ids ?? {});
  return c.kind === 'branch' ? pipeline.branch(c.name.value) : pipeline.tag(c.name.value);
}

let evaluated = 0;
let refused = 0;

describe('properties of generated Buildkite roles', () => {
  test('jobs of the configured pipeline and ref are admitted, look-alikes of every part are not', () => {
    fc.assert(fc.property(config, (c) => {
      const stack = newStack();
      try {
        new CiDeployRole(stack, 'Role', { provider: new BuildkiteOidcProvider(stack, 'Buildkite'), subjects: [subjectOf(c)] });
      } catch (error) {
        if (c.organization.clean && c.pipeline.clean && c.name.clean) {
          throw error;
        }
        refused++;
        return;
      }
      const policy = trustPolicyOf(stack);
      const name = c.name.value;
      const base: BuildkiteJob = {
        organization: c.organization.value,
        pipeline: c.pipeline.value,
        ...(c.kind === 'branch' ? { branch: name } : { tag: name }),
        ...(c.ids ?? {}),
      };
      // A branch pattern admits the branches it matches; build_branch is pinned for a literal branch only.
      const admitsRef = (other: string) => iamLike(name, other);
      const cases: Array<[string, BuildkiteJob, Decision]> = [
        ['the configured job', base, 'ALLOWED'],
        ['another commit and step key', { ...base, commit: c.other.commit, step: c.other.step }, 'ALLOWED'],
        ['a step without a key', { ...base, step: '' }, 'ALLOWED'],
        ['the ref type flipped', c.kind === 'branch' ? { ...base, branch: undefined, tag: name } : { ...base, tag: undefined, branch: name }, 'DENIED'],
        ['the audience Buildkite uses by default', { ...base, audience: `https://buildkite.com/${c.organization.value}` }, 'DENIED'],
        ['another issuer', { ...base, issuer: 'https://agent.buildkite.com.evil.io' }, 'DENIED'],
      ];
      for (const organization of lookAlikes(c.organization.value, c.other.organization)) {
        cases.push([`organization ${organization}`, { ...base, organization }, 'DENIED']);
      }
      for (const pipeline of lookAlikes(c.pipeline.value, c.other.pipeline)) {
        cases.push([`pipeline ${pipeline}`, { ...base, pipeline }, 'DENIED']);
      }
      for (const other of lookAlikes(name, c.other.ref).filter((r) => !r.includes(':'))) {
        const job = c.kind === 'branch' ? { ...base, branch: other } : { ...base, tag: other };
        cases.push([`${c.kind} ${other}`, job, admitsRef(other) ? 'ALLOWED' : 'DENIED']);
      }
      if (c.ids) {
        cases.push(['another organization id', { ...base, organizationId: c.other.id }, c.other.id === c.ids.organizationId ? 'ALLOWED' : 'DENIED']);
        cases.push(['another pipeline id', { ...base, pipelineId: c.other.id }, c.other.id === c.ids.pipelineId ? 'ALLOWED' : 'DENIED']);
        cases.push(['a job that did not ask for the id claims', { ...base, organizationId: undefined, pipelineId: undefined }, 'DENIED']);
      }
      for (const [change, job, expected] of cases) {
        const token = buildkiteToken(job);
        const got = decide(policy, token);
        evaluated++;
        if (got !== expected) {
          throw new Error(`${change}: expected ${expected}, got ${got}; sub ${token.sub}, build_branch ${token.build_branch}`);
        }
      }
    }), { numRuns: 200 * SCALE });
  });

  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`Buildkite properties: ${evaluated} generated tokens decided, ${refused} adversarial configurations refused at synthesis`);
    if (SCALE >= 1) {
      expect(evaluated).toBeGreaterThanOrEqual(3_000);
    }
  });
});
