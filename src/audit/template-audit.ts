import { asList, issuerOfProviderArn, referencedLogicalId } from './cfn-expression';
import { Finding, sortFindings } from './finding';
import { AttachedPolicy, PermissionSummary, summarizePermissions } from './permissions';
import { AuditOptions, auditTrustPolicy, CiTrust } from './trust-policy-audit';

/** A resource of a synthesized CloudFormation template. */
export interface TemplateResource {
  readonly Type?: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

/** The parts of a template the audit reads. */
export interface TemplateJson {
  readonly Resources?: Record<string, TemplateResource>;
}

/** A stack to audit. */
export interface StackAuditInput {
  /** The stack's name in the report. */
  readonly stack: string;
  readonly template: TemplateJson;
  /** The construct path of a resource, if known; else `<stack>/<logical id>`. */
  readonly pathOf?: (logicalId: string) => string | undefined;
  /** The issuer of a provider expression the template itself cannot resolve (imports, references to other stacks). */
  readonly resolveOutside?: (expression: unknown) => string | undefined;
}

/** Everything the review says about one role trusted by a CI provider. */
export interface RoleAudit {
  readonly stack: string;
  /** The role's construct path (without the trailing `/Resource`). */
  readonly path: string;
  readonly logicalId: string;
  readonly trusts: CiTrust[];
  readonly permissions: PermissionSummary;
  readonly findings: Finding[];
}

/** Resource types that are IAM OIDC providers, and the property holding their URL. */
const PROVIDER_TYPES: Record<string, string> = {
  'AWS::IAM::OIDCProvider': 'Url',
  // iam.OpenIdConnectProvider, the Lambda-backed provider that other libraries still use.
  'Custom::AWSCDKOpenIdConnectProvider': 'Url',
};

/** The URL of an OIDC provider resource, if it is one and its URL is literal. */
export function providerUrl(resource: TemplateResource | undefined): string | undefined {
  const property = resource?.Type === undefined ? undefined : PROVIDER_TYPES[resource.Type];
  const url = property === undefined ? undefined : resource?.Properties?.[property];
  return typeof url === 'string' ? url : undefined;
}

/** Audits every role of a stack that trusts a CI OIDC provider, in template order. */
export function auditStack(input: StackAuditInput, options: AuditOptions = {}): RoleAudit[] {
  return Object.entries(input.template.Resources ?? {})
    .filter(([, resource]) => resource.Type === 'AWS::IAM::Role')
    .map(([logicalId]) => auditRole(input, logicalId, options))
    .filter((audit): audit is RoleAudit => audit !== undefined);
}

/** Audits one role of a stack; undefined when it trusts no CI provider. */
export function auditRole(input: StackAuditInput, logicalId: string, options: AuditOptions = {}): RoleAudit | undefined {
  const resources = input.template.Resources ?? {};
  const properties = resources[logicalId]?.Properties ?? {};
  const path = rolePath(input, logicalId);
  const trustAudit = (adminReasons: string[]): ReturnType<typeof auditTrustPolicy> => auditTrustPolicy({
    rolePath: path,
    trustPolicy: properties.AssumeRolePolicyDocument,
    adminReasons,
    resolveProvider: (federated) => resolveProvider(input, federated),
  }, options);
  // A role that trusts no CI provider has no finding whatever its permissions (the admin finding is one per trust):
  // most roles of an account export are such, and their permissions are not summarized.
  const untrusted = trustAudit([]);
  // A role whose trust cannot be audited is reported too, with the error that says so.
  if (untrusted.trusts.length === 0 && untrusted.findings.length === 0) {
    return undefined;
  }
  // Managed policies of the template are summarized with their statements, by attachedPolicies().
  const externalArns = asList(properties.ManagedPolicyArns)
    .filter((arn) => resources[referencedLogicalId(arn) ?? '']?.Type !== 'AWS::IAM::ManagedPolicy');
  const permissions = summarizePermissions(externalArns, attachedPolicies(input, logicalId));
  const audit = permissions.adminReasons.length === 0 ? untrusted : trustAudit(permissions.adminReasons);
  return { stack: input.stack, path, logicalId, trusts: audit.trusts, permissions, findings: sortFindings(audit.findings) };
}

function rolePath(input: StackAuditInput, logicalId: string): string {
  const path = input.pathOf?.(logicalId) ?? `${input.stack}/${logicalId}`;
  return path.replace(/^\//, '').replace(/\/Resource$/, '');
}

/** The issuer of a `Federated` principal expression: a provider of the template, a literal ARN, or one resolved outside. */
export function resolveProvider(input: StackAuditInput, federated: unknown): string | undefined {
  const target = referencedLogicalId(federated);
  const url = target === undefined ? undefined : providerUrl(input.template.Resources?.[target]);
  return url ?? issuerOfProviderArn(federated) ?? input.resolveOutside?.(federated);
}

/** The policies of the template attached to the role, and the managed policies its `ManagedPolicyArns` reference. */
export function attachedPolicies(input: StackAuditInput, roleId: string): AttachedPolicy[] {
  const resources = input.template.Resources ?? {};
  const role = resources[roleId]?.Properties ?? {};
  const isRole = (value: unknown): boolean =>
    referencedLogicalId(value) === roleId || (typeof value === 'string' && value === role.RoleName);
  const result: AttachedPolicy[] = [];
  for (const inline of asList(role.Policies)) {
    result.push({ statements: statementsOf((inline as Record<string, unknown> | undefined)?.PolicyDocument) });
  }
  const managedRefs = new Set(asList(role.ManagedPolicyArns).map(referencedLogicalId).filter((id) => id !== undefined));
  for (const [id, resource] of Object.entries(resources)) {
    const props = resource.Properties ?? {};
    if (resource.Type === 'AWS::IAM::Policy' && asList(props.Roles).some(isRole)) {
      result.push({ statements: statementsOf(props.PolicyDocument) });
    } else if (resource.Type === 'AWS::IAM::RolePolicy' && isRole(props.RoleName)) {
      result.push({ statements: statementsOf(props.PolicyDocument) });
    } else if (resource.Type === 'AWS::IAM::ManagedPolicy' && (managedRefs.has(id) || asList(props.Roles).some(isRole))) {
      result.push({ managedName: rolePath(input, id), statements: statementsOf(props.PolicyDocument) });
    }
  }
  return result;
}

function statementsOf(document: unknown): unknown[] {
  return asList((document as Record<string, unknown> | undefined)?.Statement);
}

