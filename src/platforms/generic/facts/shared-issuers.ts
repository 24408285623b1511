/*
 * Shared OIDC issuers: one issuer URL for every tenant, so the tenant is told by a claim, and IAM
 * refuses to create (or update) a role trusting one of them whose trust policy does not evaluate
 * that claim ("identity-provider controls", June 2025). CDK-free.
 *
 * Sources, read 2026-12-02:
 * - AWS IAM User Guide, "Identity-provider controls for shared OIDC providers",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html
 *   (the stored copy holds the page's introduction: private vs shared issuers, tenancy "communicated
 *   through claims in JWT", creation and updates refused, existing roles not re-evaluated until their
 *   next trust-policy update; its table of issuers was not in the stored excerpt).
 * - The issuers and claims of that table as reproduced by two independent audits (secorvia/frontdoor
 *   `internal/issuers` test; a Python audit's `SHARED_OIDC_PROVIDERS`, "Source: Identity-provider
 *   controls for shared OIDC providers"), which agree with each other and with PLATFORMS.md.
 * - aws-samples/resource-control-policy-examples `Limit-access-to-trusted-OIDC-identity-providers/
 *   Shared-Issuers.json` (AWS's own samples): the tenant prefix each shared issuer's `sub` starts with.
 */

/** The claim that names the tenant of a shared issuer's token. */
export type TenancyClaim = 'sub' | 'aud' | 'sts:RoleSessionName';

/** A shared issuer on IAM's identity-provider controls list. */
export interface SharedIssuer {
  /** Host and path, without `https://`. */
  readonly issuer: string;
  readonly name: string;
  /** The claim IAM requires a trust policy to evaluate. */
  readonly tenancy: TenancyClaim;
  /**
   * For `sub` tenancy, the start every `sub` of one tenant has (from AWS's RCP samples): a pattern's
   * fixed part must hold it completely, or the pattern admits other tenants.
   */
  readonly tenantPrefix?: RegExp;
  /** The tenant prefix in words, for error messages. */
  readonly tenantPrefixForm?: string;
}

/** A complete value of a `:`-separated subject part: no wildcard, no separator. */
const PART = '[^:/*?]+';

function sub(issuer: string, name: string, prefix: string, form: string): SharedIssuer {
  return { issuer, name, tenancy: 'sub', tenantPrefix: new RegExp(`^${prefix}`), tenantPrefixForm: form };
}

/** The IBM Turbonomic SaaS issuers (AWS's RCP sample lists six). */
const TURBONOMIC = [
  'rh-oidc.s3.us-east-1.amazonaws.com/22ejnvnnturfmt6km08idd0nt4hekbn7',
  'rh-oidc.s3.us-east-1.amazonaws.com/23e3sd27sju1hoou6ohfs68vbno607tr',
  'rh-oidc.s3.us-east-1.amazonaws.com/23ne21h005qjl3n33d8dui5dlrmv2tmg',
  'rh-oidc.s3.us-east-1.amazonaws.com/24jrf12m5dj7ljlfb4ta2frhrcoadm26',
  'oidc.op1.openshiftapps.com/2f785sojlpb85i7402pk3qogugim5nfb',
  'oidc.op1.openshiftapps.com/2c51blsaqa9gkjt0o9rt11mle8mmropu',
];

/** The shared issuers and the claim that names their tenants. */
export const SHARED_ISSUERS: readonly SharedIssuer[] = [
  sub('token.actions.githubusercontent.com', 'GitHub Actions', `repo:${PART}/`, "'repo:<owner>/'"),
  sub('vstoken.actions.githubusercontent.com', 'GitHub Actions (vstoken)', `repo:${PART}/`, "'repo:<enterprise-slug>/'"),
  sub('oidc-configuration.audit-log.githubusercontent.com', 'GitHub audit log streaming', `https://github\\.com/${PART}$`, "'https://github.com/<enterprise-slug>'"),
  sub('gitlab.com', 'GitLab.com', `project_(?:path|id):${PART}[:/]`, "'project_path:<group>/' or 'project_id:<id>:'"),
  sub('app.terraform.io', 'HCP Terraform', `organization:${PART}:`, "'organization:<organization>:'"),
  sub('agent.buildkite.com', 'Buildkite', `organization:${PART}:`, "'organization:<organization-slug>:'"),
  sub('oidc.codefresh.io', 'Codefresh', `account:${PART}:`, "'account:<account-id>:'"),
  sub('studio.datachain.ai/api', 'DVC Studio', `credentials:${PART}/`, "'credentials:<team>/'"),
  sub('scalr.io', 'Scalr', `account:${PART}:`, "'account:<account-name>:'"),
  sub('tokens.cloud.shisho.dev', 'Shisho Cloud', `job:${PART}:`, "'job:<organization-id>:'"),
  sub('proidc.upbound.io', 'Upbound', `mcp:${PART}:`, "'mcp:<organization>:'"),
  ...TURBONOMIC.map((issuer) => sub(issuer, 'IBM Turbonomic SaaS', `system:serviceaccount:${PART}:`, "'system:serviceaccount:<tenant-id>:'")),
  { issuer: 'oidc.vercel.com', name: 'Vercel', tenancy: 'aud' },
  { issuer: 'api.pulumi.com/oidc', name: 'Pulumi Cloud', tenancy: 'aud' },
  { issuer: 'sandboxes.cloud', name: 'sandboxes.cloud', tenancy: 'aud' },
  { issuer: 'cognito-identity.amazonaws.com', name: 'Amazon Cognito identity pools', tenancy: 'aud' },
  { issuer: 'sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d', name: 'Microsoft Sentinel', tenancy: 'sts:RoleSessionName' },
];

/**
 * Issuers IAM has built in (no `AWS::IAM::OIDCProvider` can be created for them): a role names them
 * as `"Federated": "accounts.google.com"` and so on.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html
 */
export const BUILT_IN_ISSUERS: readonly string[] = ['accounts.google.com', 'cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com'];

/** The shared issuer an issuer (host and path, without `https://` or a trailing `/`) is, or undefined. */
export function sharedIssuerOf(issuer: string): SharedIssuer | undefined {
  const bare = issuer.replace(/\/+$/, '');
  const slash = bare.indexOf('/');
  const normalized = slash === -1 ? bare.toLowerCase() : bare.slice(0, slash).toLowerCase() + bare.slice(slash);
  return SHARED_ISSUERS.find((shared) => shared.issuer === normalized);
}
