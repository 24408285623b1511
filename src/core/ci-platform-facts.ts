/*
 * What the library knows of one CI platform, in one place: how to recognize its issuers and its
 * `sub` values, how to read a subject back into structure, and the words of its findings. Each
 * platform describes itself in src/platforms/<platform>/facts/<platform>-platform.ts; the audit,
 * the guard, the report, the role and the organization code look platforms up through
 * src/platforms/registry.ts and never name one. Plain data and small functions, no aws-cdk-lib.
 */
import { CiPlatform } from './ci-platform';
import { ShapePart } from './claim-shapes';
import { SubjectReading, SubjectRiskReading } from './subject-reading';

/**
 * Issuers known only from the configuration (self-managed instances), by the option that lists
 * them (`CiSelfHostedIssuers.option`, e.g. `gitLabIssuers`): host and path, without `https://`.
 */
export interface IssuerOptions {
  readonly [option: string]: readonly string[] | undefined;
}

/** A family of issuers of one platform, and the claims AWS STS passes to IAM for its tokens. */
export interface CiIssuerFamilyFacts {
  /** In plain words, e.g. `github.com`. */
  readonly name: string;
  /** Matches the family's issuers, normalized (`normalizeIssuer`). */
  readonly issuer: RegExp;
  /**
   * The claims, besides `aud` and `sub`, that STS turns into `<issuer>:<claim>` condition keys
   * for these issuers; a condition on any other claim meets a missing key.
   */
  readonly conditionClaims: readonly string[];
  /**
   * `shared`: one issuer for every tenant, so the tenancy lives in the token's claims (`sub`) and a
   * trust policy must name it; `perTenant`: the issuer itself is the tenant's (an enterprise, an instance).
   */
  readonly tenancy: 'shared' | 'perTenant';
}

/** A family of issuers, with the platform it belongs to: what the registry's lookups return. */
export interface CiIssuerFamily extends CiIssuerFamilyFacts {
  readonly platform: CiPlatformFacts;
}

/** Issuers of self-managed instances, which only the configuration names (the guard's and the CLI's options). */
export interface CiSelfHostedIssuers {
  /** The option of `IssuerOptions` (and `CiTrustGuardProps`) that lists them, e.g. `gitLabIssuers`. */
  readonly option: string;
  /** The command-line flag of `cdk-ci-oidc report` and `explain` that adds one, e.g. `--gitlab-issuer`. */
  readonly cliFlag: string;
  /** The family's name in findings, e.g. `self-managed GitLab`. */
  readonly familyName: string;
  /** An example issuer for usage texts, e.g. `gitlab.example.com`. */
  readonly example: string;
}

/** How a claim value names who a token belongs to: a repository, an owner, a project path, a group path or a numeric id. */
export type IdentityValue = 'repository' | 'owner' | 'path' | 'namespace' | 'id';

/** The claims of one platform that name who a token belongs to, and the rule for wildcards in them. */
export interface CiIdentityFacts {
  /** The claim keys that name the repository or project, or its owner or group, and what their values are. */
  readonly keys: Readonly<Record<string, IdentityValue>>;
  /** The keys whose value names one repository or project (rather than an owner or group). */
  readonly singleKeys: readonly string[];
  /**
   * Keys of the platform's subject templates whose values are free text that may hold `:`: before
   * the key that names the repository, such a value could spell another repository's subject.
   */
  readonly freeTextKeys: readonly string[];
  /** What a wildcard after the owner's or group's `/` stands for: `owner` (every repository) or `group` (every project). */
  readonly wholeKind: 'owner' | 'group';
  /** The holder's noun in findings: `repository`, `project`. */
  readonly noun: string;
  /** The ids' holders in words, for a wildcard in an id: `repositories' or owners'`. */
  readonly idHolders: string;
  /** The owner's or group's name in a whole-owner value (`acme@123` → `acme`). */
  readonly wholeName: (owner: string) => string;
  /** What the characters after the owner's `/` may be, in a whole-owner value (e.g. no `/` for a repository name). */
  readonly wholeRest: ShapePart;
  /** The fix for a wildcard in an identity position. */
  readonly wildcardFix: string;
  /** A complete first claim, for the fix of a value that starts with a wildcard: `repo:acme/api:<context>`. */
  readonly scopeExample: string;
}

/** One prefix of the platform's default `sub` format, e.g. `repo:` + `<owner>/<repository>` + `:<context>`. */
export interface CiSubjectForm {
  readonly prefix: string;
  /** The scope (between the prefix and the next `:`) in plain words, or undefined when it is not of the form. */
  readonly label: (scope: string) => string | undefined;
  /** Why a value of this prefix that is not of the form matches no token, e.g. `is not of the form '...'`. */
  readonly malformed: string;
}

/** Claim shapes of each kind of job, after the scope; the first of a kind is the default format, others other component lists. */
export interface CiContextShapes {
  readonly branch: ShapePart[][];
  readonly tag: ShapePart[][];
  readonly environment: ShapePart[][];
  readonly pullRequest: ShapePart[][];
}

