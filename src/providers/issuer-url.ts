import { Token } from 'aws-cdk-lib';
import { hostnameProblem } from './hostname';

/** A path segment of an issuer URL (`https://example.com/gitlab`, `https://api.pulumi.com/oidc`). */
const PATH_SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

/**
 * Why an https URL cannot be the URL of an IAM OIDC provider whose issuer names condition keys,
 * or undefined when it can. A single trailing `/` is allowed (the caller decides whether it is
 * part of the issuer).
 */
export function issuerUrlProblem(url: string): string | undefined {
  if (Token.isUnresolved(url)) {
    // The issuer names every condition key, so it must be known at synthesis.
    return 'it is a token; the URL must be literal because IAM names the condition keys after it';
  }
  if (/\s/.test(url)) {
    return 'it contains white space';
  }
  if (!url.startsWith('https://')) {
    return 'it does not start with https:// (IAM accepts only https issuers)';
  }
  const rest = url.slice('https://'.length).replace(/\/$/, '');
  if (/[?#]/.test(rest)) {
    return 'it has a query or fragment';
  }
  if (rest.includes('@')) {
    return 'it has credentials';
  }
  const [host, ...path] = rest.split('/');
  const hostProblem = hostnameProblem(host);
  if (hostProblem) {
    return `its host '${host}' is ${hostProblem === 'has a port' ? 'followed by a port' : hostProblem}`;
  }
  const badSegment = path.find((segment) => !PATH_SEGMENT.test(segment));
  if (badSegment !== undefined) {
    return `its path segment '${badSegment}' is empty or not made of letters, digits, '.', '_', '~' and '-'`;
  }
  if (rest.length > 255 - 'https://'.length) {
    return 'it is longer than 255 characters (the most IAM accepts for a provider URL)';
  }
  return undefined;
}
