/*
 * `aws iam get-account-authorization-details`: every role of an account with its trust policy,
 * inline policies and attached managed policies, and the managed policies' versions. Each
 * account becomes one template whose roles carry the same properties a CloudFormation role
 * would, so the audit reads them as it reads a stack. One account may come in several files
 * (pages of the API), and one file may hold several accounts: roles and policies are gathered
 * per account first, from the account id in their ARNs.
 *
 * @see https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
import { accountOfArn, AuditUnit, InputProblem, policyDocument, resource, RoleOrigin } from './audit-unit';
import { TemplateResource } from '../template-audit';

/** Whether a JSON document is the output of get-account-authorization-details. */
export function isAuthorizationDetails(json: unknown): boolean {
  return json !== null && typeof json === 'object' && Array.isArray((json as Record<string, unknown>).RoleDetailList);
}

interface RoleDetail {
  readonly RoleName?: unknown;
  readonly Arn?: unknown;
  readonly AssumeRolePolicyDocument?: unknown;
  readonly RolePolicyList?: Array<{ PolicyName?: unknown; PolicyDocument?: unknown }>;
  readonly AttachedManagedPolicies?: Array<{ PolicyName?: unknown; PolicyArn?: unknown }>;
}

interface ManagedPolicyDetail {
  readonly PolicyName?: unknown;
  readonly Arn?: unknown;
  readonly PolicyVersionList?: Array<{ Document?: unknown; IsDefaultVersion?: unknown }>;
}

interface AccountRoles {
  readonly roles: Array<{ detail: RoleDetail; file: string }>;
}

/** The roles and managed policies of the exports read so far, by account. */
export class AuthorizationDetails {
  private readonly accounts = new Map<string, AccountRoles>();
  /** Managed policies by ARN: AWS managed ones (`arn:aws:iam::aws:policy/...`) serve every account. */
  private readonly policies = new Map<string, ManagedPolicyDetail>();
  private readonly problems: InputProblem[] = [];
  private readonly documents = new Map<string, unknown>();

  /** Adds one file's export. */
  public add(file: string, json: unknown): void {
    const document = json as { RoleDetailList: unknown[]; Policies?: unknown };
    for (const entry of document.RoleDetailList) {
      const detail = (entry ?? {}) as RoleDetail;
      const account = accountOfArn(detail.Arn);
      if (account === undefined || typeof detail.RoleName !== 'string') {
        this.problems.push({ path: file, message: `a RoleDetailList entry has no role ARN or RoleName (${JSON.stringify(detail.Arn ?? detail.RoleName ?? null)}): skipped` });
        continue;
      }
      const roles = this.accounts.get(account) ?? { roles: [] };
      this.accounts.set(account, roles);
      // The same role in two exports (two runs, or overlapping pages) is one role: the first one read counts.
      if (!roles.roles.some((r) => r.detail.Arn === detail.Arn)) {
        roles.roles.push({ detail, file });
      }
    }
    for (const policy of Array.isArray(document.Policies) ? document.Policies as ManagedPolicyDetail[] : []) {
      if (typeof policy?.Arn === 'string') {
        this.policies.set(policy.Arn, policy);
      }
    }
  }

  /** One unit per account, in the order the accounts were first met, and the problems of the exports. */
  public read(): { units: AuditUnit[]; problems: InputProblem[] } {
    const units = [...this.accounts.entries()].map(([account, { roles }]) => this.unitOf(account, roles));
    return { units, problems: this.problems };
  }

  /** The default version's document of a managed policy of the exports, decoded once. */
  private defaultDocument(arn: string): unknown {
    if (!this.documents.has(arn)) {
      const version = this.policies.get(arn)?.PolicyVersionList?.find((v) => v?.IsDefaultVersion === true);
      this.documents.set(arn, policyDocument(version?.Document));
    }
    return this.documents.get(arn);
  }

  private unitOf(account: string, roles: AccountRoles['roles']): AuditUnit {
    const resources: Record<string, TemplateResource> = {};
    const origins = new Map<string, RoleOrigin>();
    const names = new Map<string, string>();
    let policyCount = 0;
    roles.forEach(({ detail, file }, index) => {
      const logicalId = `Role${index + 1}`;
      const arns: string[] = [];
      for (const attached of detail.AttachedManagedPolicies ?? []) {
        if (typeof attached?.PolicyArn !== 'string') {
          continue;
        }
        arns.push(attached.PolicyArn);
        const document = this.defaultDocument(attached.PolicyArn);
        if (document !== undefined) {
          // The policy's statements, attached by name like an AWS::IAM::ManagedPolicy's Roles: one resource per
          // attachment, as a policy shared by many roles would make each role's look-up go through all their names.
          const policyId = `Policy${++policyCount}`;
          names.set(policyId, /:policy\/(.+)$/.exec(attached.PolicyArn)?.[1] ?? attached.PolicyArn);
          resources[policyId] = resource('AWS::IAM::ManagedPolicy', { PolicyDocument: document, Roles: [detail.RoleName] });
        }
      }
      resources[logicalId] = resource('AWS::IAM::Role', {
        RoleName: detail.RoleName,
        AssumeRolePolicyDocument: policyDocument(detail.AssumeRolePolicyDocument) ?? detail.AssumeRolePolicyDocument,
        Policies: (detail.RolePolicyList ?? []).map((p) => ({ PolicyName: p?.PolicyName, PolicyDocument: policyDocument(p?.PolicyDocument) })),
        ManagedPolicyArns: arns,
      });
      names.set(logicalId, detail.Arn as string);
      origins.set(logicalId, {
        file, format: 'iam-authorization-details', account, region: 'global', arn: detail.Arn as string, name: detail.RoleName as string,
      });
    });
    const stack = `account ${account}`;
    return {
      input: { stack, template: { Resources: resources }, pathOf: (logicalId) => names.get(logicalId) },
      origin: (logicalId) => origins.get(logicalId) ?? { file: roles[0]?.file ?? '', format: 'iam-authorization-details', account },
    };
  }
}