/** A context of the platform's default `sub` format, e.g. `ref:refs/heads/` + a branch, for the words. */
export interface CiContextWord {
  readonly prefix: string;
  readonly word: string;
  /** The name as the job writes it, e.g. `%3A` → `:`. */
  readonly decode?: (name: string) => string;
}

/** How the platform's subjects are written and read back. */
export interface CiSubjectFacts {
  /** The prefixes of the default `sub` format: how to tell the platform's `sub` values. */
  readonly forms: readonly CiSubjectForm[];
  readonly identity: CiIdentityFacts;
  readonly contexts: CiContextShapes;
  readonly contextWords: readonly CiContextWord[];
  /** The exact context without a name that pull request jobs present, e.g. `pull_request`. */
  readonly pullRequestContext?: string;
  /** A subject of the default format, for fix texts: `repo:acme/api:environment:production`. */
  readonly example: string;
  /**
   * Reads a value of the platform's own prefixes itself, for a grammar that the shared reading
   * (`:`-separated claim keys, identity keys first, then a branch, tag, environment or pull request
   * context) does not fit, e.g. `org/<id>/project/<id>/...`. Called before the shared identity rule,
   * so it must refuse (`scopeProblemReading`) every wildcard in an identity position itself.
   * Undefined (or a result of undefined) leaves the value to the shared reading.
   *
   * The audit also calls it for every `sub` value of a statement that trusts one of the platform's
   * issuers, whatever its prefix: HCP Terraform and Buildkite subjects both start with
   * `organization:`, so their platforms have no `forms`, and their issuer says which grammar applies.
   */
  readonly read?: (value: string, pattern: boolean) => SubjectReading | undefined;
  /**
   * Why no token of `issuer` carries a `sub` value, for a platform whose `sub` repeats the tenant of a
   * per-tenant issuer (CircleCI's `org/<id>/...`); undefined when it may. Roles refuse such a subject at
   * synthesis rather than trust nothing.
   */
  readonly issuerMismatch?: (value: string, issuer: string) => string | undefined;
  /**
   * Reads an exact subject of a customized subject template; undefined when it is none. Tried for
   * values without a prefix of any platform, and for values of this platform's prefixes that the
   * default format does not explain.
   */
  readonly readTemplate?: (value: string) => SubjectReading | undefined;
}

/** The words of the platform's findings and their fixes. */
export interface CiFindingTexts {
  /** The risk of a default-format subject of every repository or project of `name`. */
  readonly wholeRisk: (name: string) => SubjectRiskReading;
  /** The risk of a customized template's pattern that names an owner or group only. */
  readonly templateWholeRisk: (name: string) => SubjectRiskReading;
  /** The fix for a subject that admits any branch or tag. */
  readonly anyRefFix: string;
  /** The fix for a subject that admits every branch (or every tag). */
  readonly everyRefFix: (kind: 'branch' | 'tag') => string;
  /** The fix for a subject that admits tags as well as branches. */
  readonly refTypeFix: string;
  /** The fix for a subject that admits environments by a pattern, for platforms with environments. */
  readonly environmentPatternFix?: string;
  /** Who can assume an administrator role trusted by a branch: `whoever can push <this>`. */
  readonly adminPusher: string;
  /** The fix for an administrator role trusted by a branch, tag or pull request. */
  readonly adminFix: string;
  /**
   * A claim that, pinned to `true` with StringEquals, admits only protected branches and tags
   * (GitLab's `ref_protected`): such branch and tag subjects are not loose for an administrator role.
   */
  readonly protectedRefClaim?: string;
}

/** One CI platform, described once. */
export interface CiPlatformFacts {
  readonly platform: CiPlatform;
  /** The platform's id in the report's JSON (`"platform": "<id>"`); never changes once released. */
  readonly id: string;
  /** The platform's name in findings: `GitHub Actions`. */
  readonly displayName: string;
  /** The short name in construct ids and messages: `GitHub` (`GitHubProvider`). */
  readonly name: string;
  /** The issuer of the platform's provider when none is given, host and path: `token.actions.githubusercontent.com`. */
  readonly defaultIssuer: string;
  /**
   * The audience the platform's jobs request by default (e.g. HCP Terraform's `aws.workload.identity`),
   * for the providers' default and the audit's fixes; undefined for `sts.amazonaws.com`, what GitHub's
   * `configure-aws-credentials` requests and GitLab jobs are told to request.
   */
  readonly defaultAudience?: string;
  /**
   * Where the platform's job takes the role's ARN, for the ARN output's description: `role-to-assume (GitHub Actions)`;
   * undefined for platforms that are not named there (the released description stays as it is).
   */
  readonly roleArnInput?: string;
  /** The issuers known by name. */
  readonly issuerFamilies: readonly CiIssuerFamilyFacts[];
  /** Issuers of self-managed instances, known only from the configuration. */
  readonly selfHosted?: CiSelfHostedIssuers;
  readonly subjects: CiSubjectFacts;
  readonly findings: CiFindingTexts;
}

