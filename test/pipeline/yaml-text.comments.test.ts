import * as fc from 'fast-check';
import { parse } from 'yaml';
import { Commented, CommentLine, yamlDocument } from '../../src/pipeline/yaml-text';

describe('comments in the YAML writer', () => {
  test('a value with a comment after it and a comment line, written where they stand', () => {
    const text = yamlDocument({
      job: { 'runs-on': 'x', '#note': new CommentLine('Left out: acme/api, tag v?.'), 'steps': [new Commented('actions/checkout@abc', 'v7.0.1')] },
    });
    expect(text).toBe([
      'job:',
      '  runs-on: x',
      '  # Left out: acme/api, tag v?.',
      '  steps:',
      '    - actions/checkout@abc # v7.0.1',
      '',
    ].join('\n'));
    expect(parse(text)).toEqual({ job: { 'runs-on': 'x', 'steps': ['actions/checkout@abc'] } });
  });

  test('any comment text stays a comment, and the values around it parse back unchanged', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (comment, line, value) => {
      // Lone surrogates cannot be written to YAML at all; the writer refuses them in values, and comments here hold none.
      fc.pre(!/[\uD800-\uDFFF]/.test(comment + line));
      const text = yamlDocument({ a: { 'first': value, '#c': new CommentLine(line), 'b': new Commented(value, comment), 'c': [new Commented(value, comment)] } });
      expect(parse(text)).toEqual({ a: { first: value, b: value, c: [value] } });
    }), { numRuns: 1000 });
  });
});
