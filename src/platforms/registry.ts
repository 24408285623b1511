/*
 * The CI platforms the library knows, in one list, and the lookups the audit, the guard, the
 * report, the role and the organization code make: by enum value, by issuer, by `sub` value, by
 * identity claim key. A new platform is its facts file and one line here. No aws-cdk-lib.
 */
import { CiPlatform } from '../core/ci-platform';
import { CiIssuerFamily, CiPlatformFacts, IssuerOptions } from '../core/ci-platform-facts';
import { normalizeIssuer } from '../core/issuer-name';
import { invalid } from '../core/runtime-checks';
import { BITBUCKET_PLATFORM } from './bitbucket/facts/bitbucket-platform';
import { BUILDKITE_PLATFORM } from './buildkite/facts/buildkite-platform';
import { CIRCLECI_PLATFORM } from './circleci/facts/circleci-platform';
import { GENERIC_PLATFORM } from './generic/facts/generic-platform';
import { GITHUB_PLATFORM } from './github/facts/github-platform';
import { GITLAB_PLATFORM } from './gitlab/facts/gitlab-platform';
import { HCP_TERRAFORM_PLATFORM } from './hcp-terraform/facts/hcp-terraform-platform';

/** Every platform, in the order the audit tries them and messages list them. */
export const CI_PLATFORMS: readonly CiPlatformFacts[] = [
  GITHUB_PLATFORM, GITLAB_PLATFORM, CIRCLECI_PLATFORM, BITBUCKET_PLATFORM, HCP_TERRAFORM_PLATFORM, BUILDKITE_PLATFORM, GENERIC_PLATFORM,
];

/** The platforms whose `sub` values have a default format the audit reads (generic issuers have none). */
export const FORMATTED_PLATFORMS: readonly CiPlatformFacts[] = CI_PLATFORMS.filter((platform) => platform.subjects.forms.length > 0);

/** The facts of a platform, by its enum value. */
export function platformFacts(platform: CiPlatform): CiPlatformFacts {
  const facts = CI_PLATFORMS.find((p) => p.platform === platform);
  if (facts === undefined) {
    throw invalid('platform', platform, 'it is not registered', `one of ${CI_PLATFORMS.map((p) => p.platform).join(', ')}`);
  }
  return facts;
}

/** The issuer families known by name, with their platform. */
const KNOWN_FAMILIES: readonly CiIssuerFamily[] = CI_PLATFORMS.flatMap(
  (platform) => platform.issuerFamilies.map((family) => ({ ...family, platform })),
);

/** The family of an issuer: a known one, a configured self-managed instance (see `IssuerOptions`), or undefined. */
export function issuerFamilyOf(issuer: string, options: IssuerOptions = {}): CiIssuerFamily | undefined {
  const value = normalizeIssuer(issuer);
  const known = KNOWN_FAMILIES.find((family) => family.issuer.test(value));
  if (known !== undefined) {
    return known;
  }
  for (const platform of CI_PLATFORMS) {
    const selfHosted = platform.selfHosted;
    if (selfHosted !== undefined && (options[selfHosted.option] ?? []).some((other) => normalizeIssuer(other) === value)) {
      const exact = new RegExp(`^${value.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')}$`);
      return { platform, name: selfHosted.familyName, issuer: exact, conditionClaims: [], tenancy: 'perTenant' };
    }
  }
  return undefined;
}

/** The platform of an issuer known by name or configured. */
export function platformOfIssuer(issuer: string, options: IssuerOptions = {}): CiPlatformFacts | undefined {
  return issuerFamilyOf(issuer, options)?.platform;
}

/** The platform whose default subject format a `sub` value has (`repo:`, `project_path:`, `project_id:` ...). */
export function platformOfSubject(value: string): CiPlatformFacts | undefined {
  return CI_PLATFORMS.find((platform) => platform.subjects.forms.some((form) => value.startsWith(form.prefix)));
}

/** The platform whose claim key names a repository, project, owner or group, if any. */
export function platformOfIdentityKey(key: string): CiPlatformFacts | undefined {
  return CI_PLATFORMS.find((platform) => Object.prototype.hasOwnProperty.call(platform.subjects.identity.keys, key));
}

/** The platform's name in findings; `CI` when it is not known. */
export function platformName(platform: CiPlatformFacts | undefined): string {
  return platform?.displayName ?? 'CI';
}
