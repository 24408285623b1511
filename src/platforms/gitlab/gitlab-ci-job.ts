import { Token } from 'aws-cdk-lib';
import { GitLabCiJobOptions } from './gitlab-ci-job-options';
import { gitLabJobRules } from './gitlab-job-rules';
import { CiPlatform } from '../../core/ci-platform';
import { assumeRoleLines } from '../../pipeline/assume-role-lines';
import { checkCommands, checkText, JobRole, roleAudience } from '../../pipeline/ci-job-parts';
import { checkSessionDuration, checkSessionName } from '../../pipeline/job-session';
import { jobRegion, literalRoleArn } from '../../pipeline/role-arn';
import { yamlDocument } from '../../pipeline/yaml-text';
import { invalid } from '../../subjects/literal-part';

const METHOD = 'renderGitLabCiJob()';
/** Top-level keys of .gitlab-ci.yml that are not jobs. */
const RESERVED = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'spec', 'image', 'services', 'cache', 'before_script', 'after_script', 'types']);
/** The session name unless one is given: the shell expands the project and job ids. */
// eslint-disable-next-line no-template-curly-in-string
const DEFAULT_SESSION_NAME = 'gitlab-${CI_PROJECT_ID}-${CI_JOB_ID}';
/** The variable that holds the job's ID token. */
const TOKEN_VARIABLE = 'AWS_ID_TOKEN';

/**
 * A `.gitlab-ci.yml` job that assumes the role: rules that admit only the pipelines whose token
 * the role accepts, an ID token with the role's audience, written to a file that the AWS SDKs
 * and CLI read (`AWS_WEB_IDENTITY_TOKEN_FILE` with `AWS_ROLE_ARN`), so that every AWS tool in
 * the job calls `AssumeRoleWithWebIdentity` itself, and again when the credentials expire; the
 * image needs no AWS CLI and no JSON parsing. With a session duration, the job calls
 * `aws sts assume-role-with-web-identity --duration-seconds` once and exports the credentials.
 */
export function renderGitLabCiJob(role: JobRole, options: GitLabCiJobOptions): string {
  if (role.provider.platform !== CiPlatform.GITLAB_CI) {
    throw invalid(`${METHOD} role`, role.node.path, `it trusts ${role.provider.platform} tokens (${role.provider.issuer})`, 'a role of a GitLabOidcProvider, or renderGitHubActionsJob() for this one');
  }
  const jobName = options.jobName ?? 'deploy';
  if (Token.isUnresolved(jobName) || jobName.length === 0 || jobName.length > 255 || jobName.startsWith('.') || RESERVED.has(jobName)) {
    throw invalid(`${METHOD} jobName`, jobName, 'GitLab would not run it as a job (a reserved keyword, a hidden job, or not 1 to 255 characters)',
      "a job name such as 'deploy'");
  }
  const image = options.image === undefined ? undefined : checkText(METHOD, 'image', options.image);
  const stage = options.stage === undefined ? undefined : checkText(METHOD, 'stage', options.stage);
  const commands = checkCommands(METHOD, options.commands ?? []);
  const region = jobRegion(role, METHOD, options.region);
  const roleArn = literalRoleArn(role, METHOD, region, options.roleArn);
  const audience = roleAudience(role, METHOD);
  const sessionName = checkSessionName(METHOD, options.roleSessionName) ?? DEFAULT_SESSION_NAME;
  const duration = checkSessionDuration(METHOD, role, options.roleSessionDuration);
  const protectedRef = role.principal._trust.settings.requiredClaims.some((pin) => pin.claim === 'ref_protected' && pin.value === 'true');
  const filter = gitLabJobRules(role.subjects, protectedRef);

  return yamlDocument({
    [jobName]: {
      stage,
      image,
      ...Object.fromEntries(filter.notes.map((note, index) => [`#note${index}`, note])),
      rules: filter.rules,
      id_tokens: { [TOKEN_VARIABLE]: { aud: audience } },
      // GitLab expands '$NAME' in variable values; '$$' is its escape for a literal '$' (an IAM role path may hold one).
      variables: { AWS_ROLE_ARN: roleArn.replace(/\$/g, '$$$$'), AWS_REGION: region, AWS_DEFAULT_REGION: region },
      script: [
        // A file outside the project directory, so that no artifact picks the token up.
        'export AWS_WEB_IDENTITY_TOKEN_FILE="$(mktemp)"',
        `printf "%s" "$${TOKEN_VARIABLE}" > "$AWS_WEB_IDENTITY_TOKEN_FILE"`,
        // IAM's session-name grammar has no character that the double quotes would expand.
        `export AWS_ROLE_SESSION_NAME="${sessionName}"`,
        ...(duration === undefined ? [] : assumeRoleLines(duration)),
        ...commands,
      ],
    },
  });
}
