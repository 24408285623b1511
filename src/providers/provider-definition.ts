import { Construct } from 'constructs';
import { ICiOidcProvider } from './ci-oidc-provider';
import { CiPlatform } from '../core/ci-platform';

/**
 * A provider of one platform and issuer that is not defined yet: each platform builds its own
 * (src/platforms/<platform>/), and an account baseline creates or imports it in every account.
 */
export interface ProviderDefinition {
  readonly platform: CiPlatform;
  /** The issuer without `https://`. */
  readonly issuer: string;
  /** Creates the provider in `scope` (`create`), or imports the account's provider of this issuer. */
  readonly define: (scope: Construct, id: string, create: boolean) => Construct | ICiOidcProvider;
}
