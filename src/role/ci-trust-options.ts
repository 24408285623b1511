/**
 * Options of the trust a CI principal expresses.
 */
export interface CiTrustOptions {
  /**
   * The audience (`aud` claim) the token must carry.
   *
   * @default - the provider's audience (`sts.amazonaws.com` unless the provider says otherwise)
   */
  readonly audience?: string;
}
