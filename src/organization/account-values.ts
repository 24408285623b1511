import { invalid } from '../subjects/literal-part';

/** An account's environment: also a CloudFormation parameter value and part of condition names. */
const ENVIRONMENT_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** IAM's role name characters. */
const ROLE_NAME_CHARACTERS = /^[\w+=,.@-]*$/;

/** IAM's longest role name. */
export const MAX_ROLE_NAME_LENGTH = 64;

/** Throws unless `value` is an environment name. */
export function checkEnvironment(property: string, value: string): void {
  if (!ENVIRONMENT_NAME.test(value)) {
    throw invalid(property, value, 'it is not an environment name', "1 to 64 letters, digits, '_' or '-', e.g. 'production'");
  }
}

/** Throws unless `value` may end a role name. */
export function checkRoleNameSuffix(property: string, value: string): void {
  if (!ROLE_NAME_CHARACTERS.test(value)) {
    throw invalid(property, value, 'it has characters IAM refuses in role names', "letters, digits and '+=,.@_-', e.g. '-eu'");
  }
}

/** The pattern a role-name suffix parameter allows, as CloudFormation reads it. */
export const ROLE_NAME_SUFFIX_PATTERN = '[\\w+=,.@-]*';
