/*
 * `terraform show -json` of a plan or of a state: the AWS provider's IAM resources become the
 * CloudFormation resources they stand for (`aws_iam_role` an `AWS::IAM::Role` whose
 * `assume_role_policy` JSON string is its trust policy, `aws_iam_openid_connect_provider` an
 * `AWS::IAM::OIDCProvider`, `aws_iam_role_policy`, `aws_iam_policy` and the attachments the
 * policies attached to it), so the audit reads them as it reads a stack. A plan's values that are
 * known only after apply are absent from `planned_values` and marked in the resource change's
 * `after_unknown`; a role whose trust policy is unknown is named as not audited, and references
 * between resources of the plan are followed through `configuration`.
 *
 * @see https://developer.hashicorp.com/terraform/internals/json-format
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role
 */
import { accountOfArn, AuditUnit, InputProblem, policyDocument, resource, RoleOrigin } from './audit-unit';
import { TemplateResource } from '../template-audit';

interface TerraformResource {
  readonly address: string;
  readonly mode?: string;
  readonly type?: string;
  readonly values?: Record<string, unknown>;
}

interface TerraformModule {
  readonly address?: string;
  readonly resources?: TerraformResource[];
  readonly child_modules?: TerraformModule[];
}

interface ResourceChange {
  readonly address?: string;
  readonly change?: { readonly actions?: string[]; readonly after_unknown?: Record<string, unknown> };
}

interface ConfigurationModule {
  readonly resources?: Array<{ address?: string; expressions?: Record<string, { references?: string[] }> }>;
  readonly module_calls?: Record<string, { module?: ConfigurationModule }>;
}

interface TerraformShow {
  readonly format_version?: unknown;
  readonly values?: { root_module?: TerraformModule };
  readonly planned_values?: { root_module?: TerraformModule };
  readonly resource_changes?: ResourceChange[];
  readonly configuration?: { root_module?: ConfigurationModule };
}

/** `plan` or `state` when a JSON document is the output of `terraform show -json`; undefined otherwise. */
export function terraformKind(json: unknown): 'plan' | 'state' | undefined {
  const show = json as TerraformShow | null;
  if (show === null || typeof show !== 'object' || typeof show.format_version !== 'string') {
    return undefined;
  }
  if (show.planned_values !== undefined || show.resource_changes !== undefined) {
    return 'plan';
  }
  return show.values !== undefined || !('resources' in show) ? 'state' : undefined;
}

/** Whether a JSON document is a raw state file (`terraform.tfstate`), which `terraform show -json` turns into the documented form. */
export function isRawTerraformState(json: unknown): boolean {
  const state = json as Record<string, unknown> | null;
  return state !== null && typeof state === 'object' && typeof state.terraform_version === 'string'
    && typeof state.version === 'number' && Array.isArray(state.resources);
}

function moduleResources(module: TerraformModule | undefined): TerraformResource[] {
  if (module === undefined) {
    return [];
  }
  return [...(module.resources ?? []), ...(module.child_modules ?? []).flatMap(moduleResources)];
}

/** The references of an attribute's expression in the configuration, by resource address (without an instance key). */
function configurationReferences(root: ConfigurationModule | undefined): Map<string, Record<string, string[]>> {
  const result = new Map<string, Record<string, string[]>>();
  const walk = (module: ConfigurationModule | undefined, prefix: string): void => {
    for (const r of module?.resources ?? []) {
      const refs: Record<string, string[]> = {};
      for (const [attribute, expression] of Object.entries(r.expressions ?? {})) {
        refs[attribute] = (expression?.references ?? []).map((ref) => `${prefix}${ref}`);
      }
      result.set(`${prefix}${r.address}`, refs);
    }
    for (const [name, call] of Object.entries(module?.module_calls ?? {})) {
      walk(call.module, `${prefix}module.${name}.`);
    }
  };
  walk(root, '');
  return result;
}

