import { ANY_CIRCLECI_ID, CIRCLECI_ID, vcsOriginProblem } from './circleci-facts';
import { FindingId, FindingIdValue } from '../../../core/finding-id';
import { ReadingWarning } from '../../../core/finding-texts';
import { scopeProblemReading, SubjectKind, SubjectReading, unrecognizedReading } from '../../../core/subject-reading';

/*
 * How a CircleCI `sub` value reads, for the raw subjects (`CircleCiSubject.fromClaim`) and the audit.
 * The grammar is strict because IAM's `*` matches `/`: a `*` anywhere before a literal `/vcs-origin/`
 * or `/vcs-ref/` can stand for the text of a branch name, so a job on the branch
 * `x/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/main` of any origin would match CircleCI's own
 * documented example `org/<org>/project/*\/user/*\/vcs-origin/github.com/acme/*\/vcs-ref/refs/heads/main`.
 * Allowed wildcards: the user id as `????????-????-????-????-????????????` (exactly one UUID), `*` as
 * the whole tail after `/user/` or after the organization's `/project/`, and wildcards in the ref.
 */

/** What kind of job a CircleCI subject admits. */
export type CircleCiSubjectKind = 'branch' | 'tag' | 'anyRef' | 'anyJob' | 'wholeOrganization' | 'other';

/** A legal but risky CircleCI subject. */
export interface CircleCiRisk {
  readonly id: FindingIdValue;
  readonly message: string;
  readonly fix: string;
}

/** A CircleCI `sub` value, read. */
export interface CircleCiSubjectReading {
  readonly organizationId: string;
  /** Undefined for a whole-organization subject. */
  readonly projectId?: string;
  readonly vcsOrigin?: string;
  readonly vcsRef?: string;
  readonly kind: CircleCiSubjectKind;
  /** In plain words, e.g. `CircleCI project 0f1e... (github.com/acme/api), branch main`. */
  readonly description: string;
  readonly risks: CircleCiRisk[];
  /** The branch or tag name (or pattern), for branch and tag subjects. */
  readonly refName?: string;
}

/** Why a value is not a CircleCI subject this library reads, and the form to use. */
export interface CircleCiSubjectProblem {
  readonly why: string;
  readonly fix: string;
}

const FIX = "a CircleCI subject such as 'org/<org id>/project/<project id>/user/????????-????-????-????-????????????/vcs-origin/<host>/<owner>/<repository>/vcs-ref/refs/heads/<branch>' " +
  '(CircleCiProject.of(...).branch(...) builds it)';

