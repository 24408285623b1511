/*
 * The words of every warning about a subject, each bound to its id (`finding-id.ts`): the subject
 * builders (a CiSubject's risks), the trust statements (claims not pinned), the audit's reading of
 * a `sub` value (CiTrustGuard, `cdk-ci-oidc report`) and each platform's facts all take them from
 * here, so one risk reads the same wherever it is found. Users may match these messages in logs:
 * change the words only with a release note. Platform words (a factory's name, a fix that names a
 * platform feature) are arguments, given by the platform's facts or builders.
 */
import { FindingId } from './finding-id';
import { SubjectRiskReading } from './subject-reading';
import { SubjectRisk } from './subject-spec';

/** The ids of the whole-owner, whole-group and whole-organization warnings. */
type WholeId = typeof FindingId.WHOLE_OWNER | typeof FindingId.WHOLE_GROUP | typeof FindingId.WHOLE_ORGANIZATION;

const PULL_REQUEST_FIX = 'Trust a branch or an environment for deploy roles; give a role for pull requests read-only permissions.';
const UNREVIEWED = 'pull_request jobs run code that has not been reviewed yet';

/** `Every repository of 'acme', including ones created later, may assume this role` (no final stop). */
function everyHolder(noun: string, name: string, subgroups: boolean): string {
  return `Every ${noun} of '${name}'${subgroups ? ' and its subgroups' : ''}, including ones created later, may assume this role`;
}

/** The warnings of the subject builders: an id and a message. */
export const SubjectWarning = {
  /** A subject of pull request jobs. */
  pullRequest: (label: string): SubjectRisk => ({ id: FindingId.PULL_REQUEST, message: `${label}: ${UNREVIEWED}; give this role read-only permissions.` }),
  /** A subject of any branch or tag. */
  anyRef: (label: string): SubjectRisk => ({ id: FindingId.ANY_REF, message: `${label}: any branch or tag may assume this role, so anyone who can push a branch can.` }),
  /** A branch or tag pattern that matches every branch (or tag), e.g. `*`. */
  everyRefName: (label: string, kind: 'branch' | 'tag', name: string): SubjectRisk => ({
    id: kind === 'branch' ? FindingId.ANY_BRANCH : FindingId.ANY_TAG,
    message: `${label}: ${kind} '${name}' matches every ${kind}.`,
  }),
  /** Every repository of an owner (`noun` `repository`, id wholeOwnerSubject) or project of a group; `prefer` names the factory of one. */
  whole: (id: WholeId, noun: string, name: string, subgroups: boolean, prefer: string): SubjectRisk => ({
    id,
    message: `${everyHolder(noun, name, subgroups)}; prefer ${prefer}.`,
  }),
  /** A raw subject that is a pattern; `factories` names the typed ones, e.g. `GitHubRepository and GitHubOwner`. */
  rawPattern: (sub: string, factories: string): SubjectRisk => ({
    id: FindingId.RAW_PATTERN,
    message: `The raw subject '${sub}' is a pattern; prefer the typed factories of ${factories}.`,
  }),
  /** A customized template's subject that names no repository. */
  templateWithoutRepository: (sub: string): SubjectRisk => ({
    id: FindingId.WHOLE_OWNER,
    message: `The custom subject '${sub}' names no repository: every repository of the owner, including ones created later, may assume this role.`,
  }),
  /** A customized template's subject that names no branch, tag or environment. */
  templateWithoutRef: (sub: string): SubjectRisk => ({ id: FindingId.ANY_REF, message: templateWithoutRefMessage(sub) }),
  /** A customized template's subject of pull request jobs. */
  templatePullRequest: (sub: string): SubjectRisk => ({
    id: FindingId.PULL_REQUEST,
    message: `The custom subject '${sub}': ${UNREVIEWED}; give this role read-only permissions.`,
  }),
  /** A claim the subject would pin that the issuer does not pass to IAM: `whenUnsupported` says what to do. */
  claimNotPinned: (whenUnsupported: string): SubjectRisk => ({ id: FindingId.CLAIM_NOT_PINNED, message: whenUnsupported }),
};

