import { GitLabIssuer } from './gitlab-issuer';
import { GitLabOidcProvider, GitLabOidcProviderProps } from './gitlab-oidc-provider';
import { CiPlatform } from '../../core/ci-platform';
import { ProviderDefinition } from '../../providers/provider-definition';

/** A GitLab CI/CD provider of an account baseline (gitlab.com by default). */
export function gitLabProviderDefinition(props: GitLabOidcProviderProps): ProviderDefinition {
  const issuer = (props.issuer ?? GitLabIssuer.gitLabDotCom()).issuer;
  return {
    platform: CiPlatform.GITLAB_CI,
    issuer,
    define: (scope, id, create) => (create
      ? new GitLabOidcProvider(scope, id, props)
      : GitLabOidcProvider.fromAccount(scope, id, { issuer: props.issuer, audience: props.audience })),
  };
}
