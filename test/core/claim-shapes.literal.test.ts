import * as fc from 'fast-check';
import { ClaimShape, matchesEvery, oneOrMore, searchEvery, searchSome, someMatch, text } from '../../src/core/claim-shapes';

/*
 * Literal values (exact subjects, or patterns without a wildcard) take a membership test instead of
 * the automaton search, and patterns skip the literal prefix they share with the shape: the answers
 * must be those of the plain search on every value and shape.
 */

const CHARS = ['a', 'b', ':', '/', '.', '-', '\\', '^', ']', 'x'];
const word = fc.array(fc.constantFrom(...CHARS), { minLength: 0, maxLength: 6 }).map((chars) => chars.join(''));
const part = fc.oneof(
  word.filter((w) => w.length > 0).map(text),
  fc.array(fc.constantFrom(...CHARS), { minLength: 0, maxLength: 3 }).map((chars) => oneOrMore(chars.join(''))),
);
const shape: fc.Arbitrary<ClaimShape> = fc.array(part, { minLength: 1, maxLength: 4 });

describe('claim shapes: the literal fast path', () => {
  test('someMatch and matchesEvery agree with the search for literal values', () => {
    fc.assert(fc.property(word, shape, fc.boolean(), (value, s, pattern) => {
      const literal = pattern ? value.replace(/[*?]/g, '') : value;
      expect(someMatch(literal, pattern, s)).toBe(searchSome(literal, pattern, s) === undefined ? undefined : literal);
      expect(searchSome(literal, pattern, s) ?? literal).toBe(literal);
      expect(matchesEvery(literal, pattern, s)).toBe(searchEvery(literal, pattern, s));
    }), { numRuns: 3000 });
  });

  test('someMatch and matchesEvery agree with the search for patterns too (the common literal prefix is skipped)', () => {
    const glob = fc.array(fc.constantFrom(...CHARS, '*', '?'), { minLength: 0, maxLength: 7 }).map((chars) => chars.join(''));
    fc.assert(fc.property(word, glob, shape, (prefix, value, s) => {
      // A shared literal prefix, as a subject's scope is.
      const withPrefix: ClaimShape = prefix.length > 0 ? [text(prefix), ...s] : s;
      const search = searchSome(prefix + value, true, withPrefix);
      const got = someMatch(prefix + value, true, withPrefix);
      expect(got === undefined).toBe(search === undefined);
      expect(matchesEvery(prefix + value, true, withPrefix)).toBe(searchEvery(prefix + value, true, withPrefix));
    }), { numRuns: 3000 });
  });

  test('values that spell a claim of the shape', () => {
    const s: ClaimShape = [text('repo:acme/api:ref:refs/heads/'), oneOrMore(':')];
    expect(someMatch('repo:acme/api:ref:refs/heads/main', false, s)).toBe('repo:acme/api:ref:refs/heads/main');
    expect(someMatch('repo:acme/api:ref:refs/heads/', false, s)).toBeUndefined();
    expect(someMatch('repo:acme/api:ref:refs/heads/a:b', false, s)).toBeUndefined();
    expect(matchesEvery('repo:acme/api:ref:refs/heads/main', false, s)).toBe(false);
    expect(matchesEvery('repo:acme/api:pull_request', false, [text('repo:acme/api:pull_request')])).toBe(true);
    // Under StringEquals '*' is literal: it matches the claim that holds a '*'.
    expect(someMatch('repo:acme/api:ref:refs/heads/*', false, s)).toBe('repo:acme/api:ref:refs/heads/*');
  });
});
