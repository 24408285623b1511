import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkKind, invalid } from '../core/runtime-checks';

/** The audience that `aws-actions/configure-aws-credentials` requests, and GitLab jobs are told to. */
export const STS_AUDIENCE = 'sts.amazonaws.com';

/** The STS audience in the China partition. */
export const STS_AUDIENCE_CHINA = 'sts.amazonaws.com.cn';

/**
 * The STS audience for the stack's partition: `sts.amazonaws.com.cn` in China regions.
 *
 * An environment-agnostic stack gets `sts.amazonaws.com`: the partition is not known
 * at synthesis, and an audience cannot be a CloudFormation expression in a condition key.
 */
function defaultAudience(scope: IConstruct): string {
  const region = Stack.of(scope).region;
  return !Token.isUnresolved(region) && region.startsWith('cn-') ? STS_AUDIENCE_CHINA : STS_AUDIENCE;
}

/** The audience of a provider: the one given, validated, else the stack's partition default. */
export function providerAudience(scope: IConstruct, given: string | undefined): string {
  return given === undefined ? defaultAudience(scope) : validateAudience('audience', given);
}

/** Validates an audience given by the user; tokens are accepted as they are. */
export function validateAudience(property: string, audience: string): string {
  checkKind(property, audience, 'string', `a string such as '${STS_AUDIENCE}'`);
  if (Token.isUnresolved(audience)) {
    return audience;
  }
  if (audience.length === 0 || audience.length > 255 || /[\s*?]/.test(audience) || audience.includes('${')) {
    throw invalid(property, audience, 'it must be 1 to 255 characters without spaces, wildcards or \'${\'',
      `1 to 255 such characters, e.g. '${STS_AUDIENCE}'`);
  }
  return audience;
}
