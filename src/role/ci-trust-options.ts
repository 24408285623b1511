/**
 * Options of the trust a CI principal expresses, for every platform.
 *
 * Options that only one platform's tokens can satisfy are in `GitHubTrustOptions` and
 * `GitLabTrustOptions`; the role and principal props take all of them.
 */
export interface CiTrustOptions {
  /**
   * The audience (`aud` claim) the token must carry.
   *
   * @default - the provider's audience (`sts.amazonaws.com` unless the provider says otherwise)
   */
  readonly audience?: string;
}
