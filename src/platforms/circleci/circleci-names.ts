import { CIRCLECI_ID, CIRCLECI_ID_FORM } from './facts/circleci-facts';
import { checkKind } from '../../core/runtime-checks';
import { invalid, textProblem } from '../../subjects/literal-part';

/** Throws unless `id` is a CircleCI organization, project or context id: a lowercase UUID. */
export function checkCircleCiId(property: string, id: string, where: string): void {
  checkKind(property, id, 'string', CIRCLECI_ID_FORM);
  const problem = textProblem(id)
    ?? (CIRCLECI_ID.test(id) ? undefined
      : CIRCLECI_ID.test(id.toLowerCase()) ? 'it has capital letters, and CircleCI writes its ids in lowercase (IAM compares case)'
        : 'it is not a UUID');
  if (problem) {
    throw invalid(property, id, problem, `${CIRCLECI_ID_FORM} (${where})`);
  }
}
