import { BITBUCKET_UUID_FORM, BITBUCKET_WORKSPACE, bracedUuid } from './facts/bitbucket-facts';
import { checkKind } from '../../core/runtime-checks';
import { invalid, textProblem } from '../../subjects/literal-part';

const WORKSPACE_FORM = "the workspace id of the Identity provider URL (Repository settings > OpenID Connect), lowercase letters, digits, '-' and '_', e.g. 'acme'";

/** A repository, environment or workspace UUID, with its braces; throws unless it is a lowercase UUID. */
export function checkBitbucketUuid(property: string, uuid: string, where: string): string {
  checkKind(property, uuid, 'string', BITBUCKET_UUID_FORM);
  const braced = textProblem(uuid) === undefined ? bracedUuid(uuid) : undefined;
  if (braced === undefined) {
    const problem = textProblem(uuid)
      ?? (bracedUuid(uuid.toLowerCase()) !== undefined ? 'it has capital letters, and Bitbucket writes its UUIDs in lowercase (IAM compares case)' : 'it is not a UUID');
    throw invalid(property, uuid, problem, `${BITBUCKET_UUID_FORM} (${where})`);
  }
  return braced;
}

/** Throws unless `workspace` is a workspace id that can name an issuer. */
export function checkWorkspace(property: string, workspace: string): void {
  checkKind(property, workspace, 'string', WORKSPACE_FORM);
  const problem = textProblem(workspace) ?? (BITBUCKET_WORKSPACE.test(workspace) ? undefined : 'it is not a Bitbucket workspace id');
  if (problem) {
    throw invalid(property, workspace, problem, WORKSPACE_FORM);
  }
}
