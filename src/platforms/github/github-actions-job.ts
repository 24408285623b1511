import { Token } from 'aws-cdk-lib';
import { GitHubActionsJobOptions } from './github-actions-job-options';
import { gitHubJobFilter } from './github-job-filter';
import { CiPlatform } from '../../core/ci-platform';
import { CiSubjectKind } from '../../core/ci-subject-kind';
import { ActionVersion } from '../../pipeline/action-version';
import { checkCommands, checkText, JobRole, roleAudience } from '../../pipeline/ci-job-parts';
import { checkSessionDuration, checkSessionName } from '../../pipeline/job-session';
import { jobRegion, literalRoleArn } from '../../pipeline/role-arn';
import { Commented, yamlDocument, YamlMapping } from '../../pipeline/yaml-text';
import { STS_AUDIENCE } from '../../providers/default-audience';
import { invalid } from '../../subjects/literal-part';

const METHOD = 'renderGitHubActionsJob()';
/** GitHub's rule for job ids. */
const JOB_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** The newest majors, both on the Node 24 runtime (GitHub retired Node 20 for actions in 2026). */
const CHECKOUT = ActionVersion.major('v7');
const CONFIGURE_AWS_CREDENTIALS = ActionVersion.major('v6');

/**
 * A workflow whose job assumes the role: triggers and a job condition that admit only the runs
 * whose token the role accepts, the OIDC token permission, `aws-actions/configure-aws-credentials`
 * with the role, the region and (when not the action's default) the audience, session name and
 * duration, and the environment that every subject of the role names.
 */
export function renderGitHubActionsJob(role: JobRole, options: GitHubActionsJobOptions): string {
  if (role.provider.platform !== CiPlatform.GITHUB_ACTIONS) {
    throw invalid(`${METHOD} role`, role.node.path, `it trusts ${role.provider.platform} tokens (${role.provider.issuer})`, 'a role of a GitHubOidcProvider, or renderGitLabCiJob() for this one');
  }
  const jobName = options.jobName ?? 'deploy';
  if (Token.isUnresolved(jobName) || !JOB_ID.test(jobName)) {
    throw invalid(`${METHOD} jobName`, jobName, 'GitHub does not accept it as a job id', "a letter or '_', then letters, digits, '-' or '_', e.g. 'deploy'");
  }
  const runsOn = checkText(METHOD, 'runsOn', options.runsOn ?? 'ubuntu-latest');
  const commands = checkCommands(METHOD, options.commands ?? []);
  const region = jobRegion(role, METHOD, options.region);
  const roleArn = literalRoleArn(role, METHOD, region, options.roleArn);
  if (roleArn.includes('${{')) {
    // GitHub evaluates '${{ ... }}' in every value of a workflow, 'with:' included, and has no escape for it.
    throw invalid(`${METHOD} roleArn`, roleArn, "it contains '${{', which GitHub Actions would evaluate as an expression",
      "an IAM role ARN whose name and path hold no '${{'");
  }
  const audience = roleAudience(role, METHOD);
  const sessionName = checkSessionName(METHOD, options.roleSessionName);
  const duration = checkSessionDuration(METHOD, role, options.roleSessionDuration);
  const environment = commonEnvironment(role);
  const filter = gitHubJobFilter(role.subjects, environment);

  const notes = Object.fromEntries(filter.notes.map((note, index) => [`#note${index}`, note]));
  const job: YamlMapping = {
    'runs-on': runsOn,
    'environment': environment,
    ...notes,
    'if': filter.condition,
    'permissions': { 'id-token': 'write', 'contents': 'read' },
    'steps': [
      ...(options.checkout ?? true ? [{ uses: uses('actions/checkout', options.checkoutVersion ?? CHECKOUT) }] : []),
      {
        uses: uses('aws-actions/configure-aws-credentials', options.configureAwsCredentialsVersion ?? CONFIGURE_AWS_CREDENTIALS),
        with: {
          'role-to-assume': roleArn,
          'aws-region': region,
          'audience': audience === STS_AUDIENCE ? undefined : audience,
          'role-session-name': sessionName,
          'role-duration-seconds': duration === undefined ? undefined : String(duration),
        },
      },
      ...commands.map((run) => ({ run })),
    ],
  };
  return yamlDocument({ on: filter.on, jobs: { [jobName]: job } });
}

/** `owner/repo@ref`, with the release as a comment after a commit SHA. */
function uses(action: string, version: ActionVersion): string | Commented {
  const value = `${action}@${version.ref}`;
  return version.comment === undefined ? value : new Commented(value, version.comment);
}

/**
 * The environment when every subject of the role is an environment subject of the same name:
 * the job must name it, or its token's `sub` would not match. The name comes from what each
 * subject is (set by its builder), never from re-reading the `sub` text: `prod:eu` is written
 * `prod%3Aeu` there, and a customized template puts more keys after it.
 */
function commonEnvironment(role: JobRole): string | undefined {
  const names = new Set<string>();
  for (const subject of role.subjects) {
    if (subject.kind !== CiSubjectKind.ENVIRONMENT || subject.name === undefined) {
      return undefined;
    }
    names.add(subject.name);
  }
  return names.size === 1 ? [...names][0] : undefined;
}
