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

/**
 * Actions that let a principal give itself any permission: IAM's well-known privilege
 * escalation paths. Matched by pattern semantics, so `iam:Put*`, `iam:*Policy` and `*:*`
 * count as well as the names.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
 */
const ESCALATION_ACTIONS = [
  'iam:AttachGroupPolicy', 'iam:AttachRolePolicy', 'iam:AttachUserPolicy',
  'iam:PutGroupPolicy', 'iam:PutRolePolicy', 'iam:PutUserPolicy',
  'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion',
  'iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile',
  'iam:UpdateAssumeRolePolicy', 'iam:AddUserToGroup',
  'iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary',
];

/** Actions that run something with a role passed by `iam:PassRole`: together they hand out that role's rights. */
const PASS_ROLE_CONSUMERS = [
  'cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:CreateChangeSet', 'cloudformation:CreateStackSet',
  'lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration', 'ec2:RunInstances', 'ecs:RunTask', 'ecs:RegisterTaskDefinition',
  'glue:CreateDevEndpoint', 'glue:CreateJob', 'codebuild:CreateProject', 'datapipeline:CreatePipeline', 'sagemaker:CreateNotebookInstance',
];

/** Samples of actions of unrelated services: an action pattern matching all of them matches every action. */
const EVERY_ACTION_SAMPLES = ['iam:CreateUser', 's3:GetObject', 'ec2:RunInstances', 'sts:AssumeRole', 'kms:Decrypt'];

/** Sample resources of unrelated services and partitions: a pattern matching all of them matches every resource. */
const ANY_RESOURCES = ['arn:aws:iam::123456789012:role/any-role', 'arn:aws-cn:s3:::bucket/key', 'arn:aws-us-gov:ec2:us-gov-west-1:123456789012:instance/i-0'];
/** The IAM resource types an escalation action works on. */
const IAM_TYPES = ['role', 'user', 'group', 'policy'];
/** A CDK bootstrap deploy role, which deploys with CloudFormation's execution policy (AdministratorAccess by default). */
const BOOTSTRAP_DEPLOY_ROLE = /:role\/(?:[^:]*\/)?cdk-[^/]*-deploy-role-/;

/** IAM matching of an action or resource pattern (`*`, `?`), case-insensitive as IAM compares actions. */
export function matches(pattern: string, text: string, ignoreCase: boolean): boolean {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = COMPILED.get(key);
  if (regex === undefined) {
    const source = pattern.split('').map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
    // Policies repeat the same few patterns: an account export asks for each thousands of times.
    if (COMPILED.size < 10_000) {
      COMPILED.set(key, regex);
    }
  }
  return regex.test(text);
}

/** The compiled patterns of matches(), by case mode and pattern. */
const COMPILED = new Map<string, RegExp>();

/**
 * A statement's resources as patterns: a CloudFormation expression inside one (a parameter,
 * an import) can be deployed as anything, so it counts as `*`.
 */
function resourcePatterns(resources: unknown): string[] {
  return asList(resources).map((r) => (typeof r === 'string' ? r : renderExpression(r).replace(/\$\{[^}]*\}/g, '*').replace(/^\{.*\}$/, '*')));
}

/** One Allow statement, read for what it grants. */
interface Grant {
  /** Whether the statement grants `action` (Action patterns, or NotAction's complement). */
  readonly grants: (action: string) => boolean;
  readonly resources: string[];
  /** The actions, as written. */
  readonly label: string;
  /** Where the statement is, e.g. ` in <managed policy>`. */
  readonly where: string;
  readonly notAction: boolean;
}

/**
 * Whether a grant covers an IAM resource of `type` whatever its name: a resource pattern
 * matching an arbitrary name in its own partition and account (`*`, `arn:aws:iam::<account>:role/*`).
 */
function coversAnyIam(g: Grant, type: string): boolean {
  return g.resources.some((r) => {
    const arn = /^arn:([^:]*):iam::([^:]*):/.exec(r);
    const partition = arn && !/[*?]/.test(arn[1]) ? arn[1] : 'aws';
    const account = arn && /^\d{12}$/.test(arn[2]) ? arn[2] : '123456789012';
    return matches(r, `arn:${partition}:iam::${account}:${type}/zz-any-name`, false);
  });
}

