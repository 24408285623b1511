import { CiPlatform, GenericSubject } from '../../../src';

const EXACT_FORM = "the issuer's complete 'sub' value, e.g. 'sc://acme/infra/aws-deploy' (Azure DevOps) or " +
  "'space:prod:stack:network:run_type:TRACKED:scope:write' (Spacelift)";
const PATTERN_FORM = "a 'sub' pattern whose wildcards start a part after two complete parts, e.g. 'space:prod:stack:network:run_type:*:scope:write' or " +
  "'https://jenkins.example.com/job/deploy/*'";

describe('GenericSubject', () => {
  test('exact: one StringEquals value, no pins, no warning', () => {
    // WHEN
    const subject = GenericSubject.exact('sc://acme/infra/aws-deploy');

    // THEN
    expect(subject.platform).toBe(CiPlatform.GENERIC_OIDC);
    expect(subject.subjectClaims).toEqual(['sc://acme/infra/aws-deploy']);
    expect(subject.isPattern).toBe(false);
    expect(subject.pinnedClaims).toEqual({});
    expect(subject.description).toBe('sub sc://acme/infra/aws-deploy');
    expect(subject._spec.risks).toEqual([]);
  });

  test('pattern: one StringLike value, warned as a raw pattern', () => {
    // WHEN
    const subject = GenericSubject.pattern('space:prod:stack:network:run_type:*:scope:write');

    // THEN
    expect(subject.subjectClaims).toEqual(['space:prod:stack:network:run_type:*:scope:write']);
    expect(subject.isPattern).toBe(true);
    expect(subject._spec.risks).toEqual([{
      id: 'cdk-ci-oidc:rawPatternSubject',
      message: "The subject 'space:prod:stack:network:run_type:*:scope:write' is a pattern of an issuer whose 'sub' grammar the library does not know; " +
        "check in the issuer's documentation what it matches.",
    }]);
  });

  test.each([
    'https://jenkins.example.com/job/deploy/*',
    'account/abc123:org/platform:project/*',
    'pulumi:deploy:org:acme:project:web:stack:prod:*',
    'org:acme:project:936a5312:repo:web:ref_type:branch:ref:refs/heads/release/?',
  ])('pattern: %s is accepted', (sub) => {
    expect(GenericSubject.pattern(sub).subjectClaims).toEqual([sub]);
  });

  test.each([
    ['sc://acme/infra/aws-*', "its first wildcard does not start a part (it follows '-', not ':' or '/'), so it matches other names that begin the same way (e.g. 'api*' matches 'api-evil')"],
    ['project:api*', "its first wildcard does not start a part (it follows 'i', not ':' or '/'), so it matches other names that begin the same way (e.g. 'api*' matches 'api-evil')"],
    ['*', "its first wildcard does not start a part (it follows 'nothing', not ':' or '/'), so it matches other names that begin the same way (e.g. 'api*' matches 'api-evil')"],
    ['org:*', "it fixes only the part 'org' before its first wildcard, so it can match every pipeline, project or tenant of the issuer"],
    ['sc://acme/*', "it fixes only the part 'acme' before its first wildcard, so it can match every pipeline, project or tenant of the issuer"],
    ['https://*', 'it fixes no part before its first wildcard, so it can match every pipeline, project or tenant of the issuer'],
    ['space:prod:stack:network', 'it has no wildcard; use GenericSubject.exact for an exact value'],
  ])('fails if the pattern is %s', (sub, why) => {
    expect(() => GenericSubject.pattern(sub)).toThrow(`Invalid GenericSubject.pattern(sub) '${sub}': ${why}. Allowed form: ${PATTERN_FORM}.`);
  });

  test.each([
    ['sc://acme/infra/*', "it contains '*' or '?' (use GenericSubject.pattern for a pattern)"],
    ['', 'it is empty'],
    ['sc://acme/${aws:username}', "it contains '${', which IAM reads as a policy variable"],
    ['sc://acme/infra/déploiement✓', "it contains '✓' (U+2713), outside Latin-1, which IAM policies cannot carry"],
    ['sc://acme/infra\n', 'it contains the control character U+000A'],
  ])('fails if the exact value is %j', (sub, why) => {
    expect(() => GenericSubject.exact(sub)).toThrow(`Invalid GenericSubject.exact(sub) '${sub}': ${why}. Allowed form: ${EXACT_FORM}.`);
  });

  test('fails if the value is not a string', () => {
    expect(() => GenericSubject.exact(7 as unknown as string)).toThrow(
      `Invalid GenericSubject.exact(sub) '7': it is a number, not a string. Allowed form: ${EXACT_FORM}.`,
    );
  });

  test('the spec cannot be changed after validation', () => {
    const subject = GenericSubject.exact('sc://acme/infra/aws-deploy');
    expect(() => (subject._spec.claims as string[]).push('sc://evil/x/y')).toThrow(TypeError);
    expect(subject.subjectClaims).toEqual(['sc://acme/infra/aws-deploy']);
  });
});
