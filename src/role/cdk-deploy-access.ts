import { aws_iam as iam, BOOTSTRAP_QUALIFIER_CONTEXT, DefaultStackSynthesizer, Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { IConstruct } from 'constructs';
import { CdkBootstrapRole, CdkDeployAccessOptions } from './cdk-deploy-access-options';
import { ACCOUNT_ID, REGION_NAME } from '../core/aws-names';
import { checkOptionalList, checkOptionalOneOf, checkOptions } from '../core/runtime-checks';
import { invalid } from '../subjects/literal-part';

/** The bootstrap template's `AllowedPattern` for the qualifier (role names stay within 64 characters). */
const QUALIFIER = /^[A-Za-z0-9_-]{1,10}$/;
/** Organization, root, then organizational units, as IAM writes `aws:ResourceOrgPaths`. */
const ORG_PATH = /^o-[a-z0-9]{10,32}\/r-[a-z0-9]{4,32}(\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})*\/?$/;
/** IAM's limit for all inline policies of a role together, in characters without white space. */
const ROLE_INLINE_POLICY_LIMIT = 10240;
const ALL_ROLES = [CdkBootstrapRole.DEPLOY, CdkBootstrapRole.FILE_PUBLISHING, CdkBootstrapRole.IMAGE_PUBLISHING, CdkBootstrapRole.LOOKUP];
/** Longest value a token may stand for, to estimate the policy size. */
const TOKEN_LENGTH = { partition: 'aws-us-gov'.length, account: 12, region: 'ap-southeast-5'.length };

/** The statements that let a role assume the CDK bootstrap roles. */
export interface CdkDeployAccessStatements {
  /** Allows `sts:AssumeRole` on the bootstrap roles. */
  readonly allow: iam.PolicyStatement;
  /**
   * Where a role name has a wildcard (no regions given, or organization paths), denies roles
   * under a path that holds `cdk-<qualifier>-`, which a `?` standing for `/` could otherwise
   * reach (`role/cdk-<qualifier>-deploy-role-<account>-/x-east-1`): bootstrap roles have no path.
   */
  readonly deny?: iam.PolicyStatement;
}

/** Twelve `?`: exactly one account id's length, where the account is unknown (organization paths). */
const ANY_ACCOUNT_IN_NAME = '?'.repeat(12);

/**
 * The statements that let `role` assume the CDK bootstrap roles chosen by `options`.
 * Every value is validated before anything is built: bad input never widens the statement.
 */
export function cdkDeployAccessStatement(scope: IConstruct, options: CdkDeployAccessOptions): CdkDeployAccessStatements {
  checkArguments(options);
  const stack = Stack.of(scope);
  const qualifier = options.qualifier ?? scope.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  checkQualifier(qualifier);
  const roles = unique(checkList('roles', options.roles) ?? ALL_ROLES);
  const givenRegions = checkList('regions', options.regions);
  givenRegions?.forEach(checkRegion);
  checkPartitions(stack, givenRegions ?? []);
  const regions = unique(givenRegions ?? regionPatterns(stack));
  const paths = checkList('organizationPaths', options.organizationPaths);
  if (paths !== undefined && options.accounts !== undefined) {
    throw invalid('CdkDeployAccessOptions.organizationPaths', paths.join(', '),
      `it is given with accounts (${options.accounts.join(', ')}), and one statement would require both at once`,
      '{ accounts: [...] } or { organizationPaths: [...] }; call allowCdkDeploy() twice for both');
  }
  const orgPaths = paths?.map(normalizeOrgPath);
  const givenAccounts = checkList('accounts', options.accounts);
  givenAccounts?.forEach(checkAccount);
  const accounts = orgPaths ? ['*'] : unique(givenAccounts ?? [stack.account]);

  const resources: string[] = [];
  let size = 0;
  for (const account of accounts) {
    for (const role of roles) {
      for (const region of regions) {
        // With organization paths the account is unknown: '*' in the ARN, bounded by the condition, and
        // twelve '?' in the name, which the deny statement keeps from spanning a path.
        const name = `cdk-${qualifier}-${role}-role-${orgPaths ? ANY_ACCOUNT_IN_NAME : account}-${region}`;
        resources.push(stack.formatArn({ service: 'iam', region: '', account, resource: 'role', resourceName: name }));
        size += estimatedLength(stack, account, region, name);
      }
    }
  }
  if (size > ROLE_INLINE_POLICY_LIMIT) {
    throw invalid('CdkDeployAccessOptions', `${accounts.length} accounts x ${roles.length} roles x ${regions.length} regions`,
      `its ${resources.length} bootstrap role ARNs take about ${size} characters, over the ${ROLE_INLINE_POLICY_LIMIT} that IAM allows for a role's inline policies`,
      'only the regions you deploy to (regions: [...]), organizationPaths, or the accounts split across roles');
  }
  const actions = options.allowSessionTags ? ['sts:AssumeRole', 'sts:TagSession'] : ['sts:AssumeRole'];
  const allow = new iam.PolicyStatement({
    actions,
    resources,
    conditions: orgPaths ? { 'ForAnyValue:StringLike': { 'aws:ResourceOrgPaths': orgPaths.map((path) => `${path}*`) } } : undefined,
  });
  const deny = orgPaths || givenRegions === undefined ? new iam.PolicyStatement({
    effect: iam.Effect.DENY,
    actions,
    resources: [stack.formatArn({ service: 'iam', region: '', account: '*', resource: 'role', resourceName: `*cdk-${qualifier}-*/*` })],
  }) : undefined;
  return { allow, deny };
}

