import * as fc from 'fast-check';
import { decide, Decision, newStack, TokenPayload, trustPolicyOf } from './iam-evaluator';
import { BitbucketOidcProvider, BitbucketRepository, BitbucketSubject, CiDeployRole } from '../../src';
import { refName } from '../fixtures/generators';
import { bitbucketToken, BitbucketStep } from '../fixtures/tokens/bitbucket-token';

/**
 * Properties of generated Bitbucket roles: every run of a configured repository and environment is
 * admitted, and no token whose workspace, repository, environment, audience or sub form differs is;
 * a raw claim with a wildcard in the repository or environment UUID is refused. The expected decision
 * comes from what each token changes, never from the library.
 */

const SCALE = Number(process.env.PROPERTY_RUNS ?? '1');
let evaluated = 0;
let refused = 0;
const started = Date.now();

const HEX = '0123456789abcdef'.split('');
const hex = (length: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...HEX), { minLength: length, maxLength: length }).map((c) => c.join(''));
const uuid = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((parts) => `{${parts.join('-')}}`);
const workspace = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,12}$/);

interface Expectation {
  readonly token: TokenPayload;
  readonly expected: Decision;
  readonly change: string;
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

/** A UUID that differs from `value` in one hex digit. */
function neighbour(value: string, at: number): string {
  const positions = [...value].map((c, i) => (/[0-9a-f]/.test(c) ? i : -1)).filter((i) => i >= 0);
  const i = positions[at % positions.length];
  return `${value.slice(0, i)}${value[i] === '0' ? '1' : '0'}${value.slice(i + 1)}`;
}

describe('properties of generated Bitbucket roles', () => {
  test('environment subjects: every run admitted; look-alike repositories, environments, workspaces and forms not', () => {
    fc.assert(fc.property(workspace, uuid, uuid, uuid, uuid, uuid, fc.nat(), refName, (ws, workspaceUuid, repo, env, step, other, at, branch) => {
      const stack = newStack();
      new CiDeployRole(stack, 'Role', {
        provider: new BitbucketOidcProvider(stack, 'Bitbucket', { workspace: ws, workspaceUuid }),
        subjects: [BitbucketRepository.of(repo).environment(env)],
      });
      const policy = trustPolicyOf(stack);
      const aud = `ari:cloud:bitbucket::workspace/${workspaceUuid.slice(1, -1)}`;
      const token = (change: Partial<BitbucketStep>): TokenPayload => bitbucketToken({
        workspace: ws, repositoryUuid: repo, environmentUuid: env, stepUuid: step, audience: aud, branch, ...change,
      });
      const expectations: Expectation[] = [
        { change: 'the configured step', token: token({}), expected: 'ALLOWED' },
        { change: 'another run', token: token({ stepUuid: other }), expected: 'ALLOWED' },
        { change: 'a neighbouring repository UUID', token: token({ repositoryUuid: neighbour(repo, at) }), expected: 'DENIED' },
        { change: 'a neighbouring environment UUID', token: token({ environmentUuid: neighbour(env, at) }), expected: 'DENIED' },
        { change: 'no environment', token: token({ environmentUuid: undefined }), expected: 'DENIED' },
        { change: 'another workspace', token: token({ workspace: `${ws}x` }), expected: 'DENIED' },
        { change: 'the workspace audience of another workspace', token: token({ audience: `ari:cloud:bitbucket::workspace/${other.slice(1, -1)}` }), expected: 'DENIED' },
        { change: "the '{repo}:{env}:{step}' form", token: token({ subForm: 'colon' }), expected: 'DENIED' },
        { change: 'a branch named like the environment', token: token({ branch: env, subForm: 'branch' }), expected: 'DENIED' },
      ];
      check(policy, expectations);
    }), { numRuns: 250 * SCALE });
  });

  test('a raw claim with a wildcard in the repository or environment UUID is refused', () => {
    fc.assert(fc.property(uuid, uuid, fc.nat(), fc.constantFrom('*', '?', '**'), (repo, env, at, wildcard) => {
      const fixed = `${repo}${env}`;
      const i = at % fixed.length;
      const claim = `${fixed.slice(0, i)}${wildcard}${fixed.slice(i + (wildcard === '?' ? 1 : 0))}:*`;
      let accepted = true;
      try {
        BitbucketSubject.fromClaim(claim);
      } catch {
        accepted = false;
        refused++;
      }
      return !accepted;
    }), { numRuns: 200 * SCALE });
  });

  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`Bitbucket property tests: ${evaluated} generated tokens decided, ${refused} raw claims refused, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (SCALE >= 1) {
      expect(evaluated).toBeGreaterThanOrEqual(2_000);
    }
  });
});