function grantOf(stmt: Record<string, unknown>, where: string): Grant {
  if (stmt.NotAction !== undefined) {
    const excluded = asList(stmt.NotAction).map((a) => (typeof a === 'string' ? a : undefined));
    // An expression in NotAction may exclude nothing: it is read as excluding nothing.
    return {
      grants: (action) => !excluded.some((a) => a !== undefined && matches(a, action, true)),
      resources: stmt.NotResource !== undefined ? ['*'] : resourcePatterns(stmt.Resource),
      label: `NotAction ${JSON.stringify(asList(stmt.NotAction).map(renderExpression))}`,
      where,
      notAction: true,
    };
  }
  // An expression in Action can be deployed as any action: it counts as '*'.
  const actions = asList(stmt.Action).map((a) => (typeof a === 'string' ? a : '*'));
  return {
    grants: (action) => actions.some((a) => matches(a, action, true)),
    // NotResource grants every resource but the listed ones.
    resources: stmt.NotResource !== undefined ? ['*'] : resourcePatterns(stmt.Resource),
    label: actions.length === 1 ? `"${actions[0]}"` : JSON.stringify(actions),
    where,
    notAction: false,
  };
}

/** Why the Allow statements of a role amount to administrator-level access, if they do. */
function adminReasonsOf(grants: Grant[]): string[] {
  const reasons: string[] = [];
  const coversAll = (g: Grant): boolean => ANY_RESOURCES.every((resource) => g.resources.some((r) => matches(r, resource, false)));
  for (const g of grants) {
    if (coversAll(g) && (g.notAction || EVERY_ACTION_SAMPLES.every(g.grants))) {
      reasons.push(`${g.label} on every resource${g.where}${g.notAction ? ': every other action' : ''}`);
      continue;
    }
    const types = IAM_TYPES.filter((type) => coversAnyIam(g, type));
    const escalation = types.length === 0 ? [] : ESCALATION_ACTIONS.filter((action) => g.grants(action));
    if (escalation.length > 0) {
      const what = escalation.length === ESCALATION_ACTIONS.length ? 'every IAM privilege-escalation action' : `the privilege escalation ${escalation.join(', ')}`;
      reasons.push(`${g.label} on any IAM ${types.join(', ')}${g.where}: ${what}`);
    }
    if (g.grants('sts:AssumeRole') && coversAnyIam(g, 'role')) {
      reasons.push(`${g.label} on any role${g.where}: sts:AssumeRole into whatever role trusts the account`);
    } else if (g.grants('sts:AssumeRole') && g.resources.some((r) => BOOTSTRAP_DEPLOY_ROLE.test(r))) {
      reasons.push(`${g.label} on the CDK bootstrap deploy role${g.where}, which deploys with CloudFormation's execution policy (AdministratorAccess by default)`);
    }
  }
  const passRole = grants.find((g) => g.grants('iam:PassRole') && coversAnyIam(g, 'role'));
  const consumer = passRole && PASS_ROLE_CONSUMERS.find((action) => grants.some((g) => g.grants(action)));
  if (reasons.length === 0 && passRole && consumer) {
    reasons.push(`${passRole.label} on any role${passRole.where} with ${consumer}: it can pass any role to what it creates`);
  }
  return reasons;
}

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
  const grants: Grant[] = [];
  for (const policy of attached) {
    if (policy.managedName !== undefined) {
      managedPolicies.push(policy.managedName);
    }
    for (const statement of policy.statements) {
      const stmt = (statement ?? {}) as Record<string, unknown>;
      // An expression as the effect may deploy as Allow: it counts as one.
      if (stmt.Effect === 'Deny') {
        continue;
      }
      asList(stmt.Action).map(renderExpression).forEach((a) => actions.add(a));
      if (stmt.NotAction !== undefined) {
        asList(stmt.NotAction).map(renderExpression).forEach((a) => actions.add(`NotAction ${a}`));
      }
      grants.push(grantOf(stmt, policy.managedName ? ` in ${policy.managedName}` : ''));
    }
  }
  adminReasons.push(...adminReasonsOf(grants));
  return {
    managedPolicies: [...new Set(managedPolicies)],
    actions: [...actions].sort(),
    adminReasons: [...new Set(adminReasons)],
  };
}