/** A resource address without its instance key (`aws_iam_role.ci["a"]` → `aws_iam_role.ci`), as the configuration names it. */
function configAddress(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Reads a plan or a state into one unit (the file), and names the roles it cannot audit.
 *
 * @param file the file's path, for the origin of each role and the problems
 */
export function readTerraform(file: string, json: unknown): { units: AuditUnit[]; problems: InputProblem[] } {
  const show = json as TerraformShow;
  const kind = terraformKind(json)!;
  const resources = moduleResources(kind === 'plan' ? show.planned_values?.root_module : show.values?.root_module)
    .filter((r) => r.mode === undefined || r.mode === 'managed');
  const unknown = new Map<string, Record<string, unknown>>();
  for (const change of show.resource_changes ?? []) {
    if (typeof change.address === 'string' && change.change?.after_unknown) {
      unknown.set(change.address, change.change.after_unknown);
    }
  }
  const references = configurationReferences(show.configuration?.root_module);
  const problems: InputProblem[] = [];
  const template: Record<string, TemplateResource> = {};
  const origins = new Map<string, RoleOrigin>();
  const format = kind === 'plan' ? 'terraform-plan' : 'terraform-state';

  // Roles by address, and the name policies use to attach to them (the name, or the address while it is unknown).
  const roleNames = new Map<string, string>();
  const roles = resources.filter((r) => r.type === 'aws_iam_role');
  for (const role of roles) {
    roleNames.set(configAddress(role.address), str(role.values?.name) ?? role.address);
  }
  /** The role an attachment names: by its known name, or through the configuration's reference to a role of the plan. */
  const roleOf = (r: TerraformResource, attribute: string, value: unknown): string | undefined => {
    if (typeof value === 'string') {
      return value;
    }
    const target = references.get(configAddress(r.address))?.[attribute]?.find((ref) => roleNames.has(ref));
    return target === undefined ? undefined : roleNames.get(target);
  };
  const policiesByArn = new Map<string, string>();
  const policiesByAddress = new Map<string, string>();
  const attachments = new Map<string, string[]>();
  const attach = (policyId: string, roleName: string | undefined): void => {
    if (roleName !== undefined) {
      attachments.set(policyId, [...(attachments.get(policyId) ?? []), roleName]);
    }
  };
  const managedPolicyArns = new Map<string, string[]>();
  const addArn = (roleName: string | undefined, arn: string): void => {
    if (roleName !== undefined) {
      managedPolicyArns.set(roleName, [...(managedPolicyArns.get(roleName) ?? []), arn]);
    }
  };
  const names = new Map<string, string>();

  for (const r of resources) {
    const values = r.values ?? {};
    if (r.type === 'aws_iam_openid_connect_provider' && typeof values.url === 'string') {
      template[r.address] = resource('AWS::IAM::OIDCProvider', { Url: values.url });
    } else if (r.type === 'aws_iam_policy') {
      const document = policyDocument(values.policy);
      template[r.address] = resource('AWS::IAM::ManagedPolicy', { PolicyDocument: document ?? {} });
      names.set(r.address, str(values.name) ?? r.address);
      policiesByAddress.set(configAddress(r.address), r.address);
      if (typeof values.arn === 'string') {
        policiesByArn.set(values.arn, r.address);
      }
      if (document === undefined) {
        problems.push({ path: file, message: `${r.address}: the policy is ${unknown.get(r.address)?.policy === true ? 'known only after apply' : 'not a JSON policy document'}: its permissions are not read` });
      }
    } else if (r.type === 'aws_iam_role_policy') {
      template[r.address] = resource('AWS::IAM::RolePolicy', {
        RoleName: roleOf(r, 'role', values.role), PolicyDocument: policyDocument(values.policy) ?? {},
      });
    }
  }
  /** The policy a `policy_arn` names: a policy of the plan (by ARN, or by the configuration's reference), or an outside ARN. */
  const policyArnTarget = (r: TerraformResource): { policyId?: string; arn?: string } => {
    const arn = str(r.values?.policy_arn);
    if (arn !== undefined) {
      return { policyId: policiesByArn.get(arn), arn };
    }
    const ref = references.get(configAddress(r.address))?.policy_arn?.find((a) => policiesByAddress.has(a));
    return { policyId: ref === undefined ? undefined : policiesByAddress.get(ref) };
  };
  for (const r of resources) {
    if (r.type !== 'aws_iam_role_policy_attachment' && r.type !== 'aws_iam_policy_attachment') {
      continue;
    }
    const { policyId, arn } = policyArnTarget(r);
    const targets = r.type === 'aws_iam_role_policy_attachment'
      ? [roleOf(r, 'role', r.values?.role)]
      : Array.isArray(r.values?.roles) ? (r.values.roles as unknown[]).map(str) : [];
    for (const roleName of targets) {
      if (policyId !== undefined) {
        attach(policyId, roleName);
      }
      addArn(roleName, arn ?? names.get(policyId ?? '') ?? r.address);
    }
    if (policyId === undefined && arn === undefined) {
      problems.push({ path: file, message: `${r.address}: policy_arn is known only after apply and names no policy of the plan: the attached policy is not read` });
    }
  }
  for (const role of roles) {
    const values = role.values ?? {};
    const roleName = roleNames.get(configAddress(role.address))!;
    const trust = policyDocument(values.assume_role_policy);
    if (values.assume_role_policy === undefined) {
      const why = unknown.get(role.address)?.assume_role_policy === true ? 'is known only after apply' : 'is missing';
      problems.push({ path: file, message: `${role.address}: assume_role_policy ${why}: the role is not audited (audit the state after apply)` });
      continue;
    }
    const inline = Array.isArray(values.inline_policy) ? values.inline_policy as Array<Record<string, unknown>> : [];
    const arns = Array.isArray(values.managed_policy_arns) ? (values.managed_policy_arns as unknown[]).filter((a): a is string => typeof a === 'string') : [];
    for (const arn of arns) {
      const policyId = policiesByArn.get(arn);
      if (policyId !== undefined) {
        attach(policyId, roleName);
      }
    }
    template[role.address] = resource('AWS::IAM::Role', {
      RoleName: roleName,
      AssumeRolePolicyDocument: trust ?? values.assume_role_policy,
      Policies: inline.map((p) => ({ PolicyName: p.name, PolicyDocument: policyDocument(p.policy) ?? {} })),
      ManagedPolicyArns: [...new Set([...arns, ...(managedPolicyArns.get(roleName) ?? [])])],
    });
    names.set(role.address, role.address);
    const arn = str(values.arn);
    origins.set(role.address, {
      file, format, address: role.address, arn, name: str(values.name), account: accountOfArn(arn), region: arn === undefined ? undefined : 'global',
    });
  }
  for (const [policyId, attached] of attachments) {
    template[policyId] = resource('AWS::IAM::ManagedPolicy', { ...template[policyId].Properties, Roles: attached });
  }
  return {
    units: [{
      input: { stack: file, template: { Resources: template }, pathOf: (id) => names.get(id) },
      origin: (id) => origins.get(id) ?? { file, format, address: id },
    }],
    problems,
  };
}
