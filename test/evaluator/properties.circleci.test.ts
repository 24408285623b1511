import * as fc from 'fast-check';
import { decide, Decision, newStack, TokenPayload, trustPolicyOf } from './iam-evaluator';
import { CiDeployRole, CircleCiOidcProvider, CircleCiProject, CircleCiSubject } from '../../src';
import { globMatches } from '../../src/core/claim-shapes';
import { gitHubOwner, gitHubRepository, lookAlikes, maybeAdversarial, refName } from '../fixtures/generators';
import { circleCiToken, CircleCiJob } from '../fixtures/tokens/circleci-token';

/**
 * Properties of generated CircleCI roles: every configured project, origin and ref is admitted for
 * any user, and no token whose organization, project, origin, ref type, ref, token form or audience
 * differs is; no fork's branch name can spell the trusted origin and ref; a raw claim with a wildcard
 * in an identity position is refused or admits no other project or origin. The expected decision
 * comes from what each token changes and IAM's documented StringLike, never from the library.
 *
 * PROPERTY_RUNS scales the number of configurations.
 */

const SCALE = Number(process.env.PROPERTY_RUNS ?? '1');
let evaluated = 0;
let refused = 0;
let generated = 0;
const started = Date.now();

const HEX = '0123456789abcdef'.split('');
const hex = (length: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...HEX), { minLength: length, maxLength: length }).map((c) => c.join(''));
/** CircleCI's ids: lowercase UUIDs. */
const uuid = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((parts) => parts.join('-'));
const host = fc.constantFrom('github.com', 'bitbucket.org', 'gitlab.com');

interface Expectation {
  readonly token: TokenPayload;
  readonly expected: Decision;
  readonly change: string;
}

interface Config {
  readonly org: string;
  readonly project: string;
  readonly users: [string, string];
  readonly host: string;
  readonly owner: string;
  readonly repository: string;
  readonly kind: 'branch' | 'tag';
  readonly name: { value: string; clean: boolean };
  readonly pin: boolean;
  readonly other: { org: string; project: string; owner: string; repository: string; ref: string };
}

const config: fc.Arbitrary<Config> = fc.record({
  org: uuid,
  project: uuid,
  users: fc.tuple(uuid, uuid),
  host,
  owner: gitHubOwner,
  repository: gitHubRepository,
  kind: fc.constantFrom<'branch' | 'tag'>('branch', 'tag'),
  name: maybeAdversarial(refName),
  pin: fc.boolean(),
  other: fc.record({ org: uuid, project: uuid, owner: gitHubOwner, repository: gitHubRepository, ref: refName }),
});

function roleOf(org: string, subject: () => CircleCiSubject, mustAccept: boolean): ReturnType<typeof trustPolicyOf> | undefined {
  generated++;
  const stack = newStack();
  try {
    new CiDeployRole(stack, 'Role', { provider: new CircleCiOidcProvider(stack, 'CircleCi', { organizationId: org }), subjects: [subject()] });
    return trustPolicyOf(stack);
  } catch (error) {
    if (mustAccept) {
      throw error;
    }
    refused++;
    return undefined;
  }
}

function check(policy: ReturnType<typeof trustPolicyOf>, expectations: Expectation[]): void {
  for (const { token, expected, change } of expectations) {
    const got = decide(policy, token);
    evaluated++;
    if (got !== expected) {
      throw new Error(`${change}: expected ${expected}, got ${got}; sub ${token.sub}, aud ${token.aud}, iss ${token.iss}`);
    }
  }
}

