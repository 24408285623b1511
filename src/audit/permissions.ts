import { asList, renderExpression } from './cfn-expression';

/** What a role may do, for the review: the policies attached and the actions they allow. */
export interface PermissionSummary {
  /** Managed policies, by name (`AdministratorAccess`, `service-role/...`) or construct path. */
  readonly managedPolicies: string[];
  /** The actions that the role's own policies allow (inline, `AWS::IAM::Policy`, managed policies of the template), sorted. */
  readonly actions: string[];
  /** Why the permissions are administrator-level; empty when they are not. */
  readonly adminReasons: string[];
}

/** A policy attached to the role, as found in the template. */
export interface AttachedPolicy {
  /** How to name it in the summary; undefined for inline policies. */
  readonly managedName?: string;
  /** The policy document's statements. */
  readonly statements: unknown[];
}

/** AWS managed policies that grant administrator-level access (IAMFullAccess: a role can grant itself anything). */
const ADMIN_MANAGED_POLICIES = ['AdministratorAccess', 'IAMFullAccess'];

/** Actions that, on every resource, amount to administrator access. */
const ADMIN_ACTIONS = ['*', '*:*', 'iam:*'];

/**
 * Summarizes the permissions of a role: its `ManagedPolicyArns` (rendered) and the policies
 * attached to it.
 */
export function summarizePermissions(managedPolicyArns: unknown[], attached: AttachedPolicy[]): PermissionSummary {
  const managedPolicies: string[] = [];
  const adminReasons: string[] = [];
  for (const arn of managedPolicyArns) {
    const text = renderExpression(arn);
    const match = /:policy\/(.+)$/.exec(text);
    const name = match ? match[1] : text;
    managedPolicies.push(name);
    if (/:iam::aws:policy\//.test(text) && ADMIN_MANAGED_POLICIES.includes(name)) {
      adminReasons.push(`managed policy ${name}`);
    }
  }
  const actions = new Set<string>();
  for (const policy of attached) {
    if (policy.managedName !== undefined) {
      managedPolicies.push(policy.managedName);
    }
    for (const statement of policy.statements) {
      const stmt = (statement ?? {}) as Record<string, unknown>;
      if (stmt.Effect !== 'Allow') {
        continue;
      }
      const stmtActions = asList(stmt.Action).map(renderExpression);
      stmtActions.forEach((a) => actions.add(a));
      if (stmt.NotAction !== undefined) {
        asList(stmt.NotAction).map(renderExpression).forEach((a) => actions.add(`NotAction ${a}`));
      }
      const everyResource = asList(stmt.Resource).some((r) => r === '*');
      const admin = stmtActions.find((a) => ADMIN_ACTIONS.includes(a.toLowerCase()));
      if (everyResource && admin !== undefined) {
        adminReasons.push(`"${admin}" on every resource${policy.managedName ? ` in ${policy.managedName}` : ''}`);
      }
    }
  }
  return {
    managedPolicies: [...new Set(managedPolicies)],
    actions: [...actions].sort(),
    adminReasons: [...new Set(adminReasons)],
  };
}
