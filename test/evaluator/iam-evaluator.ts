/**
 * Decides `sts:AssumeRoleWithWebIdentity` for an OIDC token against a role trust policy,
 * with the core engine of `@cloud-copilot/iam-simulate` (an independent IAM evaluator;
 * AGPL, a dev dependency of the tests only, pinned because its internals are used).
 *
 * Its public `runSimulation()` drops the `<issuer>:aud` / `<issuer>:sub` context keys, so
 * the request goes straight to `authorize()`. What this file adds is what AWS STS does
 * before IAM evaluates the policy: it picks the provider from the token's `iss`, and turns
 * the claims that it passes for that issuer into `<issuer host and path>:<claim>` keys.
 */
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** The account of every simulated role and provider: web identity never crosses accounts. */
export const ACCOUNT = '123456789012';

/** A JWT payload: claim name to value, as the platform mints it. */
export type TokenPayload = Record<string, unknown>;

/** What the engine returns. */
export type EngineResult = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

/** The decision for a token. */
export type Decision = 'ALLOWED' | 'DENIED';

/** A trust policy whose `Federated` principals are literal ARNs. */
export interface TrustPolicy {
  readonly Version?: string;
  readonly Statement: Array<Record<string, unknown>>;
}

// --- the engine, reached through its package main because "exports" blocks deep imports ---

type RequestConstructor = new (
  principal: string, resource: { resource: string; accountId: string }, action: string, context: unknown, wildcardOnly: boolean,
) => unknown;

/** The engine's modules, for the other evaluators of the tests (test/fixtures/assume-role-decision.ts). */
export interface EngineModules {
  AwsRequestImpl: RequestConstructor;
  RequestContextImpl: new (values: Record<string, string | string[]>) => unknown;
  DiscoveryContextKeyConstraints: new (constraints: unknown[]) => unknown;
  authorize(request: unknown): { result: EngineResult };
  loadPolicy(policy: unknown, metadata: { name: string }): unknown;
}

/** The string comparisons of iam-policy that the engine calls through the module's exports. */
export interface CaseInsensitiveComparisons {
  caseInsensitiveEquals(first: string, second: string): boolean;
  caseInsensitiveEndsWith(value: string, suffix: string): boolean;
}

/**
 * iam-policy compares names (operators, `IfExists`, set operators) without case by
 * `first.localeCompare(second, undefined, { sensitivity: 'accent' })`, which builds an ICU
 * collator at every call: measured, a tenth of the property tests' time. ECMA-402 defines that
 * call as comparing with `new Intl.Collator(undefined, { sensitivity: 'accent' })`, so one such
 * collator, made once, answers the same, faster. The originals are returned for
 * harness-sanity.test.ts, which checks that both answer the same.
 */
