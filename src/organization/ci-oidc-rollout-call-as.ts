/**
 * Which account the StackSet's operations run as.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-delegated-admin.html
 */
export enum CiOidcRolloutCallAs {
  /** The stack is deployed in the organization's management account. */
  SELF = 'SELF',
  /** The stack is deployed in a member account registered as a delegated administrator for StackSets. */
  DELEGATED_ADMIN = 'DELEGATED_ADMIN',
}
