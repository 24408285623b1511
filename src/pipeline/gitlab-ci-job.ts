import { Token } from 'aws-cdk-lib';
import { checkCommands, checkText, JobRole, roleAudience } from './ci-job-parts';
import { GitLabCiJobOptions } from './gitlab-ci-job-options';
import { jobRegion, literalRoleArn } from './role-arn';
import { yamlDocument } from './yaml-text';
import { CiPlatform } from '../providers/ci-platform';
import { invalid } from '../subjects/literal-part';

const METHOD = 'renderGitLabCiJob()';
/** Top-level keys of .gitlab-ci.yml that are not jobs. */
const RESERVED = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'spec', 'image', 'services', 'cache', 'before_script', 'after_script', 'types']);
/** The variable that holds the job's ID token. */
const TOKEN_VARIABLE = 'AWS_ID_TOKEN';

/**
 * A `.gitlab-ci.yml` job that assumes the role: an ID token with the role's audience, written
 * to a file that the AWS SDKs and CLI read (`AWS_WEB_IDENTITY_TOKEN_FILE` with `AWS_ROLE_ARN`),
 * so that every AWS tool in the job calls `AssumeRoleWithWebIdentity` itself, and again when
 * the credentials expire; the image needs no AWS CLI and no JSON parsing.
 */
export function renderGitLabCiJob(role: JobRole, options: GitLabCiJobOptions): string {
  if (role.provider.platform !== CiPlatform.GITLAB_CI) {
    throw new Error(`${METHOD}: '${role.node.path}' trusts ${role.provider.platform} tokens (${role.provider.issuer}); use renderGitHubActionsJob().`);
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

  return yamlDocument({
    [jobName]: {
      stage,
      image,
      id_tokens: { [TOKEN_VARIABLE]: { aud: audience } },
      // GitLab expands '$NAME' in variable values; '$$' is its escape for a literal '$' (an IAM role path may hold one).
      variables: { AWS_ROLE_ARN: roleArn.replace(/\$/g, '$$$$'), AWS_REGION: region, AWS_DEFAULT_REGION: region },
      script: [
        // A file outside the project directory, so that no artifact picks the token up.
        'export AWS_WEB_IDENTITY_TOKEN_FILE="$(mktemp)"',
        `printf "%s" "$${TOKEN_VARIABLE}" > "$AWS_WEB_IDENTITY_TOKEN_FILE"`,
        'export AWS_ROLE_SESSION_NAME="gitlab-${CI_PROJECT_ID}-${CI_JOB_ID}"',
        ...commands,
      ],
    },
  });
}
