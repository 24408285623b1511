import { GitHubIssuer } from '../platforms/github/github-issuer';
import { GITLAB_DOT_COM_ISSUER } from '../platforms/gitlab/gitlab-url';
import { checkPositiveId, invalid } from '../subjects/literal-part';

/**
 * The most characters AWS Organizations allows in a resource control policy (and in a service
 * control policy); every character counts, white space too.
 *
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 */
const MAX_ORGANIZATION_POLICY_CHARACTERS = 5_120;

/**
 * Whose tokens of the shared issuers (github.com and gitlab.com) may assume roles in the
 * organization's accounts.
 */
export interface CiOidcGuardrailPolicyOptions {
  /**
   * The GitHub organizations or users (numeric ids: `repository_owner_id` in their tokens,
   * `https://api.github.com/orgs/<org>` `id`) whose github.com Actions tokens may assume roles.
   *
   * @default - github.com tokens are not restricted by the guardrail
   */
  readonly gitHubOwnerIds?: number[];

  /**
   * The gitlab.com namespaces (numeric ids: `namespace_id` in their tokens) whose jobs may
   * assume roles.
   *
   * `namespace_id` is the project's direct parent: a group with subgroups needs the id of
   * every subgroup that holds a deploying project. A new subgroup is refused until its id is
   * added, so the guardrail fails closed.
   *
   * @default - gitlab.com tokens are not restricted by the guardrail
   */
  readonly gitLabNamespaceIds?: number[];
}

/**
 * An organization guardrail for web identity: a resource control policy (RCP) that denies
 * `sts:AssumeRoleWithWebIdentity` on every role of the member accounts it is attached to, for
 * tokens of the shared issuers (github.com, gitlab.com) whose tenancy claim names another owner
 * or group than the organization's own.
 *
 * RCPs apply to AWS STS, and AWS STS passes the provider-specific claims to them as condition
 * keys; a role whose trust policy forgot its owner then still refuses other owners' tokens. RCPs
 * do not affect the management account's resources. Each statement applies only to tokens of
 * its issuer (`Null` on `<issuer>:sub`), so other issuers and other principals are untouched.
 *
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
 * @see https://aws.amazon.com/about-aws/whats-new/2026/01/aws-sts-supports-validation-identity-provider-claims/
 */
export class CiOidcGuardrailPolicy {
  /**
   * The policy as minified JSON, for teams that attach organization policies elsewhere
   * (Terraform, the console, AWS Control Tower).
   */
  public static render(options: CiOidcGuardrailPolicyOptions): string {
    const statements: unknown[] = [];
    const gitHub = checkIds('CiOidcGuardrailPolicy gitHubOwnerIds', options.gitHubOwnerIds, 'GitHub owner id');
    const gitLab = checkIds('CiOidcGuardrailPolicy gitLabNamespaceIds', options.gitLabNamespaceIds, 'gitlab.com namespace id');
    if (gitHub === undefined && gitLab === undefined) {
      throw invalid('CiOidcGuardrailPolicy options', '{}', 'it restricts nothing: it gives neither gitHubOwnerIds nor gitLabNamespaceIds',
        'gitHubOwnerIds, gitLabNamespaceIds or both, e.g. { gitHubOwnerIds: [1234567] }');
    }
    if (gitHub) {
      statements.push(denyOthers('DenyGitHubTokensOfOtherOwners', GitHubIssuer.gitHubDotCom().issuer, 'repository_owner_id', gitHub));
    }
    if (gitLab) {
      statements.push(denyOthers('DenyGitLabTokensOfOtherNamespaces', GITLAB_DOT_COM_ISSUER, 'namespace_id', gitLab));
    }
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    if (text.length > MAX_ORGANIZATION_POLICY_CHARACTERS) {
      throw invalid('CiOidcGuardrailPolicy policy', `${text.length} characters`,
        `it is over the ${MAX_ORGANIZATION_POLICY_CHARACTERS} AWS Organizations allows in a resource control policy`,
        'fewer owners or namespaces, or them split over two policies attached to different OUs');
    }
    return text;
  }

  private constructor() {}
}

/** A statement denying tokens of `issuer` whose `claim` is none of `ids`. */
function denyOthers(sid: string, issuer: string, claim: string, ids: number[]): unknown {
  return {
    Sid: sid,
    Effect: 'Deny',
    Principal: '*',
    Action: 'sts:AssumeRoleWithWebIdentity',
    Resource: '*',
    Condition: {
      // Only tokens of this issuer: for others the key is absent, and StringNotEquals would deny them too.
      Null: { [`${issuer}:sub`]: 'false' },
      // A token without the claim is denied as well: the guardrail fails closed.
      StringNotEquals: { [`${issuer}:${claim}`]: ids.map(String) },
    },
  };
}

function checkIds(property: string, ids: number[] | undefined, what: string): number[] | undefined {
  if (ids === undefined) {
    return undefined;
  }
  if (ids.length === 0) {
    throw invalid(property, '[]', `it names no ${what}`, 'at least one id, or leave the option out');
  }
  const seen = new Set<number>();
  for (const id of ids) {
    checkPositiveId(property, id, `a positive ${what}, e.g. 1234567`);
    if (seen.has(id)) {
      throw invalid(property, ids.join(', '), `it names ${id} twice`, `each ${what} once`);
    }
    seen.add(id);
  }
  return [...ids];
}
