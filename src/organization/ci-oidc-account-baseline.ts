import { CfnCondition, CfnResource, Fn, IAspect, Aspects, Token, ICfnConditionExpression } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { checkEnvironment, checkRoleNameSuffix, MAX_ROLE_NAME_LENGTH } from './account-values';
import { CiOidcBaselineProvider } from './ci-oidc-baseline-provider';
import { CiOidcBaselineRoleProps } from './ci-oidc-baseline-role';
import { CiOidcProviderSource } from './ci-oidc-provider-source';
import { platformFacts } from '../platforms/registry';
import { ICiOidcProvider } from '../providers/ci-oidc-provider';
import { CiDeployRole } from '../role/ci-deploy-role';
import { invalid } from '../subjects/literal-part';

/**
 * What every account of a baseline holds: CI OIDC providers and baseline `CiDeployRole`s.
 */
export interface CiOidcBaselineOptions {
  /**
   * The providers, at most one per issuer.
   */
  readonly providers: CiOidcBaselineProvider[];

  /**
   * The roles, each trusting one of `providers`.
   *
   * @default - none
   */
  readonly roles?: CiOidcBaselineRoleProps[];

  /**
   * Whether the baseline creates the providers or uses those the accounts already hold.
   *
   * @default CiOidcProviderSource.CREATE
   */
  readonly providerSource?: CiOidcProviderSource;
}

/**
 * Properties of a `CiOidcAccountBaseline`.
 */
export interface CiOidcAccountBaselineProps extends CiOidcBaselineOptions {
  /**
   * The account's environment: roles restricted to other environments are left out.
   *
   * A token (e.g. a `CfnParameter`'s value) makes them conditional instead: each gets a
   * CloudFormation condition comparing it with its environments.
   *
   * @default - none; then no role may be restricted to environments
   */
  readonly environment?: string;

  /**
   * Appended to the name of every role that has a `roleName`; may be a token.
   *
   * @default '' - the role names as given
   */
  readonly roleNameSuffix?: string;
}

/**
 * The CI OIDC baseline of one account: its providers and baseline roles, whose trust names the
 * account's provider by its deterministic ARN.
 *
 * `CiOidcOrganizationRollout` puts the same content into every account of organizational units
 * with a StackSet; this construct is that content in a plain stack, e.g. for the management
 * account, which StackSets never deploy to.
 *
 * @example
 * import { CiOidcAccountBaseline, CiOidcBaselineProvider, GitHubRepository } from 'cdk-ci-oidc';
 *
 * const github = CiOidcBaselineProvider.gitHub();
 * new CiOidcAccountBaseline(this, 'Baseline', {
 *   providers: [github],
 *   roles: [{
 *     id: 'Plan',
 *     provider: github,
 *     subjects: [GitHubRepository.of('acme/infrastructure').pullRequest()],
 *     managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
 *   }],
 * });
 */
export class CiOidcAccountBaseline extends Construct {
  /**
   * The account's providers, in the order of `props.providers`.
   */
  public readonly providers: ICiOidcProvider[];

  /**
   * The roles the account holds (those of other environments are left out when the
   * environment is literal).
   */
  public readonly roles: CiDeployRole[];

  private readonly providerByIssuer = new Map<string, ICiOidcProvider>();
  private readonly roleById = new Map<string, CiDeployRole>();

  constructor(scope: Construct, id: string, props: CiOidcAccountBaselineProps) {
    super(scope, id);
    const environment = props.environment;
    if (environment !== undefined && !Token.isUnresolved(environment)) {
      checkEnvironment('CiOidcAccountBaseline environment', environment);
    }
    const suffix = props.roleNameSuffix ?? '';
    if (!Token.isUnresolved(suffix)) {
      checkRoleNameSuffix('CiOidcAccountBaseline roleNameSuffix', suffix);
    }
    const create = (props.providerSource ?? CiOidcProviderSource.CREATE) === CiOidcProviderSource.CREATE;
    const created = new Map<string, Construct>();

    if (props.providers.length === 0) {
      throw invalid('CiOidcAccountBaseline providers', '[]', 'it names no provider', 'at least one, e.g. [CiOidcBaselineProvider.gitHub()]');
    }
    for (const provider of props.providers) {
      if (this.providerByIssuer.has(provider.issuer)) {
        throw invalid('CiOidcAccountBaseline providers', provider.issuer, 'it names this issuer twice (an account holds one provider per issuer)', 'each issuer once');
      }
      const defined = provider._defineIn(this, providerId(provider), create);
      this.providerByIssuer.set(provider.issuer, defined.provider);
      if (defined.created) {
        created.set(provider.issuer, defined.created);
      }
    }
    this.providers = props.providers.map((p) => this.providerByIssuer.get(p.issuer)!);

    for (const roleProps of props.roles ?? []) {
      const role = this.defineRole(roleProps, environment, suffix, created);
      if (role) {
        this.roleById.set(roleProps.id, role);
      }
    }
    this.roles = [...this.roleById.values()];
  }