/**
 * The region part of the role names when no regions are given: one pattern per direction of
 * the regions of the stack's partition (the commercial one, in an environment-agnostic stack)
 * that aws-cdk-lib knows, with `?` for the two-letter area and the number: `??-east-?`,
 * `??-southeast-?` ... Every `?` stands for exactly one character, so a name matches only with
 * a region's shape; the one `?` that could stand for `/` (a role path) is covered by the deny
 * statement. A `*` would match `cdk-...-<account>-anything`, and roles under any path that
 * begins with a bootstrap role's name.
 */
function regionPatterns(stack: Stack): string[] {
  const partition = Token.isUnresolved(stack.partition) ? 'aws' : stack.partition;
  return unique(RegionInfo.regions
    .filter((region) => region.partition === partition)
    .map((region) => /^[a-z]{2}-(.+)-\d$/.exec(region.name)?.[1])
    .filter((direction): direction is string => direction !== undefined)
    .map((direction) => `??-${direction}-?`)).sort();
}

/** The argument types, for callers that TypeScript does not check. */
function checkArguments(options: CdkDeployAccessOptions): void {
  checkOptions('CdkDeployAccessOptions', options, { qualifier: 'string', allowSessionTags: 'boolean' });
  for (const list of ['accounts', 'regions', 'organizationPaths'] as const) {
    checkOptionalList(`CdkDeployAccessOptions.${list}`, options[list], 'string', 'a list of strings');
  }
  checkOptionalList('CdkDeployAccessOptions.roles', options.roles, 'string', 'a list of CdkBootstrapRole values');
  (options.roles ?? []).forEach((role, i) => checkOptionalOneOf(`CdkDeployAccessOptions.roles[${i}]`, role, Object.values(CdkBootstrapRole),
    'CdkBootstrapRole.DEPLOY, FILE_PUBLISHING, IMAGE_PUBLISHING or LOOKUP'));
}

function checkQualifier(qualifier: string): void {
  if (Token.isUnresolved(qualifier) || !QUALIFIER.test(qualifier)) {
    throw invalid('CdkDeployAccessOptions.qualifier', qualifier,
      Token.isUnresolved(qualifier) ? 'it is a token; the role names need the literal qualifier' : 'it is not what `cdk bootstrap --qualifier` accepts',
      "1 to 10 of A-Z a-z 0-9 _ -, e.g. 'hnb659fds'");
  }
}

function checkAccount(account: string): void {
  if (!Token.isUnresolved(account) && !ACCOUNT_ID.test(account)) {
    throw invalid('CdkDeployAccessOptions.accounts', account, 'it is not an account id', "12 digits, e.g. '123456789012'");
  }
}

function checkRegion(region: string): void {
  if (!Token.isUnresolved(region) && !REGION_NAME.test(region)) {
    throw invalid('CdkDeployAccessOptions.regions', region, 'it is not a region name', "a region such as 'eu-west-1' (leave regions out for every region)");
  }
}

/** STS cannot assume a role in another partition: refuse regions the role could never reach. */
function checkPartitions(stack: Stack, regions: string[]): void {
  const known = [stack.region, ...regions]
    .filter((region) => region !== '*' && !Token.isUnresolved(region))
    .map((region) => ({ region, partition: RegionInfo.get(region).partition }))
    .filter((entry) => entry.partition !== undefined);
  const other = known.find((entry) => entry.partition !== known[0].partition);
  if (other) {
    throw invalid('CdkDeployAccessOptions.regions', regions.join(', '),
      `${known[0].region} is in partition ${known[0].partition} and ${other.region} in ${other.partition}, and a role cannot assume roles across partitions`,
      'regions of the partition of the role\'s stack');
  }
}

function normalizeOrgPath(path: string): string {
  if (Token.isUnresolved(path) || !ORG_PATH.test(path)) {
    throw invalid('CdkDeployAccessOptions.organizationPaths', path,
      Token.isUnresolved(path) ? 'it is a token' : 'it is not an AWS Organizations path (no wildcards: every account below the path is included)',
      "'o-<org id>/r-<root id>/' or 'o-<org id>/r-<root id>/ou-<ou id>/...', e.g. 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'");
  }
  // Ending in '/' before the wildcard keeps 'ou-ab12-11111111' from matching a sibling 'ou-ab12-111111112'.
  return path.endsWith('/') ? path : `${path}/`;
}

function checkList<T>(property: string, values: T[] | undefined): T[] | undefined {
  if (values !== undefined && values.length === 0) {
    throw invalid(`CdkDeployAccessOptions.${property}`, '[]', 'it is empty', `at least one value, or leave ${property} out for the default`);
  }
  return values;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The ARN's length in the policy (quoted, with a comma), tokens counted at their longest value. */
function estimatedLength(stack: Stack, account: string, region: string, name: string): number {
  const partition = Token.isUnresolved(stack.partition) ? 'x'.repeat(TOKEN_LENGTH.partition) : stack.partition;
  const literalAccount = Token.isUnresolved(account) ? 'x'.repeat(TOKEN_LENGTH.account) : account;
  const literalRegion = Token.isUnresolved(region) ? 'x'.repeat(TOKEN_LENGTH.region) : region;
  const literalName = name.split(account).join(literalAccount).split(region).join(literalRegion);
  return `"arn:${partition}:iam::${literalAccount}:role/${literalName}",`.length;
}
