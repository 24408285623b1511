import { aws_iam as iam, Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { ACCOUNT_ID, REGION_NAME } from '../core/aws-names';
import { invalid } from '../subjects/literal-part';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\x21-\x7e]+$/;
const ROLE_ARN_FORM = "an IAM role ARN such as 'arn:aws:iam::123456789012:role/DeployRole'";

/**
 * The region the job works in: the one given, else the stack's. The pipeline needs a literal
 * value, and a region of another partition could not reach the role.
 */
export function jobRegion(role: iam.Role, method: string, given: string | undefined): string {
  const stack = Stack.of(role);
  const region = given ?? (Token.isUnresolved(stack.region) ? undefined : stack.region);
  if (region === undefined) {
    throw invalid(`${method} region`, 'undefined', `the stack of '${role.node.path}' has no region`, "a region, e.g. { region: 'eu-west-1' }");
  }
  if (Token.isUnresolved(region) || !REGION_NAME.test(region)) {
    throw invalid(`${method} region`, region, Token.isUnresolved(region) ? 'it is a token' : 'it is not a region name', "a region such as 'eu-west-1'");
  }
  const rolePartition = partitionOf(stack.region);
  const jobPartition = partitionOf(region);
  if (rolePartition && jobPartition && rolePartition !== jobPartition) {
    throw invalid(`${method} region`, region,
      `it is in partition ${jobPartition}, and the role's stack (${stack.region}) in ${rolePartition}`, `a region of partition ${rolePartition}`);
  }
  return region;
}

/**
 * The role's ARN as a literal string, for a pipeline file: the one given, else built from the
 * role's physical name and path and the stack's account and partition.
 */
export function literalRoleArn(role: iam.Role, method: string, region: string, given: string | undefined): string {
  const known = knownArn(role, region);
  if (given !== undefined) {
    if (Token.isUnresolved(given) || !ROLE_ARN.test(given)) {
      throw invalid(`${method} roleArn`, given,
        Token.isUnresolved(given) ? 'it is a token, and the pipeline file needs the ARN itself' : 'it is not an IAM role ARN', ROLE_ARN_FORM);
    }
    if (typeof known === 'string' && known !== given) {
      throw invalid(`${method} roleArn`, given, `the role '${role.node.path}' is ${known}`, `'${known}', or leave roleArn out`);
    }
    return given;
  }
  if (typeof known !== 'string') {
    throw invalid(`${method} roleArn`, 'undefined', `the ARN of '${role.node.path}' is not known at synthesis (${known.reason})`,
      'roleArn (the value of addArnOutput() after a deployment), or a role with a roleName in a stack with an account');
  }
  return known;
}

function knownArn(role: iam.Role, region: string): string | { reason: string } {
  const stack = Stack.of(role);
  const resource = role.node.defaultChild as iam.CfnRole;
  const name = resource.roleName;
  const path = resource.path ?? '/';
  if (name === undefined || Token.isUnresolved(name)) {
    return { reason: 'the role has no roleName, so CloudFormation names it' };
  }
  if (Token.isUnresolved(path)) {
    return { reason: 'its path is a token' };
  }
  if (Token.isUnresolved(stack.account) || !ACCOUNT_ID.test(stack.account)) {
    return { reason: 'its stack has no account' };
  }
  const partition = partitionOf(Token.isUnresolved(stack.region) ? region : stack.region);
  if (partition === undefined) {
    return { reason: `the partition of region ${region} is not known` };
  }
  return `arn:${partition}:iam::${stack.account}:role${path}${name}`;
}

function partitionOf(region: string): string | undefined {
  return Token.isUnresolved(region) ? undefined : RegionInfo.get(region).partition;
}