  /**
   * The account's provider for a provider of the baseline.
   */
  public providerFor(provider: CiOidcBaselineProvider): ICiOidcProvider {
    const found = this.providerByIssuer.get(provider.issuer);
    if (found === undefined) {
      throw invalid(`CiOidcAccountBaseline '${this.node.path}' provider`, provider.issuer, 'the baseline has no provider for this issuer', 'a provider of props.providers');
    }
    return found;
  }

  /**
   * A role of the baseline by its id, e.g. to add statements to its policy.
   */
  public role(id: string): CiDeployRole {
    const found = this.roleById.get(id);
    if (found === undefined) {
      throw invalid(`CiOidcAccountBaseline '${this.node.path}' role id`, id, 'the baseline holds no such role', `one of its roles: ${[...this.roleById.keys()].join(', ') || 'none'}`);
    }
    return found;
  }

  private defineRole(
    props: CiOidcBaselineRoleProps, environment: string | undefined, suffix: string, created: Map<string, Construct>,
  ): CiDeployRole | undefined {
    if (this.roleById.has(props.id) || this.node.tryFindChild(props.id)) {
      throw invalid('CiOidcAccountBaseline role id', props.id, 'another role or provider of the baseline has it', 'a unique id per role');
    }
    const environments = props.environments;
    if (environments !== undefined) {
      if (environments.length === 0 || environments.length > 10) {
        throw invalid(`CiOidcAccountBaseline role '${props.id}' environments`, environments.join(', '), 'it must name 1 to 10 environments', "e.g. ['production']");
      }
      environments.forEach((env) => checkEnvironment(`CiOidcAccountBaseline role '${props.id}' environment`, env));
      if (environment === undefined) {
        throw invalid(`CiOidcAccountBaseline role '${props.id}' environments`, environments.join(', '),
          `the role is restricted to them, but the baseline '${this.node.path}' has no environment`, "props.environment, e.g. 'production'");
      }
      if (!Token.isUnresolved(environment) && !environments.includes(environment)) {
        return undefined;
      }
    }
    const provider = this.providerByIssuer.get(props.provider.issuer);
    if (provider === undefined) {
      throw invalid(`CiOidcAccountBaseline role '${props.id}' provider`, props.provider.issuer, 'it is not one of the baseline\'s providers', 'a provider listed in props.providers');
    }
    const { id, environments: _environments, provider: _provider, ...options } = props;
    const roleName = props.roleName === undefined || suffix === '' ? props.roleName
      : Token.isUnresolved(suffix) ? Fn.join('', [props.roleName, suffix]) : `${props.roleName}${suffix}`;
    if (roleName !== undefined && !Token.isUnresolved(roleName) && roleName.length > MAX_ROLE_NAME_LENGTH) {
      throw invalid(`CiOidcAccountBaseline role '${id}' roleName`, roleName, `it is ${roleName.length} characters with the suffix, over IAM's ${MAX_ROLE_NAME_LENGTH}`, 'a shorter roleName or roleNameSuffix');
    }
    const role = new CiDeployRole(this, id, { ...options, provider, roleName });
    const providerResource = created.get(props.provider.issuer);
    if (providerResource) {
      role.node.addDependency(providerResource);
    }
    if (environments !== undefined && environment !== undefined && Token.isUnresolved(environment)) {
      const condition = new CfnCondition(this, `${id}InEnvironment`, { expression: environmentCondition(environment, environments) });
      // An Aspect, so that resources added to the role later (its default policy) get the condition too.
      Aspects.of(role).add(new ConditionAllResources(condition));
    }
    return role;
  }
}

/** The construct id of a provider: its platform and position are stable, its issuer may be long. */
function providerId(provider: CiOidcBaselineProvider): string {
  const platform = platformFacts(provider.platform);
  const host = (issuer: string): string => issuer.replace(/[^A-Za-z0-9]/g, '');
  return host(provider.issuer) === host(platform.defaultIssuer) ? `${platform.name}Provider` : `${platform.name}Provider${host(provider.issuer)}`;
}

function environmentCondition(environment: string, environments: string[]): ICfnConditionExpression {
  const equals = environments.map((env) => Fn.conditionEquals(environment, env));
  return equals.length === 1 ? equals[0] : Fn.conditionOr(...equals);
}

/** Puts every CloudFormation resource under a construct under one condition. */
class ConditionAllResources implements IAspect {
  constructor(private readonly condition: CfnCondition) {}

  public visit(node: IConstruct): void {
    if (CfnResource.isCfnResource(node)) {
      node.cfnOptions.condition = this.condition;
    }
  }
}
