import { GitHubSubjectFormat } from './github-subject-format';
import { invalid } from '../../subjects/literal-part';

/**
 * The `repo:` parts a subject format accepts, legacy first. The immutable form
 * (`repo:OWNER@OWNER_ID/REPO@REPO_ID`) needs the ids named in `ids`; without a format,
 * both forms are accepted when the ids are given, the legacy one otherwise.
 */
export function repoForms(
  property: string, format: GitHubSubjectFormat | undefined, ids: string[], haveIds: boolean, legacy: string, immutable: () => string,
): string[] {
  const chosen = format ?? (haveIds ? GitHubSubjectFormat.LEGACY_AND_IMMUTABLE : GitHubSubjectFormat.LEGACY);
  if (chosen !== GitHubSubjectFormat.LEGACY && !haveIds) {
    throw invalid(property, chosen, `the immutable subject form needs ${ids.length > 1 ? 'both ' : ''}${ids.join(' and ')}`,
      `GitHubSubjectFormat.LEGACY, or give ${ids.join(' and ')}`);
  }
  return [
    ...(chosen !== GitHubSubjectFormat.IMMUTABLE ? [legacy] : []),
    ...(chosen !== GitHubSubjectFormat.LEGACY ? [immutable()] : []),
  ];
}
