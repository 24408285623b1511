import { aws_iam as iam, Token } from 'aws-cdk-lib';
import { ClaimPin } from '../core/subject-spec';
import { ICiOidcProvider } from '../providers/ci-oidc-provider';
import { CiSubject } from '../subjects/ci-subject';
import { invalid } from '../subjects/literal-part';

/**
 * What a pipeline job needs to know of the role it assumes. `CiDeployRole` is one; the
 * renderers depend on this shape rather than on the role, which calls them.
 */
export interface JobRole extends iam.Role {
  readonly provider: ICiOidcProvider;
  readonly principal: { readonly audience: string; readonly _trust: { readonly settings: { readonly requiredClaims: ClaimPin[] } } };
  readonly subjects: CiSubject[];
}

/** A value written into the pipeline file: literal and not empty (YAML quoting takes care of the rest). */
export function checkText(method: string, property: string, value: string): string {
  if (Token.isUnresolved(value) || value.trim().length === 0) {
    throw invalid(`${method} ${property}`, value, Token.isUnresolved(value) ? 'it is a token, and the pipeline file needs the value itself' : 'it is empty', 'a non-empty string');
  }
  return value;
}

/** The commands of a job, each checked. */
export function checkCommands(method: string, commands: string[]): string[] {
  return commands.map((command) => checkText(method, 'commands', command));
}

/** The audience the role requires, which the job must request. */
export function roleAudience(role: JobRole, method: string): string {
  const audience = role.principal.audience;
  if (Token.isUnresolved(audience)) {
    throw invalid(`${method} role`, role.node.path, 'its audience is a token; the pipeline file needs the value itself',
      'a role with a literal audience');
  }
  return audience;
}