function templateWithoutRefMessage(value: string): string {
  return `The custom subject '${value}' names no branch, tag or environment: any branch, tag or pull request may assume this role.`;
}

/** The warnings of the audit's reading of a `sub` value: an id, a message and a fix. Platform fixes are arguments. */
export const ReadingWarning = {
  /** Any branch or tag (`anyJob`: every job) of `label`. */
  anyRef: (label: string, anyJob: boolean, fix: string): SubjectRiskReading => ({
    id: FindingId.ANY_REF,
    message: `${label}: ${anyJob ? 'every job' : 'any branch or tag'} may assume this role, so anyone who can push a branch can.`,
    fix,
  }),
  /** Every branch (or every tag) of `label`. */
  everyRef: (label: string, kind: 'branch' | 'tag', fix: string): SubjectRiskReading => ({
    id: kind === 'branch' ? FindingId.ANY_BRANCH : FindingId.ANY_TAG,
    message: `${label}: every ${kind} matches, so anyone who can push a ${kind} can assume this role.`,
    fix,
  }),
  /** Tags as well as branches of the same names. */
  refTypeNotFixed: (label: string, fix: string): SubjectRiskReading => ({
    id: FindingId.REF_TYPE_NOT_FIXED,
    message: `${label}: the subject admits tags as well as branches (the ref type is not fixed), so whoever can push a tag of a matching name can assume this role.`,
    fix,
  }),
  /** Environments by a pattern; `example` a token `sub` it admits. */
  environmentPattern: (label: string, example: string | undefined, fix: string): SubjectRiskReading => ({
    id: FindingId.ENVIRONMENT_PATTERN,
    message: `${label}: the subject admits environments by a pattern${example ? ` (e.g. '${example}')` : ''}; ` +
      'any writer can name a new environment in a workflow, and a new environment has no protection rules.',
    fix,
  }),
  /** Pull request jobs of `label`. */
  pullRequest: (label: string): SubjectRiskReading => ({
    id: FindingId.PULL_REQUEST,
    message: `${label}: ${UNREVIEWED} (from any branch of the repository).`,
    fix: PULL_REQUEST_FIX,
  }),
  /** Branch (or tag) jobs and environment jobs of one repository in one role. */
  branchAndEnvironment: (label: string): SubjectRiskReading => ({
    id: FindingId.BRANCH_AND_ENVIRONMENT,
    message: `${label}: both branch or tag jobs and environment jobs may assume this role, so a job that names no environment skips the environment's reviewers and protection rules.`,
    fix: 'Trust the environment only, or give the branch jobs a role of their own with fewer permissions.',
  }),
  /** Every repository of an owner (or project of a group, `subgroups` and all). */
  whole: (id: WholeId, noun: string, name: string, subgroups: boolean, fix: string): SubjectRiskReading => ({
    id,
    message: `${everyHolder(noun, name, subgroups)}.`,
    fix,
  }),
  /** A customized template's subject that names no repository. */
  templateWithoutRepository: (value: string, fix: string): SubjectRiskReading => ({
    id: FindingId.WHOLE_OWNER,
    message: `The custom subject '${value}' names no repository: every repository it otherwise matches, including ones created later, may assume this role.`,
    fix,
  }),
  /** A customized template's subject that names no branch, tag or environment. */
  templateWithoutRef: (value: string, fix: string): SubjectRiskReading => ({ id: FindingId.ANY_REF, message: templateWithoutRefMessage(value), fix }),
  /** A customized template's subject of pull request jobs. */
  templatePullRequest: (value: string): SubjectRiskReading => ({
    id: FindingId.PULL_REQUEST,
    message: `The custom subject '${value}' admits pull_request jobs, which run code that has not been reviewed yet.`,
    fix: PULL_REQUEST_FIX,
  }),
};
