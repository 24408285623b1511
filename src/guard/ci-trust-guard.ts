import { Annotations, CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { referencedLogicalId } from '../audit/cfn-expression';
import { Finding, formatFinding } from '../audit/finding';
import { STACK_SET_TYPE, stackSetTemplate } from '../audit/stackset-templates';
import { auditRole, auditStack, providerUrl, TemplateResource } from '../audit/template-audit';

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
}

/**
 * An Aspect that audits every IAM role that trusts a CI OIDC provider (GitHub Actions or
 * GitLab CI/CD): roles of this library, `iam.Role`s and `CfnRole`s written by hand, and
 * roles of other libraries.
 *
 * Errors (synthesis fails): no `sub` or `aud` condition, a wildcard in the owner,
 * repository, group or project position of `sub`, a set operator, `...IfExists`,
 * `StringNot...` or `...IgnoreCase` on a key of the issuer, condition keys of another issuer.
 * Warnings, acknowledgeable by id: pull request subjects, any branch, tag or job, a whole
 * owner or group, and administrator-level roles trusted by a branch rather than an
 * environment. Each message names the role, the condition and the fix.
 *
 * The guard reads the trust policy as CloudFormation will see it (the role's resolved
 * template), so add it last, to the app: `Aspects.of(app).add(new CiTrustGuard())`.
 * Warnings of the same risk that a `CiDeployRole` already reported are not repeated.
 *
 * @example
 * import { CiTrustGuard } from 'cdk-ci-oidc';
 *
 * declare const app: App;
 * Aspects.of(app).add(new CiTrustGuard());
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub
 */
export class CiTrustGuard implements IAspect {
  private readonly gitLabIssuers: string[];
  private readonly stacks = new Map<Stack, StackIndex>();
  private appProviders?: Map<string, Set<string>>;

  constructor(props: CiTrustGuardProps = {}) {
    this.gitLabIssuers = [...(props.gitLabIssuers ?? [])];
  }

  /**
   * Audits `node` if it is an `AWS::IAM::Role` resource.
   */
  public visit(node: IConstruct): void {
    if (CfnResource.isCfnResource(node) && node.cfnResourceType === STACK_SET_TYPE) {
      this.visitStackSet(node);
      return;
    }
    if (!CfnResource.isCfnResource(node) || node.cfnResourceType !== 'AWS::IAM::Role') {
      return;
    }
    const stack = Stack.of(node);
    const index = this.indexOf(stack);
    const logicalId = stack.resolve(node.logicalId) as string;
    const audit = auditRole({
      stack: stack.node.path,
      template: { Resources: { ...index.resources, [logicalId]: renderResource(stack, node, logicalId) } },
      pathOf: (id) => (id === logicalId ? node.node.path : index.paths.get(id)),
      resolveOutside: (expression) => this.providerElsewhere(node, expression),
    }, logicalId, { gitLabIssuers: this.gitLabIssuers });
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
    const audits = auditStack({ stack: base, template, pathOf: (id) => `${base}/${id}` }, { gitLabIssuers: this.gitLabIssuers });
    report(node, audits.flatMap((audit) => audit.findings));
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
          resources[id] = renderResource(stack, child, id);
          paths.set(id, child.node.path);
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
          const url = providerUrl(renderResource(stack, child, id));
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
