/*
 * What an HCP Terraform `sub` value admits, decided by what it matches (IAM StringLike) over the
 * whole family of tokens of each run phase, rather than by how it is spelled: the subject
 * builders' warnings and the audit's findings both come from here. Plain JSON logic, no aws-cdk-lib.
 */
import { ORGANIZATION_NAME, RUN_PHASES, RunPhase } from './hcp-terraform-names';
import { ClaimShape, matchesEvery, matchesSome, oneOrMore, someMatch, text } from '../../../core/claim-shapes';
import { nameWildcardProblem } from '../../../core/name-wildcards';

/** A project or workspace name: anything but `:` (none of HCP Terraform's names holds one). */
const NAME = oneOrMore(':');
const WILDCARD = /[*?]/;
const ORGANIZATION_PREFIX = 'organization:';

/** An HCP Terraform `sub` value, read. */
export interface HcpTerraformReading {
  /** The organization the value names literally; undefined when it does not (a problem). */
  readonly organization?: string;
  /** Why the value does not fix its organization, the tenancy of the shared issuer. */
  readonly problem?: string;
  /** The run phases whose tokens it admits (of some workspace of the organization). */
  readonly phases: RunPhase[];
  /** Whether it admits every workspace of every project of the organization, in some phase. */
  readonly everyProject: boolean;
  /** The project whose every workspace it admits in some phase (when not every project). */
  readonly everyWorkspaceOf?: string;
  /** The one workspace it names, when its project and workspace are literal. */
  readonly workspace?: { readonly project: string; readonly workspace: string };
  /** A token `sub` it admits, for the words of findings. */
  readonly example?: string;
}

/** Whether a value has the prefix of HCP Terraform's subjects (and not Buildkite's, which also start with `organization:`). */
export function looksLikeHcpTerraform(value: string): boolean {
  const parts = value.split(':');
  return parts[0] === 'organization' && (parts[2] === 'project' || parts[2] === 'workspace');
}

/** Reads a `sub` value of HCP Terraform, exact (`pattern: false`) or an IAM pattern. */
export function readHcpTerraformSubject(value: string, pattern: boolean): HcpTerraformReading {
  const none = { phases: [], everyProject: false };
  if (!value.startsWith(ORGANIZATION_PREFIX)) {
    return { ...none, problem: "it does not start with 'organization:', as every HCP Terraform subject does" };
  }
  const organization = value.slice(ORGANIZATION_PREFIX.length).split(':')[0];
  const rest = value.slice(ORGANIZATION_PREFIX.length + organization.length);
  if ((pattern && WILDCARD.test(organization)) || !ORGANIZATION_NAME.test(organization) || !rest.startsWith(':')) {
    return {
      ...none,
      problem: 'it names no complete literal organization followed by \':\', so it matches the runs of other organizations on the shared issuer ' +
        '(IAM\'s identity-provider controls require the organization for it)',
    };
  }
  const wildcardProblem = pattern ? nameWildcardProblem(value, ['project', 'workspace'], ['run_phase']) : undefined;
  if (wildcardProblem !== undefined) {
    return { ...none, organization, problem: wildcardProblem };
  }
  const scope = text(`${ORGANIZATION_PREFIX}${organization}:project:`);
  const phaseShape = (phase: RunPhase): ClaimShape => [scope, NAME, text(':workspace:'), NAME, text(`:run_phase:${phase}`)];
  const phases = RUN_PHASES.filter((phase) => matchesSome(value, pattern, phaseShape(phase)));
  const everyProject = phases.some((phase) => matchesEvery(value, pattern, phaseShape(phase)));
  const parts = value.split(':');
  const project = parts[2] === 'project' && parts[3] !== undefined && !(pattern && WILDCARD.test(parts[3])) ? parts[3] : undefined;
  const everyWorkspace = !everyProject && project !== undefined && phases.some((phase) =>
    matchesEvery(value, pattern, [text(`${ORGANIZATION_PREFIX}${organization}:project:${project}:workspace:`), NAME, text(`:run_phase:${phase}`)]));
  const workspaceName = parts[4] === 'workspace' && parts[5] !== undefined && !(pattern && WILDCARD.test(parts[5])) ? parts[5] : undefined;
  const example = phases.map((phase) => someMatch(value, pattern, phaseShape(phase))).find((claim) => claim !== undefined);
  return {
    organization,
    phases,
    everyProject,
    everyWorkspaceOf: everyWorkspace ? project : undefined,
    workspace: project !== undefined && workspaceName !== undefined && !everyWorkspace && !everyProject
      ? { project, workspace: workspaceName } : undefined,
    example,
  };
}
