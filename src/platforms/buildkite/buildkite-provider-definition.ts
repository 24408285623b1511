import { BuildkiteOidcProvider, BuildkiteOidcProviderProps } from './buildkite-oidc-provider';
import { BUILDKITE_ISSUER } from './facts/buildkite-names';
import { CiPlatform } from '../../core/ci-platform';
import { ProviderDefinition } from '../../providers/provider-definition';

/** The Buildkite provider of an account baseline. */
export function buildkiteProviderDefinition(props: BuildkiteOidcProviderProps): ProviderDefinition {
  return {
    platform: CiPlatform.BUILDKITE,
    issuer: BUILDKITE_ISSUER,
    define: (scope, id, create) => (create
      ? new BuildkiteOidcProvider(scope, id, props)
      : BuildkiteOidcProvider.fromAccount(scope, id, { audience: props.audience })),
  };
}
