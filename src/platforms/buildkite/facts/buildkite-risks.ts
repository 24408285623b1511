import { BuildkiteReading } from './buildkite-reading';
import { FindingId } from '../../../core/finding-id';
import { SubjectRiskReading } from '../../../core/subject-reading';

/** The fix for a subject of every branch or tag. */
export const REF_FIX = 'Trust named branches that only reviewed changes reach (protected in the repository).';

/**
 * The warnings for what a Buildkite subject admits, shared by the subject builders and the
 * audit: every pipeline of an organization, any branch or tag, every branch, every tag, tags as
 * well as branches.
 *
 * @param label the subject's scope in words, e.g. `acme-inc/deploy-app`
 */
export function buildkiteRisks(reading: BuildkiteReading, label: string): SubjectRiskReading[] {
  const risks: SubjectRiskReading[] = [];
  if (reading.everyPipeline) {
    risks.push({
      id: FindingId.WHOLE_ORGANIZATION,
      message: `Every pipeline of '${reading.organization}', including ones created later, may assume this role; ` +
        `prefer BuildkitePipeline.of('${reading.organization}', '<pipeline>').`,
      fix: `Name the pipeline: 'organization:${reading.organization}:pipeline:<pipeline>:ref:refs/heads/<branch>:commit:*:step:*'.`,
    });
  }
  if (reading.branch === 'every' && reading.tag === 'every') {
    risks.push({
      id: FindingId.ANY_REF,
      message: `${label}: any branch or tag may assume this role, so anyone who can push a branch can.`,
      fix: REF_FIX,
    });
  } else {
    for (const kind of ['branch', 'tag'] as const) {
      if (reading[kind] === 'every') {
        risks.push({
          id: kind === 'branch' ? FindingId.ANY_BRANCH : FindingId.ANY_TAG,
          message: `${label}: every ${kind} matches, so anyone who can push a ${kind} can assume this role.`,
          fix: REF_FIX,
        });
      }
    }
    if (reading.branch !== 'none' && reading.tag !== 'none') {
      risks.push({
        id: FindingId.REF_TYPE_NOT_FIXED,
        message: `${label}: the subject admits tags as well as branches (the ref type is not fixed), so whoever can push a tag of a matching name can assume this role.`,
        fix: "Name the ref type: ':ref:refs/heads/<branch>:' or ':ref:refs/tags/<tag>:'.",
      });
    }
  }
  return risks;
}
