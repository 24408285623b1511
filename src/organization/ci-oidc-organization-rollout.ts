import { Annotations, ArnFormat, aws_cloudformation as cloudformation, CfnParameter, Lazy, Names, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { checkEnvironment, checkRoleNameSuffix, MAX_ROLE_NAME_LENGTH, ROLE_NAME_SUFFIX_PATTERN } from './account-values';
import { CiOidcAccountBaseline, CiOidcBaselineOptions } from './ci-oidc-account-baseline';
import { CiOidcProviderSource } from './ci-oidc-provider-source';
import { CiOidcRolloutCallAs } from './ci-oidc-rollout-call-as';
import { CiOidcRolloutTarget, CiOidcTargetFilter } from './ci-oidc-rollout-target';
import { InstanceTemplate, MAX_TEMPLATE_BODY_BYTES, RenderedTemplate } from './instance-template';
import { checkAccountId } from './organization-ids';
import { REGION_NAME } from '../core/aws-names';
import { CiDeployRole } from '../role/ci-deploy-role';
import { invalid } from '../subjects/literal-part';

/**
 * Properties of a `CiOidcOrganizationRollout`.
 */
export interface CiOidcOrganizationRolloutProps extends CiOidcBaselineOptions {
  /**
   * Where to deploy: organizational units (or the root), or some of their accounts.
   * Each target is one instance set, with its own parameter values.
   */
  readonly targets: CiOidcRolloutTarget[];

  /**
   * The one region of the stack instances. IAM is global: a second region would create the
   * same providers again (`EntityAlreadyExists`), so a rollout has exactly one.
   *
   * @default - the stack's region, when it is literal
   */
  readonly region?: string;

  /**
   * The organization's management account, which StackSets never deploy to: refused as a target.
   *
   * @default - the stack's account when it is literal and `callAs` is `SELF` (a service-managed
   * StackSet called as itself lives in the management account); required for account targets otherwise
   */
  readonly managementAccountId?: string;

  /**
   * Whether the stack is deployed in the management account or in a delegated administrator account.
   *
   * @default CiOidcRolloutCallAs.SELF
   */
  readonly callAs?: CiOidcRolloutCallAs;

  /**
   * The StackSet's name; with `separateProviderStackSet`, the providers' StackSet is `<name>-providers`.
   *
   * @default - a name derived from the construct path
   */
  readonly stackSetName?: string;

  /**
   * The StackSet's description, also the instance stacks' description.
   *
   * @default 'CI OIDC providers and baseline roles (cdk-ci-oidc)'
   */
  readonly description?: string;

  /**
   * Whether accounts that join a target organizational unit later get a stack instance too.
   *
   * @default true
   */
  readonly autoDeployment?: boolean;

  /**
   * Whether an account that leaves a target keeps its providers and roles.
   *
   * @default true - pipelines keep working while an account moves between OUs
   */
  readonly retainStacksOnAccountRemoval?: boolean;

  /**
   * How many accounts may fail per region before the operation stops; not with `failureTolerancePercentage`.
   *
   * @default 0 - the first failure stops the operation
   */
  readonly failureToleranceCount?: number;

  /**
   * The percentage of accounts that may fail before the operation stops; not with `failureToleranceCount`.
   *
   * @default - `failureToleranceCount` 0
   */
  readonly failureTolerancePercentage?: number;

  /**
   * At most this many accounts at a time; not with `maxConcurrentPercentage`.
   *
   * @default - `maxConcurrentPercentage` 10
   */
  readonly maxConcurrentCount?: number;

  /**
   * At most this percentage of the accounts at a time; not with `maxConcurrentCount`.
   *
   * @default 10 - a broken change reaches a tenth of the accounts before it stops
   */
  readonly maxConcurrentPercentage?: number;

  /**
   * Puts the providers into a StackSet of their own, which the roles' StackSet depends on
   * (`AutoDeployment.DependsOn` for joining accounts, `DependsOn` for the first deployment).
   * With `providerTargets`, it is the adoption path for organizations where some accounts
   * already hold a provider.
   *
   * @default false - one StackSet holds providers and roles
   */
  readonly separateProviderStackSet?: boolean;

  /**
   * Where the providers' StackSet deploys, when it differs from `targets` (e.g. every account
   * but those that already hold a provider). Only with `separateProviderStackSet`.
   *
   * @default - `targets`
   */
  readonly providerTargets?: CiOidcRolloutTarget[];
}

/**
 * CI OIDC providers and baseline `CiDeployRole`s in every account of organizational units,
 * with a CloudFormation StackSet (service-managed permissions): no Lambda, no custom resource,
 * no asset, and no CDK bootstrap in the target accounts.
 *
 * The instance template is built with the library's own constructs in an app of its own and
 * travels inline (`TemplateBody`, at most 51,200 bytes, checked at synthesis). Roles trust their
 * account's provider by its deterministic ARN. Accounts that join a target OU later get the
 * baseline too, and accounts that leave keep it (both by default). Per-account values, the
 * account's environment and a role-name suffix, are StackSet parameters set per target.
 *
 * StackSets never deploy to the management account: deploy `CiOidcAccountBaseline` there.
 * `CiTrustGuard` and `cdk-ci-oidc report` audit the roles inside the template.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-manage-auto-deployment.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-stackset.html
 */
export class CiOidcOrganizationRollout extends Construct {
  /**
   * The StackSet of the baseline (its roles only, with `separateProviderStackSet`).
   */
  public readonly stackSet: cloudformation.CfnStackSet;

  /**
   * The providers' StackSet, with `separateProviderStackSet`.
   */
  public readonly providerStackSet?: cloudformation.CfnStackSet;

  /**
   * The baseline inside the instance template (its own app): e.g. add statements to its roles.
   */
  public readonly baseline: CiOidcAccountBaseline;

  /**
   * The one region of the stack instances.
   */
  public readonly region: string;

  private readonly template: InstanceTemplate;
  private readonly providerTemplate?: InstanceTemplate;
  /** The StackSets whose template messages are already repeated on them. */
  private readonly forwarded = new Set<cloudformation.CfnStackSet>();

  constructor(scope: Construct, id: string, props: CiOidcOrganizationRolloutProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const callAs = props.callAs ?? CiOidcRolloutCallAs.SELF;
    this.region = checkRegion(props.region ?? stack.region);
    checkTargets('targets', props.targets, managementAccount(stack, callAs, props.managementAccountId, props.targets));
    const separate = props.separateProviderStackSet ?? false;
    if (props.providerTargets !== undefined && !separate) {
      throw invalid('CiOidcOrganizationRollout separateProviderStackSet', String(props.separateProviderStackSet), 'providerTargets need separateProviderStackSet: true',
        'separateProviderStackSet: true with providerTargets, or no providerTargets');
    }
    if (separate && props.providerSource === CiOidcProviderSource.USE_EXISTING) {
      throw invalid('CiOidcOrganizationRollout separateProviderStackSet', 'true', 'with providerSource USE_EXISTING there is no provider to deploy',
        'providerSource CREATE (the default), or no separate StackSet');
    }
    const providerTargets = props.providerTargets ?? props.targets;
    if (props.providerTargets !== undefined) {
      checkTargets('providerTargets', providerTargets, managementAccount(stack, callAs, props.managementAccountId, providerTargets));
    }
    const name = props.stackSetName ?? Names.uniqueResourceName(this, { maxLength: 100, separator: '-' });
    checkStackSetName(name);
    const description = props.description ?? 'CI OIDC providers and baseline roles (cdk-ci-oidc)';

    // The roles' template: the account's environment and role-name suffix are parameters.
    this.template = new InstanceTemplate(description, this.region);
    let parameters: Parameters;
    // An invalid baseline must not leave its template's app behind; the error itself goes on unchanged.
    let defined = false;
    try {
      parameters = defineParameters(this.template.stack, props);
      this.baseline = new CiOidcAccountBaseline(this.template.stack, 'Baseline', {
        providers: props.providers,
        roles: props.roles,
        providerSource: separate ? CiOidcProviderSource.USE_EXISTING : props.providerSource,
        environment: parameters.environment?.valueAsString,
        roleNameSuffix: parameters.roleNameSuffix?.valueAsString,
      });
      defined = true;
    } finally {
      if (!defined) {
        this.template.discard();
      }
    }
    const named = (props.roles ?? []).some((role) => role.roleName !== undefined);
    const common: StackSetSettings = {
      callAs,
      autoDeployment: props.autoDeployment ?? true,
      retain: props.retainStacksOnAccountRemoval ?? true,
      operation: operationPreferences(props),
      description,
    };
    this.stackSet = this.defineStackSet('Resource', name, this.template, props.targets, parameters, named, common);

    if (separate) {
      this.providerTemplate = new InstanceTemplate(description, this.region);
      new CiOidcAccountBaseline(this.providerTemplate.stack, 'Baseline', { providers: props.providers, providerSource: CiOidcProviderSource.CREATE });
      this.providerStackSet = this.defineStackSet('Providers', `${name}-providers`, this.providerTemplate, providerTargets, {}, false, common);
      this.stackSet.addDependency(this.providerStackSet);
      if (common.autoDeployment) {
        // AutoDeployment.DependsOn is not in aws-cdk-lib 2.200's CfnStackSet types: an override.
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudformation-stackset-autodeployment.html
        this.stackSet.addPropertyOverride('AutoDeployment.DependsOn', [stack.formatArn({
          service: 'cloudformation', resource: 'stackset', resourceName: this.providerStackSet.attrStackSetId, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
        })]);
      }
    }
  }

  /**
   * The instance template of `stackSet`, exactly as `TemplateBody` carries it (JSON).
   */
  public get templateBody(): string {
    return this.renderChecked(this.template, this.stackSet).body;
  }

  /**
   * The instance template of `providerStackSet`, with `separateProviderStackSet`.
   */
  public get providerTemplateBody(): string | undefined {
    return this.providerTemplate && this.providerStackSet && this.renderChecked(this.providerTemplate, this.providerStackSet).body;
  }

  /**
   * A role of the baseline by its id.
   */
  public role(id: string): CiDeployRole {
    return this.baseline.role(id);
  }

  private defineStackSet(
    id: string, name: string, template: InstanceTemplate, targets: CiOidcRolloutTarget[], parameters: Parameters, named: boolean,
    common: StackSetSettings,
  ): cloudformation.CfnStackSet {
    const stackSet: cloudformation.CfnStackSet = new cloudformation.CfnStackSet(this, id, {
      stackSetName: name,
      description: common.description,
      permissionModel: 'SERVICE_MANAGED',
      callAs: common.callAs,
      autoDeployment: { enabled: common.autoDeployment, retainStacksOnAccountRemoval: common.autoDeployment ? common.retain : undefined },
      capabilities: [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'],
      managedExecution: { Active: true },
      operationPreferences: common.operation,
      stackInstancesGroup: targets.map((target) => ({
        regions: [this.region],
        deploymentTargets: {
          organizationalUnitIds: [...target.organizationalUnitIds],
          accounts: target.filter === CiOidcTargetFilter.NONE ? undefined : [...target.accountIds],
          accountFilterType: target.filter === CiOidcTargetFilter.NONE ? undefined : target.filter,
        },
        parameterOverrides: parameterOverrides(target, parameters),
      })),
      templateBody: Lazy.string({ produce: () => this.renderChecked(template, stackSet).body }),
    });
    this.node.addValidation({ validate: () => validationOf(() => this.renderChecked(template, stackSet)) });
    return stackSet;
  }

  /** The rendered template, size-checked, its constructs' messages repeated on the StackSet. */
  private renderChecked(template: InstanceTemplate, stackSet: cloudformation.CfnStackSet): RenderedTemplate {
    const first = !this.forwarded.has(stackSet);
    const rendered = template.render(stackSet.node.path);
    if (rendered.bytes > MAX_TEMPLATE_BODY_BYTES) {
      throw invalid('CiOidcOrganizationRollout StackSet template', stackSet.node.path,
        `it is ${rendered.bytes} bytes, over the ${MAX_TEMPLATE_BODY_BYTES} bytes CloudFormation accepts in TemplateBody`,
        'a smaller template (fewer roles, shorter descriptions, customer managed policies instead of long inline policies) ' +
        'or a split one: separateProviderStackSet: true, or a second rollout for some of the roles');
    }
    if (first) {
      this.forwarded.add(stackSet);
      for (const message of rendered.messages) {
        const where = `(in the StackSet template: ${message.path})`;
        if (message.level === 'error') {
          Annotations.of(stackSet).addError(`${message.text} ${where}`);
        } else if (message.level === 'warning') {
          const ack = /^(.*) \[ack: ([^\]]+)\]$/s.exec(message.text);
          if (ack) {
            Annotations.of(stackSet).addWarningV2(ack[2], `${ack[1]} ${where}`);
          } else {
            Annotations.of(stackSet).addWarning(`${message.text} ${where}`);
          }
        }
      }
    }
    return rendered;
  }
}

/** What the rollout's StackSets share. */
interface StackSetSettings {
  readonly callAs: CiOidcRolloutCallAs;
  readonly autoDeployment: boolean;
  readonly retain: boolean;
  readonly operation: cloudformation.CfnStackSet.OperationPreferencesProperty;
  readonly description: string;
}

/** The instance template's parameters. */
interface Parameters {
  readonly environment?: CfnParameter;
  readonly roleNameSuffix?: CfnParameter;
}

function defineParameters(stack: Stack, props: CiOidcOrganizationRolloutProps): Parameters {
  const roles = props.roles ?? [];
  const roleEnvironments = roles.flatMap((role) => role.environments ?? []);
  const targetEnvironments = props.targets.map((target) => target.environment).filter((env): env is string => env !== undefined);
  let environment: CfnParameter | undefined;
  if (roleEnvironments.length > 0 || targetEnvironments.length > 0) {
    const missing = props.targets.find((target) => target.environment === undefined);
    if (missing) {
      throw invalid('CiOidcOrganizationRollout target', missing.organizationalUnitIds.join(', '),
        `it names no environment, but the rollout uses environments (${[...new Set([...roleEnvironments, ...targetEnvironments])].join(', ')})`,
        "an environment for every target, e.g. { environment: 'sandbox' }");
    }
    environment = new CfnParameter(stack, 'AccountEnvironment', {
      type: 'String',
      description: 'The environment of the account; roles restricted to environments exist only in theirs',
      allowedValues: [...new Set([...targetEnvironments, ...roleEnvironments])].sort(),
    });
  }
  const longestName = Math.max(0, ...roles.map((role) => role.roleName?.length ?? 0));
  const suffixes = props.targets.map((target) => target.roleNameSuffix).filter((suffix): suffix is string => suffix !== undefined && suffix !== '');
  for (const suffix of suffixes) {
    if (longestName + suffix.length > MAX_ROLE_NAME_LENGTH) {
      throw invalid('CiOidcRolloutTarget roleNameSuffix', suffix, `the longest roleName (${longestName} characters) with it exceeds IAM's ${MAX_ROLE_NAME_LENGTH}`, 'a shorter suffix or roleName');
    }
  }
  const roleNameSuffix = longestName > 0 || suffixes.length > 0 ? new CfnParameter(stack, 'RoleNameSuffix', {
    type: 'String',
    description: 'Appended to the names of the baseline roles that have one',
    default: '',
    allowedPattern: ROLE_NAME_SUFFIX_PATTERN,
    maxLength: MAX_ROLE_NAME_LENGTH - longestName,
  }) : undefined;
  return { environment, roleNameSuffix };
}

function parameterOverrides(target: CiOidcRolloutTarget, parameters: Parameters): cloudformation.CfnStackSet.ParameterProperty[] | undefined {
  const overrides: cloudformation.CfnStackSet.ParameterProperty[] = [];
  if (parameters.environment && target.environment !== undefined) {
    overrides.push({ parameterKey: parameters.environment.logicalId, parameterValue: target.environment });
  }
  if (parameters.roleNameSuffix && target.roleNameSuffix !== undefined && target.roleNameSuffix !== '') {
    overrides.push({ parameterKey: parameters.roleNameSuffix.logicalId, parameterValue: target.roleNameSuffix });
  }
  return overrides.length > 0 ? overrides : undefined;
}

function checkRegion(region: unknown): string {
  if (Array.isArray(region) || (typeof region === 'string' && /[,\s]/.test(region.trim()))) {
    throw invalid('CiOidcOrganizationRollout region', String(region), 'it names several regions; IAM is global, and a second region would create the same providers and roles again', "one region, e.g. 'us-east-1'");
  }
  if (typeof region !== 'string' || Token.isUnresolved(region)) {
    throw invalid('CiOidcOrganizationRollout region', typeof region === 'string' ? 'a token' : String(region), 'the stack\'s region is not known', "props.region, e.g. 'us-east-1', or a stack with env.region");
  }
  if (!REGION_NAME.test(region)) {
    throw invalid('CiOidcOrganizationRollout region', region, 'it is not a region name', "e.g. 'us-east-1'");
  }
  return region;
}

/** The management account to refuse as a target; undefined when no target names accounts. */
function managementAccount(stack: Stack, callAs: CiOidcRolloutCallAs, given: string | undefined, targets: CiOidcRolloutTarget[]): string | undefined {
  if (given !== undefined) {
    checkAccountId('CiOidcOrganizationRollout managementAccountId', given);
    if (callAs === CiOidcRolloutCallAs.SELF && !Token.isUnresolved(stack.account) && !Token.isUnresolved(given) && stack.account !== given) {
      throw invalid('CiOidcOrganizationRollout managementAccountId', given,
        `the stack is in account ${stack.account}, and a StackSet called as SELF lives in the management account`,
        'the stack\'s account, or callAs: CiOidcRolloutCallAs.DELEGATED_ADMIN');
    }
    return given;
  }
  if (callAs === CiOidcRolloutCallAs.SELF && !Token.isUnresolved(stack.account)) {
    return stack.account;
  }
  if (targets.some((target) => target.filter === CiOidcTargetFilter.INTERSECTION)) {
    throw invalid('CiOidcOrganizationRollout managementAccountId', 'undefined',
      'the rollout targets accounts, but the management account is not known, and StackSets never deploy to it',
      "props.managementAccountId, e.g. '111111111111', or a stack with env.account (with callAs SELF)");
  }
  return undefined;
}

function checkTargets(property: string, targets: CiOidcRolloutTarget[], management: string | undefined): void {
  if (targets.length === 0) {
    throw invalid(`CiOidcOrganizationRollout ${property}`, '[]', 'it names no target', "at least one, e.g. [CiOidcRolloutTarget.organizationalUnits(['ou-ab12-cdef3456'])]");
  }
  // The root holds every OU: with another OU, that OU's accounts would get two stack instances.
  // Nested OUs cannot be told apart without the organization's structure: the docs warn of them.
  const units = new Set(targets.flatMap((target) => target.organizationalUnitIds));
  const root = [...units].find((unit) => unit.startsWith('r-'));
  if (root !== undefined && units.size > 1) {
    throw invalid(`CiOidcOrganizationRollout ${property}`, [...units].join(', '),
      `the root '${root}' already holds every organizational unit, so their accounts would get two stack instances`,
      'the root alone, or organizational units without the root');
  }
  const wholeUnits = new Set<string>();
  const accounts = new Set<string>();
  const filteredUnits = new Set<string>();
  for (const target of targets) {
    if (target.environment !== undefined) {
      checkEnvironment('CiOidcRolloutTarget environment', target.environment);
    }
    if (target.roleNameSuffix !== undefined) {
      checkRoleNameSuffix('CiOidcRolloutTarget roleNameSuffix', target.roleNameSuffix);
    }
    for (const unit of target.organizationalUnitIds) {
      // Two instance sets over the same OU would give its accounts two stack instances in one region.
      if (wholeUnits.has(unit) || (target.filter !== CiOidcTargetFilter.INTERSECTION && filteredUnits.has(unit))) {
        throw invalid(`CiOidcOrganizationRollout ${property}`, unit, 'two targets name this organizational unit', 'each organizational unit in one target (narrow with accountsIn for per-account values)');
      }
      (target.filter === CiOidcTargetFilter.INTERSECTION ? filteredUnits : wholeUnits).add(unit);
    }
    if (target.filter === CiOidcTargetFilter.INTERSECTION) {
      for (const account of target.accountIds) {
        if (account === management) {
          throw invalid(`CiOidcOrganizationRollout ${property} account`, account,
            "it is the organization's management account, which StackSets never deploy to",
            'a member account; deploy CiOidcAccountBaseline in a stack of the management account for the same content');
        }
        if (accounts.has(account)) {
          throw invalid(`CiOidcOrganizationRollout ${property} account`, account, 'two targets name this account', 'each account in one target');
        }
        accounts.add(account);
      }
    }
  }
}

function checkStackSetName(name: string): void {
  if (!Token.isUnresolved(name) && !/^[a-zA-Z][-a-zA-Z0-9]{0,127}$/.test(name)) {
    throw invalid('CiOidcOrganizationRollout stackSetName', name, 'it is not a StackSet name', "a letter, then up to 127 letters, digits or '-'");
  }
}

function operationPreferences(props: CiOidcOrganizationRolloutProps): cloudformation.CfnStackSet.OperationPreferencesProperty {
  const count = (value: number | undefined, property: string, min: number): number | undefined => {
    if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
      throw invalid(`CiOidcOrganizationRollout ${property}`, String(value), `it is not a whole number of at least ${min}`, `${min} or more`);
    }
    return value;
  };
  const percentage = (value: number | undefined, property: string, min: number): number | undefined => {
    if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= 100)) {
      throw invalid(`CiOidcOrganizationRollout ${property}`, String(value), `it is not a whole percentage from ${min} to 100`, `${min} to 100`);
    }
    return value;
  };
  const exclusive = (a: keyof CiOidcOrganizationRolloutProps, b: string) =>
    invalid(`CiOidcOrganizationRollout ${a}`, String(props[a]), `it is given with ${b}`, `${a} or ${b}, not both`);
  if (props.failureToleranceCount !== undefined && props.failureTolerancePercentage !== undefined) {
    throw exclusive('failureToleranceCount', 'failureTolerancePercentage');
  }
  if (props.maxConcurrentCount !== undefined && props.maxConcurrentPercentage !== undefined) {
    throw exclusive('maxConcurrentCount', 'maxConcurrentPercentage');
  }
  const toleranceCount = count(props.failureToleranceCount, 'failureToleranceCount', 0);
  const tolerancePercentage = percentage(props.failureTolerancePercentage, 'failureTolerancePercentage', 0);
  const concurrentCount = count(props.maxConcurrentCount, 'maxConcurrentCount', 1);
  const concurrentPercentage = percentage(props.maxConcurrentPercentage, 'maxConcurrentPercentage', 1);
  return {
    failureToleranceCount: tolerancePercentage === undefined ? toleranceCount ?? 0 : undefined,
    failureTolerancePercentage: tolerancePercentage,
    maxConcurrentCount: concurrentCount,
    maxConcurrentPercentage: concurrentCount === undefined ? concurrentPercentage ?? 10 : undefined,
    // The tolerance bounds failures; concurrency stays as given (STRICT would lower it to tolerance + 1).
    concurrencyMode: 'SOFT_FAILURE_TOLERANCE',
    regionConcurrencyType: 'SEQUENTIAL',
  };
}

function validationOf(render: () => unknown): string[] {
  try {
    render();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}
