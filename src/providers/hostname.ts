/**
 * Why a host name is not usable in an issuer URL, or undefined when it is.
 *
 * IAM refuses ports in provider URLs, and the host is part of every condition key,
 * so only plain lowercase DNS names are accepted.
 */
export function hostnameProblem(hostname: string): string | undefined {
  if (hostname.length === 0) {
    return 'empty';
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(hostname)) {
    return 'has a scheme';
  }
  if (hostname.includes(':')) {
    return 'has a port';
  }
  if (/[/?#]/.test(hostname)) {
    return 'has a path or query';
  }
  if (hostname.length > 253) {
    return 'longer than 253 characters';
  }
  const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
  const labels = hostname.split('.');
  if (labels.length < 2 || !labels.every((l) => label.test(l))) {
    return 'not a lowercase DNS name with at least two labels';
  }
  return undefined;
}