function compareWithOneCollator(utils: CaseInsensitiveComparisons): CaseInsensitiveComparisons {
  const originals = { caseInsensitiveEquals: utils.caseInsensitiveEquals, caseInsensitiveEndsWith: utils.caseInsensitiveEndsWith };
  const collator = new Intl.Collator(undefined, { sensitivity: 'accent' });
  const equals = (first: string, second: string): boolean => collator.compare(first, second) === 0;
  utils.caseInsensitiveEquals = equals;
  utils.caseInsensitiveEndsWith = (value, suffix) => equals(value.slice(suffix.length * -1), suffix);
  return originals;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const SIM_DIR = path.dirname(require.resolve('@cloud-copilot/iam-simulate'));
/** The copy of iam-policy that iam-simulate itself uses. */
const POLICY_MAIN = require.resolve('@cloud-copilot/iam-policy', { paths: [SIM_DIR] });

/** The comparisons the engine calls: iam-policy's module, with the collator made once. */
export const engineComparisons: CaseInsensitiveComparisons = require(path.join(path.dirname(POLICY_MAIN), 'utils.js'));
/** iam-policy's own comparisons, as it ships them. */
export const originalComparisons = compareWithOneCollator(engineComparisons);

export const engine: EngineModules = {
  authorize: require(path.join(SIM_DIR, 'core_engine/CoreSimulatorEngine.js')).authorize,
  AwsRequestImpl: require(path.join(SIM_DIR, 'request/request.js')).AwsRequestImpl,
  RequestContextImpl: require(path.join(SIM_DIR, 'requestContext.js')).RequestContextImpl,
  DiscoveryContextKeyConstraints: require(path.join(SIM_DIR, 'context_keys/discoveryContextKeyConstraints.js')).DiscoveryContextKeyConstraints,
  loadPolicy: require(POLICY_MAIN).loadPolicy,
};
/* eslint-enable @typescript-eslint/no-require-imports */

// --- what STS passes to IAM, per issuer (written from the AWS STS service authorization reference, as DESIGN.md rule 8 records it) ---

/** Claims besides `aud` and `sub` that STS turns into condition keys for github.com and its enterprise-slug issuers. */
export const GITHUB_DOT_COM_KEYS = [
  'repository', 'repository_id', 'repository_owner_id', 'job_workflow_ref', 'ref', 'environment', 'workflow', 'actor', 'actor_id', 'enterprise_id',
];

/** Claims besides `aud` and `sub` that STS turns into condition keys for gitlab.com. */
export const GITLAB_DOT_COM_KEYS = [
  'project_id', 'namespace_id', 'ref_protected', 'pipeline_source', 'runner_environment', 'user_id', 'user_login', 'user_email', 'user_access_level',
];

/** Claims besides `aud` and `sub` that STS turns into condition keys for CircleCI's per-organization issuers. */
export const CIRCLECI_KEYS = ['oidc.circleci.com/project-id'];
/** Claims besides `aud` and `sub` that STS turns into condition keys for agent.buildkite.com (PLATFORMS.md, AWS keys). */
export const BUILDKITE_KEYS = ['build_branch', 'cluster_id', 'cluster_name', 'organization_id', 'organization_slug', 'pipeline_id', 'pipeline_slug'];

/** The issuer of a token as IAM names it: `iss` without `https://`. */
export function issuerOf(token: TokenPayload): string {
  const iss = token.iss;
  if (typeof iss !== 'string' || !iss.startsWith('https://')) {
    throw new Error(`token has no https issuer: ${JSON.stringify(iss)}`);
  }
  return iss.slice('https://'.length);
}

/** The claims, besides `aud` and `sub`, that STS passes to IAM for tokens of an issuer. */
export function passedClaims(issuer: string): string[] {
  if (issuer === 'token.actions.githubusercontent.com' || /^token\.actions\.githubusercontent\.com\/[^/]+$/.test(issuer)) {
    return GITHUB_DOT_COM_KEYS;
  }
  if (issuer === 'gitlab.com') {
    return GITLAB_DOT_COM_KEYS;
  }
  if (/^oidc\.circleci\.com\/org\/[0-9a-f-]{36}$/.test(issuer)) {
    // `oidc.circleci.com/org/${OrgId}:oidc.circleci.com/project-id` in the service authorization reference.
    return CIRCLECI_KEYS;
  }
  if (issuer === 'agent.buildkite.com') {
    return BUILDKITE_KEYS;
  }
  // GitHub Enterprise Server, GHE.com, self-managed GitLab, HCP Terraform and Bitbucket: aud and sub only.
  return [];
}

/** The request context STS builds from a token: `<issuer>:<claim>` for each claim it passes that the token has. */
export function requestContext(token: TokenPayload): Record<string, string> {
  const issuer = issuerOf(token);
  const context: Record<string, string> = {};
  for (const claim of ['aud', 'sub', ...passedClaims(issuer)]) {
    const value = token[claim];
    if (value === undefined || value === null) {
      continue;
    }
    if (typeof value === 'object') {
      throw new Error(`claim ${claim} is not a single value: ${JSON.stringify(value)}`);
    }
    context[`${issuer}:${claim}`] = String(value);
  }
  return context;
}

/** The ARN of the IAM OIDC provider for an issuer in the simulated account. */
export function providerArn(issuer: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${ACCOUNT}:oidc-provider/${issuer}`;
}

/** An organization level's resource control policies (documents), as the engine takes them. */
export interface ResourceControlLevel {
  readonly orgIdentifier: string;
  readonly policies: { readonly name: string; readonly document: unknown }[];
}

/**
 * Runs the engine: the token's provider asks to assume a role with the given trust policy,
 * under the given organization levels' resource control policies (none by default).
 */
export function evaluate(trustPolicy: TrustPolicy, token: TokenPayload, resourceControlLevels: ResourceControlLevel[] = []): EngineResult {
  const request = new engine.AwsRequestImpl(
    providerArn(issuerOf(token)),
    { resource: `arn:aws:iam::${ACCOUNT}:role/CiRole`, accountId: ACCOUNT },
    'sts:AssumeRoleWithWebIdentity',
    new engine.RequestContextImpl(requestContext(token)),
    false,
  );
  return engine.authorize({
    request,
    sessionPolicy: undefined,
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: resourceControlLevels.map((level) => ({
      orgIdentifier: level.orgIdentifier,
      policies: level.policies.map((policy) => engine.loadPolicy(policy.document, { name: policy.name })),
    })),
    resourcePolicy: engine.loadPolicy(trustPolicy, { name: 'TrustPolicy' }),
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new engine.DiscoveryContextKeyConstraints([]) },
  }).result;
}

/** ALLOWED or DENIED for a token. */
export function decide(trustPolicy: TrustPolicy, token: TokenPayload): Decision {
  return evaluate(trustPolicy, token) === 'Allowed' ? 'ALLOWED' : 'DENIED';
}

// --- trust policies from synthesized templates ---

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/**
 * The trust policy of every role of a stack, by logical id, read from the synthesized
 * template, with CloudFormation expressions resolved as they would be in the simulated
 * account: pseudo parameters, `Fn::Join`, and a provider created in the template (its ARN
 * derived from its `Url`, so a role that references the wrong provider is caught).
 */
export function trustPoliciesOf(stack: Stack): Record<string, TrustPolicy> {
  return trustPoliciesOfTemplate(Template.fromStack(stack).toJSON() as { Resources: Resources });
}

/** The same, for a template already synthesized. */
export function trustPoliciesOfTemplate(template: { Resources: Resources }): Record<string, TrustPolicy> {
  const resources = template.Resources;
  const policies: Record<string, TrustPolicy> = {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::IAM::Role') {
      policies[logicalId] = resolveExpressions(resource.Properties?.AssumeRolePolicyDocument, resources) as TrustPolicy;
    }
  }
  return policies;
}

/** The trust policy of the only role of a stack. */
export function trustPolicyOf(stack: Stack): TrustPolicy {
  const policies = Object.values(trustPoliciesOf(stack));
  if (policies.length !== 1) {
    throw new Error(`expected one role in ${stack.stackName}, found ${policies.length}`);
  }
  return policies[0];
}

/** A fresh app and environment-agnostic stack for one role. */
export function newStack(id = 'Stack'): Stack {
  return new Stack(new App(), id);
}

function resolveExpressions(value: unknown, resources: Resources): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolveExpressions(item, resources));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  if (keys.length === 1 && keys[0] === 'Ref') {
    return resolveRef(object.Ref as string, resources);
  }
  if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
    const [logicalId, attribute] = object['Fn::GetAtt'] as [string, string];
    if (attribute !== 'Arn') {
      throw new Error(`cannot resolve Fn::GetAtt ${logicalId}.${attribute}`);
    }
    return resolveRef(logicalId, resources);
  }
  if (keys.length === 1 && keys[0] === 'Fn::Join') {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => resolveExpressions(part, resources)).join(separator);
  }
  if (keys.some((key) => key.startsWith('Fn::'))) {
    throw new Error(`cannot resolve ${JSON.stringify(object)}`);
  }
  return Object.fromEntries(keys.map((key) => [key, resolveExpressions(object[key], resources)]));
}

function resolveRef(name: string, resources: Resources): string {
  switch (name) {
    case 'AWS::Partition': return 'aws';
    case 'AWS::AccountId': return ACCOUNT;
    case 'AWS::URLSuffix': return 'amazonaws.com';
    default: {
      const resource = resources[name];
      if (resource?.Type !== 'AWS::IAM::OIDCProvider') {
        throw new Error(`cannot resolve Ref ${name}`);
      }
      const url = resource.Properties?.Url as string;
      return providerArn(url.replace(/^https:\/\//, ''));
    }
  }
}
