import { CiIssuerFamilyFacts, CiSelfHostedIssuers } from '../../../core/ci-platform-facts';

/** gitlab.com's issuer, without `https://`. */
export const GITLAB_DOT_COM_ISSUER = 'gitlab.com';

/**
 * The claims STS passes for gitlab.com's issuer (AWS STS service authorization reference,
 * 2026-01: `gitlab.com:<claim>`). AWS documents none for self-managed instances or GitLab Dedicated.
 */
export const GITLAB_DOT_COM_CONDITION_CLAIMS: readonly string[] = [
  'namespace_id', 'pipeline_source', 'project_id', 'ref_protected', 'runner_environment', 'user_access_level', 'user_email', 'user_id', 'user_login',
];

/** GitLab's issuers known by name: gitlab.com, shared by every group (the tenancy is in `sub`). */
export const GITLAB_ISSUER_FAMILIES: readonly CiIssuerFamilyFacts[] = [
  { name: 'gitlab.com', issuer: /^gitlab\.com$/, conditionClaims: GITLAB_DOT_COM_CONDITION_CLAIMS, tenancy: 'shared' },
];

/** Self-managed GitLab instances: their issuer is the instance's URL, which only the configuration names. */
export const GITLAB_SELF_MANAGED: CiSelfHostedIssuers = {
  option: 'gitLabIssuers',
  cliFlag: '--gitlab-issuer',
  familyName: 'self-managed GitLab',
  example: 'gitlab.example.com',
};
