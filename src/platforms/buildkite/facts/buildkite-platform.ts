/*
 * Buildkite Pipelines, as the audit, the guard, the report and the role see it: the issuer, the
 * claims AWS STS passes for it, the `sub` grammar
 * `organization:<org>:pipeline:<pipeline>:ref:<ref>:commit:<sha>:step:<key>`, read by its own
 * reader (HCP Terraform's subjects start with `organization:` too), and the words of its findings.
 *
 * @see https://buildkite.com/docs/agent/v3/cli-oidc
 */
import { BUILDKITE_CONDITION_CLAIMS, BUILDKITE_ISSUER } from './buildkite-names';
import { BuildkiteReading, readBuildkiteSubject } from './buildkite-reading';
import { buildkiteRisks, REF_FIX } from './buildkite-risks';
import { CiPlatform } from '../../../core/ci-platform';
import { CiPlatformFacts } from '../../../core/ci-platform-facts';
import { oneOrMore } from '../../../core/claim-shapes';
import { FindingId } from '../../../core/finding-id';
import { scopeProblemReading, SubjectKind, SubjectReading, unrecognizedReading } from '../../../core/subject-reading';

const EXAMPLE = 'organization:acme-inc:pipeline:deploy-app:ref:refs/heads/main:commit:*:step:*';
const FIX = `Name the organization, pipeline and ref, e.g. '${EXAMPLE}' (BuildkitePipeline.of('acme-inc', 'deploy-app').branch('main'))`;

/** Reads a value of a statement that trusts Buildkite's issuer. */
function readBuildkite(value: string, pattern: boolean): SubjectReading {
  const reading = readBuildkiteSubject(value, pattern);
  if (reading.problem !== undefined) {
    const why = reading.problem.replace(/^it /, '');
    // A pattern that does not fix the organization lets other tenants of the shared issuer in; an exact value just matches no token.
    return pattern ? scopeProblemReading(value, pattern, why, FIX) : unrecognizedReading(value, pattern, `${why}, so no Buildkite token carries it`);
  }
  if (reading.branch === 'none' && reading.tag === 'none') {
    return unrecognizedReading(value, pattern, "matches no job of Buildkite ('organization:<org>:pipeline:<pipeline>:ref:<ref>:commit:<sha>:step:<key>'), " +
      'so no token carries it');
  }
  const label = reading.pipeline === undefined ? `every pipeline of ${reading.organization}` : `${reading.organization}/${reading.pipeline}`;
  return { value, pattern, description: `${label}, ${words(reading, value)}`, kind: kindOf(reading), risks: buildkiteRisks(reading, label) };
}

function kindOf(reading: BuildkiteReading): SubjectKind {
  if (reading.branch === 'every' && reading.tag === 'every') {
    return 'anyRef';
  }
  if (reading.tag === 'none') {
    return 'branch';
  }
  return reading.branch === 'none' ? 'tag' : 'other';
}

/** The ref in words: `branch main`, `tag v*`, `any branch or tag`. */
function words(reading: BuildkiteReading, value: string): string {
  const ref = /:ref:(refs\/(heads|tags)\/[^:]+):commit:/.exec(value);
  if (ref !== null && (reading.branch === 'none') !== (reading.tag === 'none')) {
    return `${ref[2] === 'heads' ? 'branch' : 'tag'} ${ref[1].slice(ref[2] === 'heads' ? 'refs/heads/'.length : 'refs/tags/'.length)}`;
  }
  if (reading.branch === 'every' && reading.tag === 'every') {
    return 'any branch or tag';
  }
  return `jobs whose sub matches '${value}'`;
}

/** Buildkite Pipelines, described once. */
export const BUILDKITE_PLATFORM: CiPlatformFacts = {
  platform: CiPlatform.BUILDKITE,
  id: 'buildkite',
  displayName: 'Buildkite',
  name: 'Buildkite',
  defaultIssuer: BUILDKITE_ISSUER,
  // One issuer for every organization: the organization in `sub` (and organization_id) is the tenancy IAM's identity-provider controls require.
  issuerFamilies: [{ name: 'Buildkite', issuer: /^agent\.buildkite\.com$/, conditionClaims: BUILDKITE_CONDITION_CLAIMS, tenancy: 'shared' }],
  subjects: {
    forms: [],
    identity: {
      keys: {},
      singleKeys: [],
      freeTextKeys: [],
      wholeKind: 'group',
      noun: 'pipeline',
      idHolders: 'pipelines\'',
      wholeName: (organization) => organization,
      wholeRest: oneOrMore(':'),
      wildcardFix: FIX,
      scopeExample: EXAMPLE,
    },
    contexts: { branch: [], tag: [], environment: [], pullRequest: [] },
    contextWords: [],
    example: EXAMPLE,
    read: readBuildkite,
  },
  findings: {
    wholeRisk: (organization) => ({
      id: FindingId.WHOLE_ORGANIZATION,
      message: `Every pipeline of '${organization}', including ones created later, may assume this role.`,
      fix: FIX,
    }),
    templateWholeRisk: (organization) => ({
      id: FindingId.WHOLE_ORGANIZATION,
      message: `Every pipeline of '${organization}', including ones created later, may assume this role.`,
      fix: FIX,
    }),
    anyRefFix: REF_FIX,
    everyRefFix: () => REF_FIX,
    refTypeFix: "Name the ref type: ':ref:refs/heads/<branch>:' or ':ref:refs/tags/<tag>:'.",
    adminPusher: 'to that branch or tag of the pipeline\'s repository (or, with builds of pull requests from forks, open one from a branch of that name)',
    adminFix: 'Give the role only the permissions the deployment needs, and trust a branch that only reviewed changes reach.',
  },
};
