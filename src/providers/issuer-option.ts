import { checkOptionalKind, invalid, shownValue } from '../core/runtime-checks';

/**
 * Throws unless `options` is an object (or nothing) whose `issuer` is the platform's issuer
 * value object (or nothing): a JavaScript caller may pass a URL string or anything else.
 *
 * @param isIssuer whether a value is the platform's issuer, e.g. `(value) => value instanceof GitHubIssuer`
 * @param issuerType the issuer's class name, for the message
 */
export function checkIssuerOption(
  property: string, options: { issuer?: unknown } | undefined, isIssuer: (value: unknown) => boolean, issuerType: string, allowedForm: string,
): void {
  checkOptionalKind(property, options, 'object', 'an object of options, or nothing');
  if (options?.issuer !== undefined && !isIssuer(options.issuer)) {
    throw invalid(`${property}.issuer`, shownValue(options.issuer), `it is not a ${issuerType}`, allowedForm);
  }
}
