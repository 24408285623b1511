import { GitHubIssuer } from './github-issuer';
import { GitHubOidcProvider, GitHubOidcProviderProps } from './github-oidc-provider';
import { CiPlatform } from '../../core/ci-platform';
import { ProviderDefinition } from '../../providers/provider-definition';

/** A GitHub Actions provider of an account baseline (github.com by default). */
export function gitHubProviderDefinition(props: GitHubOidcProviderProps): ProviderDefinition {
  const issuer = props.issuer ?? GitHubIssuer.gitHubDotCom();
  return {
    platform: CiPlatform.GITHUB_ACTIONS,
    issuer: issuer.issuer,
    define: (scope, id, create) => (create
      ? new GitHubOidcProvider(scope, id, props)
      : GitHubOidcProvider.fromAccount(scope, id, { issuer: props.issuer, audience: props.audience })),
  };
}
