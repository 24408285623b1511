/*
 * The roles a CI role may go on to assume (`sts:AssumeRole`), in words: a role of
 * `allowCdkDeploy()` assumes the CDK bootstrap roles of its target accounts, and the review says
 * which kind of bootstrap role, of which account and region.
 */
import { asList, renderExpression } from './cfn-expression';
import { matches } from './permissions';
import { attachedPolicies, StackAuditInput } from './template-audit';

/** A role (or role pattern) that a role may assume, and what it is. */
export interface AssumableRole {
  /** The resource as the policy has it (expressions as `${...}`). */
  readonly resource: string;
  readonly description: string;
}

/**
 * The bootstrap roles `cdk bootstrap` creates: `cdk-<qualifier>-<kind>-role-<account>-<region>`.
 *
 * @see https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping-env.html
 */
const BOOTSTRAP_ROLE = /:iam::([^:]*):role\/(?:[^:]*\/)?cdk-([^-]+)-(deploy|file-publishing|image-publishing|lookup)-role-([^-]+)-(.+)$/;

function placeholder(value: string): string {
  return value === '*' || value.includes('${') ? 'any' : value;
}

/** What a resource of an `sts:AssumeRole` statement stands for, in words. */
export function describeAssumableRole(resource: string): string {
  if (resource === '*' || /^arn:[^:]*:iam::\*:role\/\*$/.test(resource)) {
    return 'any role of any account that trusts this one';
  }
  const bootstrap = BOOTSTRAP_ROLE.exec(resource);
  if (bootstrap) {
    const [, , qualifier, kind, account, region] = bootstrap;
    const accountText = placeholder(account) === 'any' ? 'any account' : `account ${account}`;
    const regionText = placeholder(region) === 'any' ? 'any region' : region;
    return `the CDK bootstrap ${kind} role of ${accountText} in ${regionText} (qualifier ${qualifier})`;
  }
  const role = /:iam::([^:]*):role\/(.+)$/.exec(resource);
  if (role) {
    const account = placeholder(role[1]) === 'any' ? 'any account' : `account ${role[1]}`;
    return role[2].includes('*') ? `roles matching ${role[2]} of ${account}` : `role ${role[2]} of ${account}`;
  }
  return `${resource} (not a role ARN)`;
}

/** The resources of the Allow statements attached to a role that grant `sts:AssumeRole`, described. */
export function assumableRoles(input: StackAuditInput, logicalId: string): AssumableRole[] {
  const result = new Map<string, AssumableRole>();
  for (const policy of attachedPolicies(input, logicalId)) {
    for (const statement of policy.statements) {
      const stmt = (statement ?? {}) as Record<string, unknown>;
      if (stmt.Effect === 'Deny' || stmt.NotAction !== undefined) {
        continue;
      }
      const actions = asList(stmt.Action).map((a) => (typeof a === 'string' ? a : '*'));
      if (!actions.some((a) => matches(a, 'sts:AssumeRole', true))) {
        continue;
      }
      for (const resource of asList(stmt.Resource).map(renderExpression)) {
        result.set(resource, { resource, description: describeAssumableRole(resource) });
      }
    }
  }
  return [...result.values()];
}
