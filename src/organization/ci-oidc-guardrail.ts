import { aws_organizations as organizations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CiOidcGuardrailPolicy, CiOidcGuardrailPolicyOptions } from './ci-oidc-guardrail-policy';
import { checkAccountId, checkIdList, checkOrganizationalUnitId } from './organization-ids';

/**
 * Properties of a `CiOidcGuardrail`.
 */
export interface CiOidcGuardrailProps extends CiOidcGuardrailPolicyOptions {
  /**
   * The root, OUs or member accounts to attach the policy to.
   *
   * @default - none: the policy is created but not attached
   */
  readonly targetIds?: string[];

  /**
   * The policy's name in AWS Organizations.
   *
   * @default 'cdk-ci-oidc-web-identity-guardrail'
   */
  readonly policyName?: string;

  /**
   * The policy's description.
   *
   * @default - what it denies
   */
  readonly description?: string;
}

/**
 * The organization guardrail for web identity (`CiOidcGuardrailPolicy`) as an
 * `AWS::Organizations::Policy` of type `RESOURCE_CONTROL_POLICY`, for a stack of the
 * management account (or of a delegated administrator for AWS Organizations policies).
 *
 * Resource control policies must be enabled in the organization first.
 *
 * @example
 * import { CiOidcGuardrail } from 'cdk-ci-oidc';
 *
 * new CiOidcGuardrail(this, 'Guardrail', {
 *   gitHubOwnerIds: [1234567],
 *   gitLabNamespaceIds: [4242],
 *   targetIds: ['r-ab12'],
 * });
 *
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
 */
export class CiOidcGuardrail extends Construct {
  /**
   * The `AWS::Organizations::Policy` resource.
   */
  public readonly policy: organizations.CfnPolicy;

  /**
   * The policy as minified JSON.
   */
  public readonly policyDocument: string;

  constructor(scope: Construct, id: string, props: CiOidcGuardrailProps) {
    super(scope, id);
    this.policyDocument = CiOidcGuardrailPolicy.render(props);
    const targetIds = props.targetIds === undefined ? undefined : [...props.targetIds];
    if (targetIds !== undefined) {
      checkIdList('CiOidcGuardrail targetIds', targetIds, 'root, organizational unit or account id');
      for (const target of targetIds) {
        if (/^\d+$/.test(target)) {
          checkAccountId('CiOidcGuardrail target account id', target);
        } else {
          checkOrganizationalUnitId('CiOidcGuardrail target id', target);
        }
      }
    }
    this.policy = new organizations.CfnPolicy(this, 'Resource', {
      name: props.policyName ?? 'cdk-ci-oidc-web-identity-guardrail',
      description: props.description ?? 'Denies sts:AssumeRoleWithWebIdentity for github.com and gitlab.com tokens of other owners and namespaces',
      type: 'RESOURCE_CONTROL_POLICY',
      content: JSON.parse(this.policyDocument),
      targetIds,
    });
  }
}
