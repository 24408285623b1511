import { aws_iam as iam, Duration, Token } from 'aws-cdk-lib';
import { invalid } from '../subjects/literal-part';

/** IAM's grammar for a role session name (AWS STS API reference, `RoleSessionName`: 2 to 64 of `[\w+=,.@-]`). */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** The shortest session STS grants (`DurationSeconds`, AWS STS API reference). */
const MIN_SECONDS = 900;
/** The longest session any role allows (`MaxSessionDuration`). */
const MAX_SECONDS = 43200;

/** A session name the job passes to STS, checked against IAM's grammar. */
export function checkSessionName(method: string, name: string | undefined): string | undefined {
  if (name !== undefined && (Token.isUnresolved(name) || !SESSION_NAME.test(name))) {
    throw invalid(`${method} roleSessionName`, name,
      Token.isUnresolved(name) ? 'it is a token, and the pipeline file needs the value itself' : 'IAM does not accept it as a role session name',
      "2 to 64 of letters, digits and '_+=,.@-', e.g. 'deploy-api'");
  }
  return name;
}

/**
 * The session duration in seconds, from 15 minutes to the role's maximum session duration
 * (STS refuses a longer one); a role whose maximum is a token is only held to IAM's 12 hours.
 */
export function checkSessionDuration(method: string, role: iam.Role, duration: Duration | undefined): number | undefined {
  if (duration === undefined) {
    return undefined;
  }
  const seconds = duration.toSeconds({ integral: false });
  if (Token.isUnresolved(seconds) || !Number.isInteger(seconds)) {
    throw invalid(`${method} roleSessionDuration`, duration.toString(), Token.isUnresolved(seconds) ? 'it is a token' : 'it is not a whole number of seconds',
      'a Duration from 15 minutes to the role\'s maximum session duration, e.g. Duration.minutes(30)');
  }
  const roleMax = (role.node.defaultChild as iam.CfnRole).maxSessionDuration;
  const max = roleMax === undefined ? 3600 : roleMax;
  const known = !Token.isUnresolved(max);
  const limit = known ? max : MAX_SECONDS;
  if (seconds < MIN_SECONDS || seconds > limit) {
    const why = seconds < MIN_SECONDS ? 'STS grants no session shorter than 15 minutes'
      : known ? `it is longer than the maximum session duration of '${role.node.path}' (${limit} seconds), and STS would refuse it`
        : 'IAM allows no session longer than 12 hours';
    throw invalid(`${method} roleSessionDuration`, `${duration.toHumanString()}`, why,
      `${MIN_SECONDS} to ${limit} seconds, e.g. Duration.minutes(30)${known ? ', or raise the role\'s maxSessionDuration' : ''}`);
  }
  return seconds;
}
