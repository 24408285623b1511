import { Token } from 'aws-cdk-lib';
import { ACCOUNT_ID } from '../core/aws-names';
import { invalid } from '../subjects/literal-part';

/*
 * The id grammar of AWS Organizations, from its API reference:
 * an OU id is `ou-` + 4 to 32 lowercase letters or digits (the root's id) + `-` + 8 to 32 more
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_OrganizationalUnit.html),
 * a root id is `r-` + 4 to 32 lowercase letters or digits
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_Parent.html).
 */
const ORGANIZATIONAL_UNIT_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const ROOT_ID = /^r-[0-9a-z]{4,32}$/;

const OU_OR_ROOT_FORM = "an OU id 'ou-' + 4 to 32 lowercase letters or digits + '-' + 8 to 32 more (e.g. 'ou-ab12-cdef3456'), or a root id 'r-' + 4 to 32 (e.g. 'r-ab12')";
const ACCOUNT_FORM = "12 digits, e.g. '123456789012'";

/** Throws unless `id` is an OU or root id (tokens are left to CloudFormation). */
export function checkOrganizationalUnitId(property: string, id: string): void {
  if (Token.isUnresolved(id)) {
    return;
  }
  if (!ORGANIZATIONAL_UNIT_ID.test(id) && !ROOT_ID.test(id)) {
    throw invalid(property, id, 'it is not an organizational unit or root id', OU_OR_ROOT_FORM);
  }
}

/** Throws unless `id` is a 12-digit account id (tokens are left to CloudFormation). */
export function checkAccountId(property: string, id: string): void {
  if (!Token.isUnresolved(id) && !ACCOUNT_ID.test(id)) {
    throw invalid(property, id, 'it is not an AWS account id', ACCOUNT_FORM);
  }
}

/** Throws when a list is empty or names an id twice. */
export function checkIdList(property: string, ids: string[], what: string): void {
  if (ids.length === 0) {
    throw invalid(property, '[]', `it names no ${what}`, `at least one ${what}`);
  }
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      throw invalid(property, ids.join(', '), `it names '${id}' twice`, `each ${what} once`);
    }
    seen.add(id);
  }
}