describe('properties of generated CircleCI roles', () => {
  test('configured subjects are admitted for any user; look-alikes of every part are not', () => {
    fc.assert(fc.property(config, (c) => {
      const origin = `${c.host}/${c.owner}/${c.repository}`;
      const prefix = c.kind === 'branch' ? 'refs/heads/' : 'refs/tags/';
      const policy = roleOf(c.org, () => {
        const project = CircleCiProject.of({ organizationId: c.org, projectId: c.project, vcsOrigin: origin, pinProjectId: c.pin });
        return c.kind === 'branch' ? project.branch(c.name.value) : project.tag(c.name.value);
      }, c.name.clean);
      if (policy === undefined) {
        return;
      }
      // The configured ref as IAM compares it: a pattern only through the name's own '*' and '?'.
      const admits = (ref: string): boolean => globMatches(`${prefix}${c.name.value}`, ref);
      const job = (change: Partial<CircleCiJob>): TokenPayload => circleCiToken({
        organizationId: c.org, projectId: c.project, userId: c.users[0], vcsOrigin: origin, vcsRef: `${prefix}${c.name.value}`, ...change,
      });
      const expectations: Expectation[] = [
        { change: 'the configured job', token: job({}), expected: 'ALLOWED' },
        { change: 'another user', token: job({ userId: c.users[1] }), expected: 'ALLOWED' },
        { change: 'the V1 token', token: job({ version: 'V1' }), expected: 'DENIED' },
        { change: 'a custom webhook', token: job({ customWebhook: true }), expected: 'DENIED' },
        { change: 'the audience sts.amazonaws.com', token: job({ audience: 'sts.amazonaws.com' }), expected: 'DENIED' },
        {
          change: 'the other ref type', token: job({ vcsRef: `${c.kind === 'branch' ? 'refs/tags/' : 'refs/heads/'}${c.name.value}` }), expected: 'DENIED',
        },
        {
          change: "a fork's branch that spells the trusted origin and ref",
          token: job({ vcsOrigin: `${c.host}/${c.other.owner}x/${c.repository}`, vcsRef: `refs/heads/x/vcs-origin/${origin}/vcs-ref/${prefix}${c.name.value}` }),
          expected: 'DENIED',
        },
      ];
      if (c.other.project !== c.project) {
        expectations.push({ change: 'another project', token: job({ projectId: c.other.project }), expected: 'DENIED' });
      }
      if (c.other.org !== c.org) {
        expectations.push({ change: 'another organization', token: job({ organizationId: c.other.org }), expected: 'DENIED' });
      }
      for (const owner of lookAlikes(c.owner, c.other.owner)) {
        expectations.push({ change: `owner ${owner}`, token: job({ vcsOrigin: `${c.host}/${owner}/${c.repository}` }), expected: 'DENIED' });
      }
      for (const repository of lookAlikes(c.repository, c.other.repository)) {
        expectations.push({ change: `repository ${repository}`, token: job({ vcsOrigin: `${c.host}/${c.owner}/${repository}` }), expected: 'DENIED' });
      }
      for (const name of [...lookAlikes(c.name.value, c.other.ref), c.other.ref]) {
        const ref = `${prefix}${name}`;
        expectations.push({ change: `ref ${ref}`, token: job({ vcsRef: ref }), expected: admits(ref) ? 'ALLOWED' : 'DENIED' });
      }
      check(policy, expectations);
    }), { numRuns: 260 * SCALE });
  });

  test('branch patterns: everything under the fixed prefix, nothing else, never a fork', () => {
    fc.assert(fc.property(uuid, uuid, refName, refName, refName, (org, project, prefix, inside, outside) => {
      const origin = 'github.com/acme/api';
      const subject = (): CircleCiSubject => CircleCiProject.of({ organizationId: org, projectId: project, vcsOrigin: origin }).branch(`${prefix}/*`);
      const policy = roleOf(org, subject, true)!;
      const job = (vcsRef: string, vcsOrigin = origin): TokenPayload => circleCiToken({ organizationId: org, projectId: project, vcsOrigin, vcsRef });
      const expectations: Expectation[] = [
        { change: 'a branch under the prefix', token: job(`refs/heads/${prefix}/${inside}`), expected: 'ALLOWED' },
        { change: 'the prefix itself', token: job(`refs/heads/${prefix}`), expected: 'DENIED' },
        { change: 'a tag under the prefix', token: job(`refs/tags/${prefix}/${inside}`), expected: 'DENIED' },
        { change: 'the prefix extended', token: job(`refs/heads/${prefix}x/${inside}`), expected: 'DENIED' },
        { change: 'a fork', token: job(`refs/heads/${prefix}/${inside}`, 'github.com/evil/api'), expected: 'DENIED' },
        { change: 'a fork spelling the origin', token: job(`refs/heads/${inside}/vcs-origin/${origin}/vcs-ref/refs/heads/${prefix}/x`, 'github.com/evil/api'), expected: 'DENIED' },
      ];
      if (!`${outside}/`.startsWith(`${prefix}/`)) {
        expectations.push({ change: 'a branch outside the prefix', token: job(`refs/heads/${outside}`), expected: 'DENIED' });
      }
      check(policy, expectations);
    }), { numRuns: 60 * SCALE });
  });

  test('a raw claim with a wildcard in the organization, project, user or origin is refused, or admits no other project or origin', () => {
    fc.assert(fc.property(uuid, uuid, uuid, fc.nat(), fc.constantFrom('*', '?', '*/', '**'), (org, project, otherProject, at, wildcard) => {
      const fixed = `org/${org}/project/${project}/user/????????-????-????-????-????????????/vcs-origin/github.com/acme/api/vcs-ref/`;
      const i = at % fixed.length;
      const claim = `${fixed.slice(0, i)}${wildcard}${fixed.slice(i)}refs/heads/main`;
      let subject: CircleCiSubject | undefined;
      try {
        subject = CircleCiSubject.fromClaim(claim);
      } catch {
        subject = undefined;
      }
      if (subject === undefined) {
        refused++;
        return;
      }
      const policy = roleOf(org, () => subject!, true)!;
      const job = (change: Partial<CircleCiJob>): TokenPayload => circleCiToken({ organizationId: org, projectId: project, ...change });
      const expectations: Expectation[] = [
        { change: 'a fork', token: job({ vcsOrigin: 'github.com/evil/api' }), expected: 'DENIED' },
        {
          change: 'a fork spelling the origin',
          token: job({ vcsOrigin: 'github.com/evil/api', vcsRef: 'refs/heads/x/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/main' }),
          expected: 'DENIED',
        },
      ];
      if (otherProject !== project) {
        expectations.push({ change: 'another project', token: job({ projectId: otherProject }), expected: 'DENIED' });
      }
      check(policy, expectations);
    }), { numRuns: 150 * SCALE });
  });

  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`CircleCI property tests: ${generated} roles (${refused} configurations refused at synthesis), ${evaluated} generated tokens decided ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (SCALE >= 1) {
      expect(evaluated).toBeGreaterThanOrEqual(5_000);
    }
  });
});
