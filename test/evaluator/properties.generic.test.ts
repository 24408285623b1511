import * as fc from 'fast-check';
import { decide, Decision, newStack, TokenPayload, TrustPolicy, trustPolicyOf } from './iam-evaluator';
import { CiDeployRole, GenericOidcProvider, GenericSubject } from '../../src';
import { adversarial, lookAlikes, stringFrom } from '../fixtures/generators';
import { genericToken } from '../fixtures/tokens/generic-token';

/**
 * Properties of roles that trust a generic issuer: the configured `sub` (or every `sub` under a
 * pattern's fixed part) is admitted; look-alikes of every fixed part, another audience and another
 * issuer are not; and a shared issuer's other tenants never are. Expected decisions come from what a
 * token changes, never from the library.
 *
 * PROPERTY_RUNS scales the number of configurations.
 */

const SCALE = Number(process.env.PROPERTY_RUNS ?? '1');
const ISSUER = 'https://ci.acme.example/oidc';
const AUDIENCE = 'acme-ci';
let evaluated = 0;

/** One part of a `sub`: what the issuers' names are made of. */
const part = stringFrom([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''), '-', '_', '.', '@', '|'], 1, 8);
const separator = fc.constantFrom(':', '/');
/** A `sub` of 2 to 6 parts, e.g. `space:prod/stack:network`. */
const parts = fc.array(fc.tuple(part, separator), { minLength: 2, maxLength: 6 });

function policyOf(subject: GenericSubject, url = ISSUER, audience = AUDIENCE): TrustPolicy {
  const stack = newStack();
  const provider = new GenericOidcProvider(stack, 'Provider', { url, audience });
  new CiDeployRole(stack, 'Role', { provider, subjects: [subject] });
  return trustPolicyOf(stack);
}

function expectDecisions(policy: TrustPolicy, cases: Array<[Decision, TokenPayload, string]>): void {
  for (const [expected, token, change] of cases) {
    evaluated++;
    const got = decide(policy, token);
    if (got !== expected) {
      throw new Error(`expected ${expected}, got ${got} for ${change}: ${JSON.stringify(token)}\n${JSON.stringify(policy)}`);
    }
  }
}

describe('generic issuer properties', () => {
  test('exact subjects: the value is admitted, its look-alikes, other audiences and issuers are not', () => {
    fc.assert(fc.property(parts, part, (ps, other) => {
      const sub = ps.map(([p, s]) => `${p}${s}`).join('').slice(0, -1);
      const policy = policyOf(GenericSubject.exact(sub));
      const last = ps[ps.length - 1][0];
      const head = sub.slice(0, sub.length - last.length);
      expectDecisions(policy, [
        ['ALLOWED', genericToken(ISSUER, AUDIENCE, sub), 'nothing'],
        ...lookAlikes(last, other).map((alike): [Decision, TokenPayload, string] => ['DENIED', genericToken(ISSUER, AUDIENCE, `${head}${alike}`), `last part ${alike}`]),
        ...lookAlikes(ps[0][0], other).map((alike): [Decision, TokenPayload, string] =>
          ['DENIED', genericToken(ISSUER, AUDIENCE, `${alike}${sub.slice(ps[0][0].length)}`), `first part ${alike}`]),
        ['DENIED', genericToken(ISSUER, `${AUDIENCE}x`, sub), 'audience'],
        ['DENIED', genericToken('https://ci.acme.example/oidc2', AUDIENCE, sub), 'issuer'],
      ]);
    }), { numRuns: 150 * SCALE });
  });

  test('patterns: everything under the fixed part, no look-alike of a fixed part', () => {
    fc.assert(fc.property(parts, fc.array(fc.tuple(part, separator), { minLength: 0, maxLength: 3 }), part, (ps, tail, other) => {
      const fixed = ps.map(([p, s]) => `${p}${s}`).join('');
      const policy = policyOf(GenericSubject.pattern(`${fixed}*`));
      const rest = tail.map(([p, s]) => `${p}${s}`).join('') + other;
      const cases: Array<[Decision, TokenPayload, string]> = [['ALLOWED', genericToken(ISSUER, AUDIENCE, `${fixed}${rest}`), 'the tail']];
      ps.forEach(([p], i) => {
        const before = ps.slice(0, i).map(([q, s]) => `${q}${s}`).join('');
        const after = ps.slice(i).map(([q, s]) => `${q}${s}`).join('').slice(p.length);
        for (const alike of lookAlikes(p, other)) {
          // A look-alike that is the part plus a separator and more still starts the same way only if it spells the same prefix.
          const sub = `${before}${alike}${after}${rest}`;
          cases.push([sub.startsWith(fixed) ? 'ALLOWED' : 'DENIED', genericToken(ISSUER, AUDIENCE, sub), `part ${i} ${alike}`]);
        }
      });
      cases.push(['DENIED', genericToken(ISSUER, AUDIENCE, fixed.slice(0, -1)), 'the fixed part without its separator']);
      expectDecisions(policy, cases);
    }), { numRuns: 150 * SCALE });
  });

  test('adversarial values are refused at synthesis, never widened', () => {
    fc.assert(fc.property(adversarial(part), part, (bad, good) => {
      const sub = `${good}:${bad}:${good}`;
      let subject: GenericSubject | undefined;
      try {
        subject = GenericSubject.exact(sub);
      } catch (error) {
        expect(String(error)).toMatch(/^Error: Invalid GenericSubject\.exact\(sub\) '/);
        expect(/[*?]|\$\{|[^\u0020-\u007e\u00a0-\u00ff]/.test(sub)).toBe(true);
        return;
      }
      // Accepted: the value is compared exactly, so only that very sub passes.
      const policy = policyOf(subject);
      expectDecisions(policy, [
        ['ALLOWED', genericToken(ISSUER, AUDIENCE, sub), 'nothing'],
        ['DENIED', genericToken(ISSUER, AUDIENCE, `${sub}x`), 'a suffix'],
        ['DENIED', genericToken(ISSUER, AUDIENCE, `${good}:${good}`), 'the value without the odd part'],
      ]);
    }), { numRuns: 150 * SCALE });
  });

  test('a shared issuer: patterns that fix the tenant admit no other tenant; others are refused', () => {
    fc.assert(fc.property(part.filter((p) => !/[:/]/.test(p)), part, fc.boolean(), (account, other, fixTenant) => {
      const pattern = fixTenant ? `account:${account}:pipeline:*` : `pipeline:${account}:*`;
      const stack = newStack();
      const provider = new GenericOidcProvider(stack, 'Codefresh', { url: 'https://oidc.codefresh.io' });
      if (!fixTenant) {
        expect(() => new CiDeployRole(stack, 'Role', { provider, subjects: [GenericSubject.pattern(pattern)] })).toThrow(/is a shared issuer that names the tenant in 'sub'/);
        return;
      }
      new CiDeployRole(stack, 'Role', { provider, subjects: [GenericSubject.pattern(pattern)] });
      const policy = trustPolicyOf(stack);
      const token = (acct: string): TokenPayload => genericToken('https://oidc.codefresh.io', 'sts.amazonaws.com', `account:${acct}:pipeline:p1:git-push`);
      expectDecisions(policy, [
        ['ALLOWED', token(account), 'nothing'],
        ...lookAlikes(account, other).filter((alike) => !alike.startsWith(`${account}:pipeline:`))
          .map((alike): [Decision, TokenPayload, string] => ['DENIED', token(alike), `account ${alike}`]),
      ]);
    }), { numRuns: 100 * SCALE });
  });

  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`generic properties: ${evaluated} tokens decided`);
  });
});
