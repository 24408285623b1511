import * as fc from 'fast-check';
import { matchesEvery, matchesSome, oneOrMore, text } from '../../../../src/core/claim-shapes';
import { readBuildkiteSubject } from '../../../../src/platforms/buildkite/facts/buildkite-reading';

/*
 * The reading searches a value that names its pipeline literally under that pipeline's slug: its
 * coverage must be what the search over every pipeline of the organization gives (slugs hold no
 * ':'), on every value, pattern or exact.
 */

const ANY_SLUG = oneOrMore(':');
const TAIL = [text(':commit:'), oneOrMore(':'), text(':step:'), oneOrMore('')];

/** The coverage over every pipeline of the organization, as the reading once computed it. */
function coverageOverEveryPipeline(value: string, pattern: boolean, organization: string, pipeline: string | undefined, ref: string): string {
  const start = text(`organization:${organization}:pipeline:`);
  const own = pipeline === undefined ? ANY_SLUG : text(pipeline);
  if (matchesEvery(value, pattern, [start, own, text(`:ref:${ref}`), oneOrMore(':'), ...TAIL])) {
    return 'every';
  }
  return matchesSome(value, pattern, [start, ANY_SLUG, text(`:ref:${ref}`), oneOrMore(':'), ...TAIL]) ? 'some' : 'none';
}

const piece = fc.array(fc.constantFrom('a', 'b', '-', ':', '*', '?', 'refs/heads/', 'refs/tags/', 'main', 'v1', ':commit:', ':step:', ':ref:'), { maxLength: 6 })
  .map((parts) => parts.join(''));

describe('readBuildkiteSubject: coverage of a literal pipeline', () => {
  test('is the coverage over every pipeline of the organization', () => {
    let literal = 0;
    const seen = new Set<string>();
    fc.assert(fc.property(fc.constantFrom('acme', 'acme-inc'), fc.constantFrom('deploy', 'api-1', '', 'de*', 'd?'), piece, fc.boolean(),
      (organization, slug, rest, pattern) => {
        const value = `organization:${organization}:pipeline:${slug}:ref:${rest}`;
        const reading = readBuildkiteSubject(value, pattern);
        if (reading.problem !== undefined) {
          return;
        }
        if (reading.pipeline !== undefined) {
          literal++;
        }
        seen.add(reading.branch);
        expect(reading.branch).toBe(coverageOverEveryPipeline(value, pattern, organization, reading.pipeline, 'refs/heads/'));
        expect(reading.tag).toBe(coverageOverEveryPipeline(value, pattern, organization, reading.pipeline, 'refs/tags/'));
      }), { numRuns: 2000 });
    expect(literal).toBeGreaterThan(500);
    // Every answer comes up, so that a reading that always gives one of them fails.
    expect([...seen].sort()).toEqual(['every', 'none', 'some']);
  });
});
