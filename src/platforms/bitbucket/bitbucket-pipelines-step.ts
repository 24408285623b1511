import { BitbucketPipelinesStepOptions } from './bitbucket-pipelines-step-options';
import { CiPlatform } from '../../core/ci-platform';
import { assumeRoleLines } from '../../pipeline/assume-role-lines';
import { checkCommands, checkText, JobRole, roleAudience } from '../../pipeline/ci-job-parts';
import { checkSessionDuration, checkSessionName } from '../../pipeline/job-session';
import { jobRegion, literalRoleArn } from '../../pipeline/role-arn';
import { YamlBoolean, yamlDocument } from '../../pipeline/yaml-text';
import { invalid } from '../../subjects/literal-part';

const METHOD = 'renderBitbucketPipelinesStep()';
/** The session name unless one is given: the shell expands the build number. */
// eslint-disable-next-line no-template-curly-in-string
const DEFAULT_SESSION_NAME = 'bitbucket-${BITBUCKET_BUILD_NUMBER}';
/** The longest audience a step may list (Atlassian's multiple-audiences announcement). */
const MAX_AUDIENCE_LENGTH = 150;

/**
 * A `bitbucket-pipelines.yml` with a step that assumes the role: `oidc: true` (or the role's audience
 * in `oidc: audiences:`), the deployment environment its subjects name, and the step's token written
 * to the file that `AWS_WEB_IDENTITY_TOKEN_FILE` names, with `AWS_ROLE_ARN`, so that every AWS SDK
 * and CLI in the step assumes the role itself. With a session duration, the step calls
 * `aws sts assume-role-with-web-identity --duration-seconds` once and exports the credentials.
 *
 * @see https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/
 */
export function renderBitbucketPipelinesStep(role: JobRole, options: BitbucketPipelinesStepOptions): string {
  if (role.provider.platform !== CiPlatform.BITBUCKET_PIPELINES) {
    throw invalid(`${METHOD} role`, role.node.path, `it trusts ${role.provider.platform} tokens (${role.provider.issuer}), not Bitbucket Pipelines'`, 'a role of a BitbucketOidcProvider');
  }
  const name = checkText(METHOD, 'jobName', options.jobName ?? 'deploy');
  const image = checkText(METHOD, 'image', options.image ?? 'amazon/aws-cli');
  const branch = options.branch === undefined ? undefined : checkText(METHOD, 'branch', options.branch);
  const deployment = options.deployment === undefined ? undefined : checkText(METHOD, 'deployment', options.deployment);
  const commands = checkCommands(METHOD, options.commands ?? []);
  const region = jobRegion(role, METHOD, options.region);
  const roleArn = literalRoleArn(role, METHOD, region, options.roleArn);
  if (roleArn.includes("'")) {
    // The script puts the ARN in single quotes, inside which the shell reads nothing else.
    throw invalid(`${METHOD} roleArn`, roleArn, "it contains a single quote, which would end the quoting of the step's shell", "an IAM role ARN without '");
  }
  const sessionName = checkSessionName(METHOD, options.roleSessionName) ?? DEFAULT_SESSION_NAME;
  const duration = checkSessionDuration(METHOD, role, options.roleSessionDuration);
  checkDeployment(role, deployment);

  const audience = roleAudience(role, METHOD);
  const workspaceDefault = audience.startsWith('ari:cloud:bitbucket::workspace/');
  if (!workspaceDefault && audience.length > MAX_AUDIENCE_LENGTH) {
    throw invalid(`${METHOD} audience`, audience, `Bitbucket accepts step audiences of at most ${MAX_AUDIENCE_LENGTH} characters`, 'a shorter audience on the role');
  }
  const step = {
    name,
    image,
    deployment,
    oidc: workspaceDefault ? new YamlBoolean(true) : { audiences: [audience] },
    script: [
      `export AWS_REGION=${region} AWS_DEFAULT_REGION=${region}`,
      `export AWS_ROLE_ARN='${roleArn}'`,
      // IAM's session-name grammar has no character that the double quotes would expand.
      `export AWS_ROLE_SESSION_NAME="${sessionName}"`,
      // A file outside the clone directory, so that no artifact picks the token up.
      'export AWS_WEB_IDENTITY_TOKEN_FILE="$(mktemp)"',
      'printf "%s" "$BITBUCKET_STEP_OIDC_TOKEN" > "$AWS_WEB_IDENTITY_TOKEN_FILE"',
      ...(duration === undefined ? [] : assumeRoleLines(duration)),
      ...commands,
    ],
  };
  const pipeline = [{ step }];
  return yamlDocument({ pipelines: branch === undefined ? { default: pipeline } : { branches: { [branch]: pipeline } } });
}

/** The step deploys to an environment exactly when the role's subjects name one, or no token it gets would match. */
function checkDeployment(role: JobRole, deployment: string | undefined): void {
  const kinds = new Set(role.subjects.map((subject) => subject._spec.context.kind === 'environment'));
  if (kinds.size > 1) {
    throw invalid(`${METHOD} role`, role.node.path, 'it trusts both steps with and without a deployment environment; one step cannot be both',
      'a step per kind, rendered from roles of their own');
  }
  const environment = kinds.has(true);
  if (environment && deployment === undefined) {
    throw invalid(`${METHOD} deployment`, 'undefined', `'${role.node.path}' trusts steps that deploy to an environment, whose sub names it`, "deployment: '<environment name>'");
  }
  if (!environment && deployment !== undefined) {
    throw invalid(`${METHOD} deployment`, deployment,
      `the subjects of '${role.node.path}' name no environment, and a step that deploys to one carries the environment's UUID in its sub`,
      'leave deployment out, or trust the environment (BitbucketRepository.of(...).environment(...))');
  }
}
