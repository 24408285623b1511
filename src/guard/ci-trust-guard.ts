import { Annotations, AspectPriority, Aspects, CfnResource, IAspect, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { referencedLogicalId } from '../audit/cfn-expression';
import { Finding, formatFinding } from '../audit/finding';
import { STACK_SET_TYPE, stackSetTemplate } from '../audit/stackset-templates';
import { auditRole, auditStack, providerUrl, RoleAudit, TemplateResource } from '../audit/template-audit';
import { IssuerOptions } from '../core/ci-platform-facts';
import { FindingId } from '../core/finding-id';
import { checkOptionalKind, checkOptionalList, invalid } from '../core/runtime-checks';
import { GenericOidcProvider } from '../platforms/generic/generic-oidc-provider';
import { CI_PLATFORMS } from '../platforms/registry';

/** Resource types, besides roles, that the audit of a role reads: providers and attached policies. */
const INDEXED_TYPES = new Set([
  'AWS::IAM::OIDCProvider',
  'Custom::AWSCDKOpenIdConnectProvider',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
]);

/** The resources of one stack the audit reads, resolved, by logical id. */
interface StackIndex {
  readonly resources: Record<string, TemplateResource>;
  readonly paths: Map<string, string>;
}

/**
 * Properties of a `CiTrustGuard`.
 */
export interface CiTrustGuardProps {
  /**
   * Issuers of self-managed GitLab instances, host and path without `https://`
   * (e.g. `gitlab.example.com`), to audit even in trust policies that have no `sub`
   * condition from which the guard could tell the platform.
   *
   * github.com (and its enterprise form), GHE.com, GitHub Enterprise Server
   * (`<host>/_services/token`) and gitlab.com are known by name; any other issuer is audited
   * when its `sub` condition has GitHub (`repo:`) or GitLab (`project_path:`, `project_id:`) values.
   *
   * @default - none
   */
  readonly gitLabIssuers?: string[];

  /**
   * Issuers of Terraform Enterprise installations, their host names (e.g. `tfe.example.com`), to
   * audit: HCP Terraform's `app.terraform.io` is known by name, an installation's host is not.
   *
   * @default - none
   */
  readonly terraformEnterpriseIssuers?: string[];

  /**
   * Issuers without a platform of their own (Azure DevOps, Jenkins, Spacelift, a company's own
   * issuer ...), host and path without `https://` (e.g. `vstoken.dev.azure.com/<organization-id>`),
   * whose trust policies to audit: `aud` and `sub` required, no unsafe operator, no wildcard audience,
   * `sub` patterns held to the rule of `GenericSubject.pattern`.
   *
   * The shared issuers of IAM's identity-provider controls (Codefresh, Scalr, Pulumi Cloud, Vercel ...)
   * are known by name, and the issuers of the app's `GenericOidcProvider`s are known without being listed.
   *
   * @default - none
   */
  readonly genericIssuers?: string[];
}

/**
 * An Aspect that audits every IAM role that trusts a CI OIDC provider (GitHub Actions or
 * GitLab CI/CD): roles of this library, `iam.Role`s and `CfnRole`s written by hand, and
 * roles of other libraries.
 *
 * Errors (synthesis fails): no `sub` or `aud` condition, a wildcard in the owner,
 * repository, group or project position of `sub`, a set operator, `...IfExists`,
 * `StringNot...` or `...IgnoreCase` on a key of the issuer, condition keys of another issuer,
 * any principal (`"*"`, `{"AWS": "*"}`) or `NotAction` with web identity, a policy variable or
 * a CloudFormation expression in `sub` or `aud`, and whatever may be a CI trust but cannot be
 * audited (an unreadable provider without conditions, `Fn::If`, a document that is an
 * expression). Warnings, acknowledgeable by id: pull request subjects, any branch, tag or job,
 * a whole owner or group, and administrator-level roles (`allowCdkDeploy()` included) trusted
 * by a branch rather than an environment. Each message names the role, the condition and the fix.
 *
 * The guard reads the trust policy as CloudFormation will see it (the role's resolved
 * template), so add it last, to the app: `CiTrustGuard.addTo(app)`.
 * Warnings of the same risk that a `CiDeployRole` already reported are not repeated.
 *
 * CDK applies an app's Aspects within the app's own stage only, and synthesizes every
 * `Stage` (the application stages of a CDK Pipelines app) before: `Aspects.of(app).add(guard)`
 * never sees their roles. `CiTrustGuard.addTo(app)` adds the guard to the app and to every
 * stage in it; a stage the guard does not cover fails synthesis with an error that says so,
 * rather than going unaudited.
 *
 * @example
 * import { CiTrustGuard } from 'cdk-ci-oidc';
 *
 * declare const app: App;
 * CiTrustGuard.addTo(app);
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub
 */
export class CiTrustGuard implements IAspect {
  /**
   * Adds one guard to `scope` and to every `Stage` below it (CDK does not carry an Aspect
   * into a stage), and returns it. Call it once the stages are defined, e.g. at the end of
   * the app; a stage defined later fails synthesis until it has the guard too.
   *
   * The guard is added with `AspectPriority.READONLY`: it only reads, and runs after the
   * Aspects that change roles.
   */
  public static addTo(scope: IConstruct, props: CiTrustGuardProps = {}): CiTrustGuard {
    const guard = new CiTrustGuard(props);
    for (const construct of [scope, ...scope.node.findAll().filter((c) => c !== scope && Stage.isStage(c))]) {
      if (!Aspects.of(construct).all.some((aspect) => aspect instanceof CiTrustGuard)) {
        Aspects.of(construct).add(guard, { priority: AspectPriority.READONLY });
      }
    }
    return guard;
  }

  /** The self-managed issuers of the props, by option (`CiSelfHostedIssuers.option`). */
  private readonly issuers: IssuerOptions;
  /** The stages whose synthesis this guard took part in. */
  private readonly auditedStages = new Set<IConstruct>();
  private readonly stacks = new Map<Stack, StackIndex>();
  private appProviders?: Map<string, Set<string>>;
  private appGenericIssuers?: string[];

  constructor(props: CiTrustGuardProps = {}) {
    checkOptionalKind('CiTrustGuardProps', props, 'object', 'an object of options, or nothing');
    const issuers: Record<string, string[]> = {};
    for (const selfHosted of CI_PLATFORMS.flatMap((platform) => (platform.selfHosted ? [platform.selfHosted] : []))) {
      const given = (props as Record<string, unknown>)[selfHosted.option];
      checkOptionalList(`CiTrustGuardProps.${selfHosted.option}`, given, 'string', `issuers such as '${selfHosted.example}'`);
      issuers[selfHosted.option] = [...(given as string[] | undefined ?? [])];
    }
    this.issuers = issuers;
  }

  /**
   * Audits `node` if it is an `AWS::IAM::Role` resource.
   */
  public visit(node: IConstruct): void {
    if (Stage.isStage(node)) {
      this.auditedStages.add(node);
    }
    this.checkStagesBelow(node);
    if (CfnResource.isCfnResource(node) && node.cfnResourceType === STACK_SET_TYPE) {
      this.visitStackSet(node);
      return;
    }
    if (!CfnResource.isCfnResource(node) || node.cfnResourceType !== 'AWS::IAM::Role') {
      return;
    }
    const audit = this.auditOf(node);
    if (audit instanceof Error) {
      // A role that fails its own validation (e.g. a CiDeployRole without subjects) cannot be
      // rendered: synthesis then reports the library's message, from the validation.
      if (!ownersInvalid(node)) {
        Annotations.of(node).addError(
          `[${FindingId.UNAUDITABLE}] CiTrustGuard could not render the role '${node.node.path}' to read its trust policy ` +
          `(${audit.message.split('\n')[0]}), so it cannot be audited. Fix the role's properties.`,
        );
      }
      return;
    }
    report(node, audit?.findings ?? []);
  }

  /**
   * Audits the roles of a StackSet's instance template (its JSON `TemplateBody`), reported on
   * the StackSet, whose path prefixes the roles' logical ids.
   */
  private visitStackSet(node: CfnResource): void {
    const stack = Stack.of(node);
    const logicalId = stack.resolve(node.logicalId) as string;
    const template = stackSetTemplate(renderResource(stack, node, logicalId));
    if (template === undefined) {
      return;
    }
    const base = node.node.path.replace(/\/Resource$/, '');
    const audits = auditStack({ stack: base, template, pathOf: (id) => `${base}/${id}` }, this.issuers);
    report(node, audits.flatMap((audit) => audit.findings));
  }

  /** The audit of a role resource: undefined when it trusts no CI provider, the error when it cannot be rendered. */
  private auditOf(node: CfnResource): RoleAudit | undefined | Error {
    const stack = Stack.of(node);
    const index = this.indexOf(stack);
    const logicalId = stack.resolve(node.logicalId) as string;
    let role: TemplateResource;
    try {
      role = renderResource(stack, node, logicalId);
    } catch (error) {
      return error as Error;
    }
    return auditRole({
      stack: stack.node.path,
      template: { Resources: { ...index.resources, [logicalId]: role } },
      pathOf: (id) => (id === logicalId ? node.node.path : index.paths.get(id)),
      resolveOutside: (expression) => this.providerElsewhere(node, expression),
    }, logicalId, this.issuersOf(node));
  }

  /**
   * The issuers of the props, and those of the app's `GenericOidcProvider`s: a provider of this
   * library says what its issuer is, so its roles are audited without `genericIssuers`.
   */
  private issuersOf(node: IConstruct): IssuerOptions {
    if (this.appGenericIssuers === undefined) {
      this.appGenericIssuers = node.node.root.node.findAll()
        .filter((c): c is GenericOidcProvider => c instanceof GenericOidcProvider)
        .map((provider) => provider.issuer);
    }
    return this.appGenericIssuers.length === 0 ? this.issuers
      : { ...this.issuers, genericIssuers: [...(this.issuers.genericIssuers ?? []), ...this.appGenericIssuers] };
  }

  /**
   * Fails when a stage below `node` holds CI roles (or roles it cannot read) that no guard
   * audited: CDK synthesizes every stage before the Aspects of the stage around it run, and an
   * Aspect never crosses into a stage. Stages without such roles have nothing to miss.
   */
  private checkStagesBelow(node: IConstruct): void {
    for (const stage of node.node.children.filter((c): c is Stage => Stage.isStage(c))) {
      const audited = this.auditedStages.has(stage)
        || Aspects.of(stage).all.some((aspect) => aspect instanceof CiTrustGuard && aspect.auditedStages.has(stage));
      const missed = audited ? [] : stage.node.findAll()
        .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::IAM::Role')
        .filter((role) => this.auditOf(role) !== undefined)
        .map((role) => role.node.path);
      if (missed.length > 0) {
        throw invalid('CiTrustGuard stage', stage.node.path,
          `the guard cannot audit its roles (${missed.join(', ')}): CDK applies an Aspect within its own stage only, and synthesizes every stage before`,
          'the guard added with CiTrustGuard.addTo(app) once the stages are defined (it covers the app and every stage); ' +
          'in a CDK Pipelines app, pipeline.addStage() synthesizes the stage at once, so call CiTrustGuard.addTo(stage) before it');
      }
    }
  }

  /** The providers and policies of a stack, resolved once per stack. */
  private indexOf(stack: Stack): StackIndex {
    let index = this.stacks.get(stack);
    if (index === undefined) {
      const resources: Record<string, TemplateResource> = {};
      const paths = new Map<string, string>();
      for (const child of stack.node.findAll()) {
        if (CfnResource.isCfnResource(child) && INDEXED_TYPES.has(child.cfnResourceType) && Stack.of(child) === stack) {
          const id = stack.resolve(child.logicalId) as string;
          const rendered = tryRender(stack, child, id);
          if (rendered !== undefined) {
            resources[id] = rendered;
            paths.set(id, child.node.path);
          }
        }
      }
      index = { resources, paths };
      this.stacks.set(stack, index);
    }
    return index;
  }

  /**
   * The issuer of a provider in another stack of the app: before synthesis, a reference to it
   * resolves to its logical id there. Used only when every provider with that id has the same URL.
   */
  private providerElsewhere(node: IConstruct, expression: unknown): string | undefined {
    const target = referencedLogicalId(expression);
    if (target === undefined) {
      return undefined;
    }
    if (this.appProviders === undefined) {
      this.appProviders = new Map();
      for (const child of node.node.root.node.findAll()) {
        if (CfnResource.isCfnResource(child) && (child.cfnResourceType === 'AWS::IAM::OIDCProvider' || child.cfnResourceType === 'Custom::AWSCDKOpenIdConnectProvider')) {
          const stack = Stack.of(child);
          const id = stack.resolve(child.logicalId) as string;
          const url = providerUrl(tryRender(stack, child, id));
          if (url !== undefined) {
            const urls = this.appProviders.get(id) ?? new Set<string>();
            urls.add(url);
            this.appProviders.set(id, urls);
          }
        }
      }
    }
    const urls = this.appProviders.get(target);
    return urls !== undefined && urls.size === 1 ? [...urls][0] : undefined;
  }
}

/**
 * A resource as its template will show it. `_toCloudFormation()` is how aws-cdk-lib renders
 * every resource, L1 classes and generic `CfnResource`s (custom resources, roles of other
 * libraries) alike, so one reading covers them all.
 */
function renderResource(stack: Stack, resource: CfnResource, logicalId: string): TemplateResource {
  const rendered = stack.resolve((resource as unknown as { _toCloudFormation(): object })._toCloudFormation()) as {
    Resources?: Record<string, TemplateResource>;
  };
  return rendered.Resources?.[logicalId] ?? {};
}

/** A resource as its template will show it, or undefined when it cannot be rendered (its own validation reports why). */
function tryRender(stack: Stack, resource: CfnResource, logicalId: string): TemplateResource | undefined {
  try {
    return renderResource(stack, resource, logicalId);
  } catch {
    return undefined;
  }
}

/** Whether a construct above `node` in its stack fails its own validation, which synthesis reports. */
function ownersInvalid(node: IConstruct): boolean {
  for (let scope = node.node.scope; scope !== undefined && !Stack.isStack(scope); scope = scope.node.scope) {
    if (scope.node.validate().length > 0) {
      return true;
    }
  }
  return false;
}

/** Errors as errors; warnings once, unless the node already carries the same risk's warning. */
function report(node: IConstruct, findings: Finding[]): void {
  const reported = warningsOf(node);
  for (const finding of findings) {
    const text = formatFinding(finding);
    if (finding.severity === 'error') {
      Annotations.of(node).addError(`[${finding.id}] ${text}`);
    } else if (!reported.some((warning) => warning.includes(`[ack: ${finding.id}]`))) {
      Annotations.of(node).addWarningV2(finding.id, text);
    }
  }
}

/** The warnings a node carries before the guard visits it (e.g. a CiDeployRole's own subject warnings). */
function warningsOf(node: IConstruct): string[] {
  return node.node.metadata.filter((entry) => entry.type === 'aws:cdk:warning').map((entry) => String(entry.data));
}
