import { Lazy } from 'aws-cdk-lib';
import { GitHubIssuer } from '../../../src';

/** The claims AWS STS passes as condition keys for github.com's issuer (AWS STS, 2026-01). */
const GITHUB_DOT_COM_KEYS = [
  'repository', 'repository_id', 'repository_owner_id', 'job_workflow_ref', 'ref', 'environment', 'workflow', 'actor', 'actor_id', 'enterprise_id',
];
const HOST_FORM = "Allowed form: lowercase DNS labels separated by dots, without scheme, port or path, e.g. 'github.example.com'.";

describe('GitHubIssuer', () => {
  test('github.com', () => {
    const issuer = GitHubIssuer.gitHubDotCom();
    expect(issuer.issuer).toBe('token.actions.githubusercontent.com');
    expect(issuer.url).toBe('https://token.actions.githubusercontent.com');
    expect(issuer.conditionClaims).toEqual(GITHUB_DOT_COM_KEYS);
  });

  test('GitHub Enterprise Cloud with a unique issuer URL: same keys as github.com', () => {
    const issuer = GitHubIssuer.enterpriseCloud('acme-corp');
    expect(issuer.issuer).toBe('token.actions.githubusercontent.com/acme-corp');
    expect(issuer.url).toBe('https://token.actions.githubusercontent.com/acme-corp');
    expect(issuer.conditionClaims).toEqual(GITHUB_DOT_COM_KEYS);
  });

  test('GHE.com data residency: aud and sub only', () => {
    const issuer = GitHubIssuer.dataResidency('octocorp');
    expect(issuer.issuer).toBe('token.actions.octocorp.ghe.com');
    expect(issuer.url).toBe('https://token.actions.octocorp.ghe.com');
    expect(issuer.conditionClaims).toEqual([]);
  });

  test('GitHub Enterprise Server: aud and sub only', () => {
    const issuer = GitHubIssuer.enterpriseServer('github.example.com');
    expect(issuer.issuer).toBe('github.example.com/_services/token');
    expect(issuer.url).toBe('https://github.example.com/_services/token');
    expect(issuer.conditionClaims).toEqual([]);
  });

  test('a GHES host that is an IPv4 address is accepted', () => {
    expect(GitHubIssuer.enterpriseServer('10.0.0.1').issuer).toBe('10.0.0.1/_services/token');
  });

  test.each([
    ['https://github.example.com', 'has a scheme'],
    ['github.example.com:8443', 'has a port'],
    ['github.example.com/path', 'has a path or query'],
    ['github.example.com?x=1', 'has a path or query'],
    ['', 'empty'],
    // IAM compares the key prefix as written; one spelling avoids a provider whose keys the role never names.
    ['GITHUB.example.com', 'not a lowercase DNS name with at least two labels'],
    ['github', 'not a lowercase DNS name with at least two labels'],
    ['github.example.com.', 'not a lowercase DNS name with at least two labels'],
    ['-github.example.com', 'not a lowercase DNS name with at least two labels'],
    ['git_hub.example.com', 'not a lowercase DNS name with at least two labels'],
    ['*.example.com', 'not a lowercase DNS name with at least two labels'],
  ])('fails if the GHES host is %j', (hostname, problem) => {
    expect(() => GitHubIssuer.enterpriseServer(hostname)).toThrow(
      `Invalid GitHubIssuer.enterpriseServer(hostname) '${hostname}': it must be a literal host name (${problem}). ${HOST_FORM}`,
    );
  });

  test('GHES host label boundary: 63 characters pass, 64 fail', () => {
    const label = 'a'.repeat(63);
    expect(GitHubIssuer.enterpriseServer(`${label}.example.com`).issuer).toBe(`${label}.example.com/_services/token`);
    expect(() => GitHubIssuer.enterpriseServer(`${label}a.example.com`)).toThrow('(not a lowercase DNS name with at least two labels)');
  });

  test('GHES host length boundary: 253 characters pass, 254 fail', () => {
    const host = (length: number) => `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(length - 3 * 64)}`;
    expect(GitHubIssuer.enterpriseServer(host(253)).issuer).toBe(`${host(253)}/_services/token`);
    expect(() => GitHubIssuer.enterpriseServer(host(254))).toThrow('(longer than 253 characters)');
  });

  test('fails if the GHES host is a token', () => {
    const token = Lazy.string({ produce: () => 'github.example.com' });
    expect(() => GitHubIssuer.enterpriseServer(token)).toThrow(
      `Invalid GitHubIssuer.enterpriseServer(hostname) '${token}': it must be a literal host name (a token). ${HOST_FORM}`,
    );
  });

  test.each([
    ['Acme'], ['acme--corp'], ['acme_corp'], ['-acme'], ['acme-'], ['acme/corp'], [''], ['a'.repeat(64)],
  ])('fails if the enterprise slug is %j', (slug) => {
    expect(() => GitHubIssuer.enterpriseCloud(slug)).toThrow(
      `Invalid GitHubIssuer.enterpriseCloud(enterpriseSlug) '${slug}': it must be a literal slug. Allowed form: lowercase letters, digits and single inner hyphens (at most 63 characters), ` +
      "e.g. 'acme-corp'.",
    );
  });

  test('enterprise slug length boundary: 63 characters pass', () => {
    expect(GitHubIssuer.enterpriseCloud('a'.repeat(63)).issuer).toBe(`token.actions.githubusercontent.com/${'a'.repeat(63)}`);
  });

  test('fails if the enterprise slug is a token', () => {
    const token = Lazy.string({ produce: () => 'acme-corp' });
    expect(() => GitHubIssuer.enterpriseCloud(token)).toThrow(
      `Invalid GitHubIssuer.enterpriseCloud(enterpriseSlug) '${token}': it must be a literal slug. Allowed form:`,
    );
  });

  test.each([['Octo'], ['octo.corp'], ['octo_corp'], ['']])('fails if the GHE.com subdomain is %j', (subdomain) => {
    expect(() => GitHubIssuer.dataResidency(subdomain)).toThrow(
      `Invalid GitHubIssuer.dataResidency(subdomain) '${subdomain}': it must be a literal slug. Allowed form: lowercase letters, digits and single inner hyphens (at most 63 characters), ` +
      "e.g. 'octocorp'.",
    );
  });
});
