import { readSubject } from '../../src/audit/subject-reading';
import { CiPlatform } from '../../src/core/ci-platform';
import { normalizeIssuer } from '../../src/core/issuer-name';
import {
  CI_PLATFORMS, issuerFamilyOf, platformFacts, platformName, platformOfIdentityKey, platformOfIssuer, platformOfSubject,
} from '../../src/platforms/registry';

describe('the platform registry', () => {
  test('registers every CiPlatform value exactly once', () => {
    expect(CI_PLATFORMS.map((p) => p.platform).sort()).toEqual(Object.values(CiPlatform).sort());
  });

  test('finds a platform by its enum value', () => {
    expect(platformFacts(CiPlatform.GITHUB_ACTIONS).id).toBe('github');
    expect(platformFacts(CiPlatform.GITLAB_CI).id).toBe('gitlab');
  });

  test('fails if a platform is not registered', () => {
    expect(() => platformFacts('JENKINS' as CiPlatform)).toThrow(
      "Invalid platform 'JENKINS': it is not registered. Allowed form: one of GITHUB_ACTIONS, GITLAB_CI, CIRCLECI, BITBUCKET_PIPELINES, HCP_TERRAFORM, BUILDKITE, GENERIC_OIDC.");
  });

  test('the report ids, names and subject prefixes of the platforms are distinct', () => {
    const ids = CI_PLATFORMS.map((p) => p.id);
    const names = CI_PLATFORMS.map((p) => p.name);
    const prefixes = CI_PLATFORMS.flatMap((p) => p.subjects.forms.map((f) => f.prefix));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  test.each(CI_PLATFORMS.map((p) => [p.id, p] as const))('%s: its facts agree with each other', (_id, p) => {
    // The default issuer is one of its own families, and no other platform's.
    expect(platformOfIssuer(p.defaultIssuer)).toBe(p);
    for (const form of p.subjects.forms) {
      expect(platformOfSubject(`${form.prefix}x`)).toBe(p);
      if (p.subjects.read === undefined) {
        // The shared reading reads the scope after the prefix: the prefix must be an identity key of the platform.
        expect(platformOfIdentityKey(form.prefix.replace(/:$/, ''))).toBe(p);
      }
    }
    // The example subject is of the platform's default format and reads back without a problem; a platform
    // without prefixes (its issuer tells its grammar) reads it itself, without a finding.
    if (p.subjects.forms.length > 0) {
      expect(platformOfSubject(p.subjects.example)).toBe(p);
      const reading = readSubject(p.subjects.example, /[*?]/.test(p.subjects.example));
      expect([reading.scopeProblem, reading.unrecognized]).toEqual([undefined, undefined]);
    } else {
      const reading = p.subjects.read?.(p.subjects.example, false);
      expect(reading).toMatchObject({ risks: [] });
      expect(reading?.unrecognized).toBeUndefined();
      expect(reading?.scopeProblem).toBeUndefined();
    }
    // Single keys are identity keys.
    for (const key of p.subjects.identity.singleKeys) {
      expect(platformOfIdentityKey(key)).toBe(p);
    }
  });

  test('finds the issuer families by issuer, in any spelling IAM accepts', () => {
    expect(issuerFamilyOf('https://token.actions.githubusercontent.com/')?.name).toBe('github.com');
    expect(issuerFamilyOf('token.actions.githubusercontent.com/acme-corp')?.name).toBe('GitHub Enterprise Cloud (unique issuer URL)');
    expect(issuerFamilyOf('token.actions.octocorp.ghe.com')?.name).toBe('GHE.com (data residency)');
    expect(issuerFamilyOf('GitHub.Example.com/_services/token')?.name).toBe('GitHub Enterprise Server');
    expect(issuerFamilyOf('https://GITLAB.com')?.name).toBe('gitlab.com');
    expect(issuerFamilyOf('gitlab.example.com')).toBeUndefined();
  });

  test('tells shared issuers (tenancy in sub) from per-tenant ones', () => {
    expect(issuerFamilyOf('token.actions.githubusercontent.com')?.tenancy).toBe('shared');
    expect(issuerFamilyOf('gitlab.com')?.tenancy).toBe('shared');
    expect(issuerFamilyOf('token.actions.githubusercontent.com/acme-corp')?.tenancy).toBe('perTenant');
    expect(issuerFamilyOf('github.example.com/_services/token')?.tenancy).toBe('perTenant');
  });

  test('knows a self-managed issuer only from its option, and passes no further claims for it', () => {
    const family = issuerFamilyOf('https://gitlab.example.com/', { gitLabIssuers: ['gitlab.example.com'] });
    expect(family).toMatchObject({ name: 'self-managed GitLab', conditionClaims: [], tenancy: 'perTenant' });
    expect(family?.platform.platform).toBe(CiPlatform.GITLAB_CI);
    // Exact: another host under the same name is not the configured one.
    expect(issuerFamilyOf('gitlab.example.com.evil.io', { gitLabIssuers: ['gitlab.example.com'] })).toBeUndefined();
    expect(normalizeIssuer('https://GitLab.Example.com/Sub/Path/')).toBe('gitlab.example.com/Sub/Path');
  });

  test('finds the platform of a sub value by its prefix, and of a claim key that names a holder', () => {
    expect(platformOfSubject('repo:acme/api:ref:refs/heads/main')?.id).toBe('github');
    expect(platformOfSubject('project_id:42:ref_type:branch:ref:main')?.id).toBe('gitlab');
    expect(platformOfSubject('repository_owner:acme:environment:prod')).toBeUndefined();
    expect(platformOfIdentityKey('repository_owner_id')?.id).toBe('github');
    expect(platformOfIdentityKey('namespace_path')?.id).toBe('gitlab');
    expect(platformOfIdentityKey('environment')).toBeUndefined();
  });

  test('names a platform in findings, and an unknown one as CI', () => {
    expect(platformName(platformFacts(CiPlatform.GITHUB_ACTIONS))).toBe('GitHub Actions');
    expect(platformName(platformFacts(CiPlatform.GITLAB_CI))).toBe('GitLab CI/CD');
    expect(platformName(undefined)).toBe('CI');
  });
});
