import * as fc from 'fast-check';
import { referenceSearchEvery, referenceSearchSome } from './claim-shapes.reference';
import { ClaimShape, globMatches, oneOrMore, searchEvery, searchSome, text } from '../../src/core/claim-shapes';

/*
 * The product search runs on compiled tables: it must give the answers of the plain search it
 * replaced (claim-shapes.reference.ts), and the very same claims, on every value and shape.
 */

const CHARS = ['a', 'b', ':', '/', '.', '-', 'x', 'y', '\u00e9'];
const glob = (extra: string[]): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...CHARS, ...extra), { minLength: 0, maxLength: 9 }).map((chars) => chars.join(''));
const part = fc.oneof(
  glob([]).filter((w) => w.length > 0).map(text),
  fc.array(fc.constantFrom(...CHARS), { minLength: 0, maxLength: 3 }).map((chars) => oneOrMore(chars.join(''))),
);
const shape: fc.Arbitrary<ClaimShape> = fc.array(part, { minLength: 1, maxLength: 5 });
const shapeRegExp = (s: ClaimShape): RegExp => new RegExp(`^${s.map((p) => ('text' in p
  ? p.text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')
  : p.oneOrMore.except === '' ? '[\\s\\S]+' : `[^${p.oneOrMore.except.replace(/[\\^\]-]/g, '\\$&')}]+`)).join('')}$`, 'u');

describe('claim shapes: the product search', () => {
  test('searchSome finds the claim the plain search finds, or none when it finds none', () => {
    const found = [0, 0];
    fc.assert(fc.property(glob(['*', '?', '*']), shape, fc.boolean(), (value, s, pattern) => {
      const claim = searchSome(value, pattern, s);
      expect(claim).toBe(referenceSearchSome(value, pattern, s));
      found[Number(claim !== undefined)]++;
      if (claim !== undefined) {
        // The claim shown is one of the shape that the value matches.
        expect(shapeRegExp(s).test(claim)).toBe(true);
        expect(pattern ? globMatches(value, claim) : value === claim).toBe(true);
      }
    }), { numRuns: 4000 });
    // Both answers are tried often, so that a search that always says one of them fails.
    expect(Math.min(...found)).toBeGreaterThan(200);
  });

  test('searchEvery agrees with the plain search', () => {
    const answers = [0, 0];
    // Patterns that end in '*' or are short match every claim of a shape often enough to test both answers.
    const value = fc.oneof(glob(['*', '?', '*', '*']), glob(['*', '?']).map((v) => `${v.slice(0, 3)}*`));
    fc.assert(fc.property(value, shape, fc.boolean(), (v, s, pattern) => {
      const every = searchEvery(v, pattern, s);
      expect(every).toBe(referenceSearchEvery(v, pattern, s));
      answers[Number(every)]++;
    }), { numRuns: 4000 });
    expect(Math.min(...answers)).toBeGreaterThan(100);
  });

  test('the shapes of a Buildkite subject: every branch, some branch, no tag', () => {
    const tail = [text(':commit:'), oneOrMore(':'), text(':step:'), oneOrMore('')];
    const branches: ClaimShape = [text('pipeline:deploy:ref:refs/heads/'), oneOrMore(':'), ...tail];
    const tags: ClaimShape = [text('pipeline:deploy:ref:refs/tags/'), oneOrMore(':'), ...tail];
    expect(searchEvery('pipeline:deploy:ref:refs/heads/*:commit:*:step:*', true, branches)).toBe(true);
    expect(searchEvery('pipeline:deploy:ref:refs/heads/main:commit:*:step:*', true, branches)).toBe(false);
    expect(searchSome('pipeline:deploy:ref:refs/heads/main:commit:*:step:*', true, branches)).toBe('pipeline:deploy:ref:refs/heads/main:commit:x:step:x');
    expect(searchSome('pipeline:deploy:ref:refs/heads/main:commit:*:step:*', true, tags)).toBeUndefined();
    // '*' also matches ':': a ref pattern that reaches into the tags.
    expect(searchSome('pipeline:deploy:ref:refs/*:commit:*', true, tags)).toBe('pipeline:deploy:ref:refs/tags/x:commit:x:step:x');
  });

  test('globMatches is IAM StringLike: `*` any run, `?` one character, the rest literal (a value without wildcards is equality)', () => {
    const like = (pattern: string, value: string): boolean => new RegExp(`^${[...pattern].map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]'
      : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('')}$`, 'u').test(value);
    const matched = [0, 0];
    fc.assert(fc.property(glob(['*', '?']), glob([]), fc.boolean(), (pattern, other, same) => {
      // Half the values are the pattern with its wildcards filled in, so that both answers come up.
      const value = same ? pattern.replace(/[*?]/g, 'a') : other;
      const got = globMatches(pattern, value);
      expect(got).toBe(like(pattern, value));
      matched[Number(got)]++;
    }), { numRuns: 3000 });
    expect(Math.min(...matched)).toBeGreaterThan(200);
  });
});
