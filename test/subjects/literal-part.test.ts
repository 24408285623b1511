import { Lazy } from 'aws-cdk-lib';
import { checkLiteral, checkLiteralOrPattern, checkRawClaim, hasWildcard, invalid, textProblem } from '../../src/subjects/literal-part';

const EXAMPLE = 'repo:acme/api:ref:refs/heads/main';

describe('textProblem', () => {
  test('a plain name has no problem', () => {
    expect(textProblem('main')).toBeUndefined();
  });

  test('Latin-1 boundary: U+00FF passes, U+0100 is refused', () => {
    // GIVEN the last code point IAM policy text carries and the first it cannot
    const last = 'main-\u00ff';
    const first = 'main-\u0100';

    // THEN
    expect(textProblem(last)).toBeUndefined();
    expect(textProblem(first)).toBe("it contains '\u0100' (U+0100), outside Latin-1, which IAM policies cannot carry");
  });

  test('ü is Latin-1, € and an emoji are not', () => {
    expect(textProblem('main-ü')).toBeUndefined();
    expect(textProblem('main-€')).toBe("it contains '€' (U+20AC), outside Latin-1, which IAM policies cannot carry");
    expect(textProblem('main-🚀')).toBe("it contains '🚀' (U+1F680), outside Latin-1, which IAM policies cannot carry");
  });

  test('control characters: U+001F and U+007F to U+009F are refused, U+0020 and U+00A0 pass', () => {
    expect(textProblem('a\u001fb')).toBe('it contains the control character U+001F');
    expect(textProblem('a\u007fb')).toBe('it contains the control character U+007F');
    expect(textProblem('a\u009fb')).toBe('it contains the control character U+009F');
    expect(textProblem('a b')).toBeUndefined();
    expect(textProblem('a\u00a0b')).toBeUndefined();
  });

  test('empty, a policy variable and a token are refused', () => {
    expect(textProblem('')).toBe('it is empty');
    expect(textProblem('a${aws:username}')).toBe("it contains '${', which IAM reads as a policy variable");
    expect(textProblem(Lazy.string({ produce: () => 'main' }))).toBe('it is a token; subjects must be literal so that they can be checked');
  });

  test('a lone $ or { is not a policy variable', () => {
    expect(textProblem('a$b{c}')).toBeUndefined();
  });
});

describe('hasWildcard', () => {
  test.each([
    ['main', false],
    ['release/*', true],
    ['v?', true],
  ])('%s → %s', (value, expected) => {
    expect(hasWildcard(value)).toBe(expected);
  });
});

describe('checkLiteral and checkLiteralOrPattern', () => {
  test('a literal passes both', () => {
    expect(() => checkLiteral('p', 'production', 'a name')).not.toThrow();
    expect(() => checkLiteralOrPattern('p', 'production', 'a name')).not.toThrow();
  });

  test('fails if a literal part has a wildcard', () => {
    expect(() => checkLiteral('X.environment(environment)', 'prod*', "a name such as 'production'")).toThrow(
      "Invalid X.environment(environment) 'prod*': it contains '*' or '?', and only branch and tag names may be patterns. Allowed form: a name such as 'production'.",
    );
    expect(() => checkLiteral('p', 'prod?', 'a name')).toThrow("Invalid p 'prod?': it contains '*' or '?'");
  });

  test('a pattern part accepts wildcards but not the other problems', () => {
    expect(() => checkLiteralOrPattern('p', 'release/*', 'a branch')).not.toThrow();
    expect(() => checkLiteralOrPattern('p', 'release/€', 'a branch')).toThrow(
      "Invalid p 'release/€': it contains '€' (U+20AC), outside Latin-1, which IAM policies cannot carry. Allowed form: a branch.",
    );
  });
});

describe('invalid', () => {
  test('names the property, shows the value, the problem and the allowed form', () => {
    expect(invalid('Foo.of(name)', 'x y', 'it has a space', "'xy'").message).toBe("Invalid Foo.of(name) 'x y': it has a space. Allowed form: 'xy'.");
  });
});

describe('checkRawClaim', () => {
  test.each([
    EXAMPLE,
    'repo:acme/api:environment:production',
    'repo:acme/*',
    'repo:acme/api:*',
    'repo:acme@1234567/*',
    'repository_owner:acme:*',
  ])('accepts %s', (claim) => {
    expect(() => checkRawClaim('fromClaim(sub)', claim, EXAMPLE)).not.toThrow();
  });

  test.each([
    ['repo:*'],
    ['*'],
    ['?'],
    ['repo:acme*'],
    ['repo:acme?/api'],
    ['repo:acme@*'],
    ['repo:acme@123*'],
    ['repository_owner:acme*'],
  ])('fails if the pattern %s could match other owners or every repository', (claim) => {
    expect(() => checkRawClaim('fromClaim(sub)', claim, EXAMPLE)).toThrow(
      `Invalid fromClaim(sub) '${claim}': its fixed part before the first wildcard does not end a complete owner, group or repository with '/' or ':', ` +
      `so it would match other owners or every repository. Allowed form: a subject whose wildcards come after the owner, e.g. '${EXAMPLE}'.`,
    );
  });

  test.each([['repo'], ['repo:'], [':acme']])('fails if %s is not <claim>:<value>', (claim) => {
    expect(() => checkRawClaim('fromClaim(sub)', claim, EXAMPLE)).toThrow(
      `Invalid fromClaim(sub) '${claim}': it is not of the form '<claim>:<value>...'. Allowed form: a complete subject claim such as '${EXAMPLE}'.`,
    );
  });

  test('fails if a raw claim has a policy variable', () => {
    expect(() => checkRawClaim('fromClaim(sub)', 'repo:acme/${aws:username}', EXAMPLE)).toThrow(
      `Invalid fromClaim(sub) 'repo:acme/\${aws:username}': it contains '\${', which IAM reads as a policy variable. Allowed form: a complete subject claim such as '${EXAMPLE}'.`,
    );
  });
});
