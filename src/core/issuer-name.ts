/** `https://Host/Path/` → `host/Path`: the form of IAM condition key prefixes and provider ARNs. */
export function normalizeIssuer(issuer: string): string {
  const bare = issuer.trim().replace(/^https:\/\//i, '').replace(/\/+$/, '');
  const slash = bare.indexOf('/');
  return slash === -1 ? bare.toLowerCase() : bare.slice(0, slash).toLowerCase() + bare.slice(slash);
}