/** Reads a CircleCI `sub` value: its parts and risks, or the problem that makes it unusable. */
export function readCircleCiSubject(value: string, pattern: boolean): CircleCiSubjectReading | CircleCiSubjectProblem {
  const head = /^org\/([^/]*)\/project\/([^/]*)(?:\/user\/(.*))?$/.exec(value);
  if (!head) {
    return { why: "is not of CircleCI's form 'org/<org id>/project/<project id>/user/<user id>[/vcs-origin/<origin>/vcs-ref/<ref>]'", fix: FIX };
  }
  const [, organizationId, projectId, rest] = head;
  if (!CIRCLECI_ID.test(organizationId)) {
    return { why: `has '${organizationId}' as organization id, which is not a lowercase UUID (a wildcard there matches other organizations)`, fix: FIX };
  }
  if (pattern && projectId === '*' && rest === undefined) {
    return {
      organizationId,
      kind: 'wholeOrganization',
      description: `every project of CircleCI organization ${organizationId}`,
      risks: [wholeOrganization(organizationId), ReadingWarning.anyRef(`CircleCI organization ${organizationId}`, true, PROJECT_FIX)],
    };
  }
  if (!CIRCLECI_ID.test(projectId)) {
    return { why: `has '${projectId}' as project id, which is not a lowercase UUID (a wildcard there matches every project)`, fix: FIX };
  }
  if (rest === undefined) {
    return { why: "ends after the project id, and CircleCI's sub always goes on with '/user/<user id>'", fix: FIX };
  }
  const project = `CircleCI project ${projectId}`;
  if (pattern && rest === '*') {
    return {
      organizationId,
      projectId,
      kind: 'anyJob',
      description: `${project}, any job`,
      risks: [ReadingWarning.anyRef(project, true,
        'Name the VCS origin and a branch or tag (CircleCiProject.of(...).branch(...)): every job includes custom webhooks and, when the project passes secrets to forks, forked pull requests.')],
    };
  }
  const tail = /^([^/]*)(?:\/vcs-origin\/(.+)\/vcs-ref\/(.+))?$/.exec(rest);
  const user = tail?.[1];
  if (tail === null || user === undefined || !(CIRCLECI_ID.test(user) || (pattern && user === ANY_CIRCLECI_ID))) {
    return {
      why: pattern && rest.includes('*') && /\/vcs-(origin|ref)\//.test(rest)
        ? "has a '*' before its vcs-origin or vcs-ref part, and IAM's '*' also matches '/': a branch named 'x/vcs-origin/<origin>/vcs-ref/<ref>' " +
          'in any repository would spell the origin and ref it trusts'
        : "does not have one user id (a UUID, or '????????-????-????-????-????????????' for any user) after '/user/'",
      fix: FIX,
    };
  }
  const [, , vcsOrigin, vcsRef] = tail;
  if (vcsOrigin === undefined || vcsRef === undefined) {
    // The V1 form: one user of the project.
    return { organizationId, projectId, kind: 'other', description: `${project}, jobs started by user ${user}`, risks: [] };
  }
  const originProblem = vcsOriginProblem(vcsOrigin);
  if (originProblem || vcsOrigin.includes('/vcs-ref/') || vcsOrigin.includes('/vcs-origin/')) {
    return { why: `has the VCS origin '${vcsOrigin}', which ${originProblem ?? 'holds a vcs-ref or vcs-origin part'}`, fix: FIX };
  }
  const label = `${project} (${vcsOrigin})`;
  const wildcard = pattern && /[*?]/.test(vcsRef);
  if (wildcard && /^\*+$/.test(vcsRef)) {
    return {
      organizationId,
      projectId,
      vcsOrigin,
      vcsRef,
      kind: 'anyRef',
      description: `${label}, any branch or tag`,
      risks: [ReadingWarning.anyRef(label, false, 'Name a branch or tag.')],
    };
  }
  const ref = /^refs\/(heads|tags)\/(.+)$/.exec(vcsRef);
  if (!ref) {
    return { organizationId, projectId, vcsOrigin, vcsRef, kind: 'other', description: `${label}, ref ${vcsRef}`, risks: [] };
  }
  const kind = ref[1] === 'heads' ? 'branch' : 'tag';
  const name = ref[2];
  const risks: CircleCiRisk[] = wildcard && /^[*?/]+$/.test(name) ? [ReadingWarning.everyRef(label, kind, `Name the ${kind}es.`)] : [];
  return { organizationId, projectId, vcsOrigin, vcsRef, kind, refName: name, description: `${label}, ${kind} ${name}`, risks };
}

/** Whether a reading is a problem. */
export function isCircleCiProblem(reading: CircleCiSubjectReading | CircleCiSubjectProblem): reading is CircleCiSubjectProblem {
  return 'why' in reading;
}

const PROJECT_FIX = 'Name the project (CircleCiProject.of(...)), its VCS origin and a branch or tag.';

/** The warning for a subject that admits every project of an organization. */
export function wholeOrganization(organizationId: string): CircleCiRisk {
  return ReadingWarning.whole(FindingId.WHOLE_ORGANIZATION, 'project', organizationId, false, PROJECT_FIX);
}

const AUDIT_KINDS: Record<CircleCiSubjectKind, SubjectKind> = {
  branch: 'branch', tag: 'tag', anyRef: 'anyRef', anyJob: 'anyJob', wholeOrganization: 'anyJob', other: 'other',
};

/**
 * A CircleCI `sub` value as the audit reads it: a pattern the grammar refuses is an error (its
 * wildcard may stand for another project, origin or ref), an exact value it refuses matches no token.
 */
export function readCircleCiSubjectForAudit(value: string, pattern: boolean): SubjectReading {
  const reading = readCircleCiSubject(value, pattern);
  if (isCircleCiProblem(reading)) {
    return pattern && /[*?]/.test(value)
      ? scopeProblemReading(value, pattern, reading.why, reading.fix)
      : unrecognizedReading(value, pattern, `${reading.why}, so no CircleCI token carries it`);
  }
  return { value, pattern, description: reading.description, kind: AUDIT_KINDS[reading.kind], risks: reading.risks };
}
