import * as fc from 'fast-check';
import { parse } from 'yaml';
import { yamlDocument, yamlScalar } from '../../src/pipeline/yaml-text';

/** Parses a scalar the way it appears as a mapping value. */
function roundTrip(value: string): unknown {
  return parse(`key: ${yamlScalar(value)}\n`).key;
}

describe('yamlScalar', () => {
  test.each([
    ['arn:aws:iam::123456789012:role/Deploy', 'arn:aws:iam::123456789012:role/Deploy'],
    ['sts.amazonaws.com', 'sts.amazonaws.com'],
    ['ubuntu-latest', 'ubuntu-latest'],
    ['aws-actions/configure-aws-credentials@v4', 'aws-actions/configure-aws-credentials@v4'],
    ['npx cdk deploy --all', 'npx cdk deploy --all'],
  ])('%p stays plain', (value, written) => {
    expect(yamlScalar(value)).toBe(written);
    expect(roundTrip(value)).toBe(value);
  });

  test.each([
    ['a: b', "'a: b'"],
    ['ends:', "'ends:'"],
    ['x #comment', "'x #comment'"],
    ['#comment', "'#comment'"],
    ['yes', "'yes'"],
    ['No', "'No'"],
    ['on', "'on'"],
    ['null', "'null'"],
    ['~', "'~'"],
    ['', "''"],
    ['123456789012', "'123456789012'"],
    ['1e3', "'1e3'"],
    ['0x1F', "'0x1F'"],
    ['.inf', "'.inf'"],
    ['- item', "'- item'"],
    ['*alias', "'*alias'"],
    ['&anchor', "'&anchor'"],
    ['!tag', "'!tag'"],
    ['{a: 1}', "'{a: 1}'"],
    ['[1]', "'[1]'"],
    ['%YAML', "'%YAML'"],
    ['@at', "'@at'"],
    ['`tick', "'`tick'"],
    ['|', "'|'"],
    ['>', "'>'"],
    [' lead', "' lead'"],
    ['trail ', "'trail '"],
    ["it's", "'it''s'"],
    ['say "hi"', '\'say "hi"\''],
    ['$VAR', "'$VAR'"],
    ['a\nb', '"a\\u000Ab"'],
    ['tab\there', '"tab\\u0009here"'],
    ['back\\slash\n', '"back\\\\slash\\u000A"'],
    ['bom\uFEFF', '"bom\\uFEFF"'],
    ['nel\u0085', '"nel\\u0085"'],
    ['emoji 🚀', "'emoji 🚀'"],
    ['Zürich', "'Zürich'"],
  ])('%p is quoted as %s', (value, written) => {
    expect(yamlScalar(value)).toBe(written);
    expect(roundTrip(value)).toBe(value);
  });

  test('fails if a string holds half of a surrogate pair', () => {
    expect(() => yamlScalar('a\uD800\nb')).toThrow("Invalid YAML character 'U+D800': it is half of a surrogate pair and cannot be written to YAML. Allowed form: a whole surrogate pair.");
  });

  test('any string of whole code points parses back to itself, as a value and as a key', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), (a, b) => {
      for (const value of [a, b]) {
        expect(roundTrip(value)).toBe(value);
        expect(Object.keys(parse(`${yamlScalar(value)}: x\n`))).toEqual([value]);
      }
    }), { numRuns: 2000 });
  });

  test('strings from YAML\'s own special characters parse back to themselves', () => {
    const special = fc.constantFrom(...':#-?*&!|>\'"%@`{}[],~ \t\n\\'.split(''), 'yes', 'no', 'null', '0', '1.5', 'a', '---', '...');
    fc.assert(fc.property(fc.array(special, { maxLength: 8 }).map((parts) => parts.join('')), (value) => {
      expect(roundTrip(value)).toBe(value);
    }), { numRuns: 3000 });
  });
});

describe('yamlDocument', () => {
  test('nested mappings, sequences of strings and of mappings; undefined entries left out', () => {
    // GIVEN
    const document = {
      jobs: {
        deploy: {
          'runs-on': 'ubuntu-latest',
          'environment': undefined,
          'steps': [
            { uses: 'actions/checkout@v4' },
            { uses: 'aws-actions/configure-aws-credentials@v4', with: { 'aws-region': 'eu-west-1' } },
            { run: 'echo "a: b"' },
          ],
          'tags': ['a', 'yes'],
        },
      },
    };

    // WHEN
    const text = yamlDocument(document);

    // THEN
    expect(text).toBe([
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: aws-actions/configure-aws-credentials@v4',
      '        with:',
      '          aws-region: eu-west-1',
      '      - run: \'echo "a: b"\'',
      '    tags:',
      '      - a',
      "      - 'yes'",
      '',
    ].join('\n'));
    expect(parse(text)).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
