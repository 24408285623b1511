import { CiPlatform } from '../core/ci-platform';

/** What a provider construct knows about its issuer. */
export interface IssuerDescription {
  readonly platform: CiPlatform;
  /** Host and path, without `https://`. */
  readonly issuer: string;
  readonly conditionClaims: string[];
}
