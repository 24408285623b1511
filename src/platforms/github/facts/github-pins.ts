import { ClaimPin } from '../../../core/subject-spec';

/**
 * The `repository_owner_id` and `repository_id` pins of the given ids (unless `pinIds` is false):
 * with them, a deleted and re-created owner or repository name cannot match, even in the legacy
 * subject form. Required: on an issuer whose keys IAM does not receive, the role fails synthesis
 * and `fix` says what to do.
 */
export function idPins(source: string, ids: { ownerId?: number; repositoryId?: number }, pinIds: boolean | undefined): ClaimPin[] {
  const pins: ClaimPin[] = [];
  if (pinIds ?? true) {
    const fix = `set pinIds: false in ${source} to use the ids only in the subject`;
    if (ids.ownerId !== undefined) {
      pins.push({ claim: 'repository_owner_id', value: String(ids.ownerId), whenUnsupported: fix });
    }
    if (ids.repositoryId !== undefined) {
      pins.push({ claim: 'repository_id', value: String(ids.repositoryId), whenUnsupported: fix });
    }
  }
  return pins;
}

/**
 * The raw `environment` pin of an environment name with `:` or `%`: GitHub writes `:` as `%3A`
 * but leaves `%` alone, so `prod:eu` and a literal `prod%3Aeu` share one `sub`. Where IAM receives
 * the raw claim, it tells them apart; elsewhere the role warns (`claimNotPinned`).
 */
export function environmentPins(label: string, environment: string): ClaimPin[] {
  if (!environment.includes(':') && !environment.includes('%')) {
    return [];
  }
  return [{
    claim: 'environment',
    value: environment,
    optional: true,
    whenUnsupported: `${label}: environment '${environment}' has the same subject as an environment whose name ` +
      "spells ':' as '%3A', and this issuer does not pass the environment claim that tells them apart; avoid ':' and '%' in environment names.",
  }];
}
