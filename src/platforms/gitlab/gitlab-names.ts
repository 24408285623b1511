import { Token } from 'aws-cdk-lib';
import { checkPositiveId, hasWildcard, invalid, textProblem } from '../../subjects/literal-part';

/**
 * One path segment of a GitLab group or project (GitLab's `PathRegex`): letters, digits,
 * '_', '-' and '.', not starting with '-'. Case is kept: the token carries the path as
 * GitLab stores it, and IAM compares case.
 */
const SEGMENT = /^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}$/;

/** A group may hold subgroups 20 levels deep. */
const MAX_GROUP_LEVELS = 21;

const PROJECT_FORM = "'<group>[/<subgroup>...]/<project>' with segments of letters, digits, '_', '-' and '.', e.g. 'acme-group/platform/api'";
const GROUP_FORM = "'<group>[/<subgroup>...]' with segments of letters, digits, '_', '-' and '.', e.g. 'acme-group' or 'acme-group/platform'";

/** Throws unless `path` is the literal full path of a GitLab project (namespace and project). */
export function checkProjectPath(property: string, path: string): void {
  const segments = checkPath(property, path, PROJECT_FORM, 'GitLabGroup.of(\'acme-group\')');
  if (segments.length < 2) {
    throw invalid(property, path, 'it has no group or user namespace before the project', PROJECT_FORM);
  }
  if (segments.length > MAX_GROUP_LEVELS + 1) {
    throw invalid(property, path, `it has ${segments.length - 1} namespace levels, and GitLab allows at most ${MAX_GROUP_LEVELS}`, PROJECT_FORM);
  }
  segments.slice(0, -1).forEach((segment) => checkNamespaceSegment(property, path, segment, PROJECT_FORM));
}

/** Throws unless `path` is the literal full path of a GitLab group, subgroup or user namespace. */
export function checkGroupPath(property: string, path: string): void {
  const segments = checkPath(property, path, GROUP_FORM, 'GitLabGroup.of(\'acme-group\')');
  if (segments.length > MAX_GROUP_LEVELS) {
    throw invalid(property, path, `it has ${segments.length} levels, and GitLab allows at most ${MAX_GROUP_LEVELS}`, GROUP_FORM);
  }
  segments.forEach((segment) => checkNamespaceSegment(property, path, segment, GROUP_FORM));
}

/** Throws unless `id` is a positive integer that JavaScript holds exactly. */
export function checkId(property: string, id: number | undefined, example: string): void {
  checkPositiveId(property, id, `GitLab's numeric id, e.g. ${example}`);
}

function checkPath(property: string, path: string, form: string, wholeGroup: string): string[] {
  if (Token.isUnresolved(path)) {
    throw invalid(property, path, 'it is a token; paths must be literal so that they can be checked', form);
  }
  if (hasWildcard(path)) {
    throw invalid(property, path, `wildcards are never allowed in a group or project path (for every project of a group use ${wholeGroup})`, form);
  }
  const problem = textProblem(path);
  if (problem) {
    throw invalid(property, path, problem, form);
  }
  if (path.startsWith('/') || path.endsWith('/')) {
    throw invalid(property, path, "it starts or ends with '/'", form);
  }
  const segments = path.split('/');
  for (const segment of segments) {
    if (segment.length === 0) {
      throw invalid(property, path, "it has an empty segment ('//')", form);
    }
    if (!SEGMENT.test(segment) || segment === '.' || segment === '..') {
      throw invalid(property, path, `'${segment}' is not a GitLab path segment`, form);
    }
    if (/\.(git|atom)$/.test(segment)) {
      throw invalid(property, path, `'${segment}' ends in '.git' or '.atom', which GitLab does not allow`, form);
    }
  }
  return segments;
}

/** Group and user namespaces, unlike projects, do not end with '.'. */
function checkNamespaceSegment(property: string, path: string, segment: string, form: string): void {
  if (segment.endsWith('.')) {
    throw invalid(property, path, `the namespace '${segment}' ends with '.', which GitLab does not allow`, form);
  }
}
