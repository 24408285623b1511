import { Token } from 'aws-cdk-lib';
import { buildkiteStepFilter } from './buildkite-step-filter';
import { BuildkiteStepOptions } from './buildkite-step-options';
import { CiPlatform } from '../../core/ci-platform';
import { checkCommands, checkText, JobRole, roleAudience } from '../../pipeline/ci-job-parts';
import { checkSessionDuration, checkSessionName } from '../../pipeline/job-session';
import { jobRegion, literalRoleArn } from '../../pipeline/role-arn';
import { YamlMapping, yamlDocument } from '../../pipeline/yaml-text';
import { STS_AUDIENCE } from '../../providers/default-audience';
import { invalid } from '../../subjects/literal-part';

const METHOD = 'renderBuildkiteStep()';
const PLUGIN = 'aws-assume-role-with-web-identity';
const DEFAULT_PLUGIN_VERSION = 'v1.4.0';
/** The optional claims of Buildkite's tokens that a role may pin: the job must ask for them. */
const OPTIONAL_CLAIMS = ['organization_id', 'pipeline_id', 'cluster_id', 'cluster_name'];

/**
 * A Buildkite pipeline step (`steps:` of `pipeline.yml`) that assumes the role: a condition that
 * admits only builds whose token the role accepts, then either the
 * `aws-assume-role-with-web-identity` plugin (which asks for `--audience sts.amazonaws.com`) or,
 * when the role pins optional claims (`organization_id`, `pipeline_id`) or another audience, the
 * agent's `buildkite-agent oidc request-token` with those claims, its token handed to the AWS SDKs
 * and CLI through `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN`.
 *
 * Buildkite interpolates `$NAME` when the pipeline is uploaded: the lines written here use `$$`
 * for the variables the job itself sets.
 */
export function renderBuildkiteStep(role: JobRole, options: BuildkiteStepOptions): string {
  if (role.provider.platform !== CiPlatform.BUILDKITE) {
    throw invalid(`${METHOD} role`, role.node.path, `it trusts ${role.provider.platform} tokens (${role.provider.issuer}), not Buildkite's`, 'a role of a BuildkiteOidcProvider');
  }
  const key = options.jobName ?? 'deploy';
  if (Token.isUnresolved(key) || !/^[A-Za-z0-9_:.-]{1,100}$/.test(key) || /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(key)) {
    throw invalid(`${METHOD} jobName`, key, 'Buildkite would not take it as a step key', "a key of letters, digits, '_', '-', '.' and ':', e.g. 'deploy'");
  }
  const version = options.pluginVersion ?? DEFAULT_PLUGIN_VERSION;
  if (Token.isUnresolved(version) || !/^(v\d+\.\d+\.\d+|[0-9a-f]{40})$/.test(version)) {
    throw invalid(`${METHOD} pluginVersion`, version, 'it is not a release tag or a full commit SHA', "a tag such as 'v1.4.0', or a 40-character commit SHA");
  }
  const commands = checkCommands(METHOD, options.commands ?? []);
  const region = jobRegion(role, METHOD, options.region);
  const roleArn = literalRoleArn(role, METHOD, region, options.roleArn);
  const audience = roleAudience(role, METHOD);
  const sessionName = checkSessionName(METHOD, options.roleSessionName);
  const duration = checkSessionDuration(METHOD, role, options.roleSessionDuration);
  const pinned = new Set([...role.principal._trust.settings.requiredClaims, ...role.subjects.flatMap((s) => s._spec.pins)].map((pin) => pin.claim));
  const claims = OPTIONAL_CLAIMS.filter((claim) => pinned.has(claim));
  const filter = buildkiteStepFilter(role.subjects);

  const step: Record<string, unknown> = {
    label: checkText(METHOD, 'jobName', key),
    key,
    ...Object.fromEntries(filter.notes.map((note, index) => [`#note${index}`, note])),
    if: filter.condition,
  };
  if (claims.length === 0 && audience === STS_AUDIENCE) {
    const plugin: YamlMapping = {
      'role-arn': roleArn,
      'role-session-name': sessionName,
      'role-session-duration': duration === undefined ? undefined : String(duration),
      'region': region,
    };
    step.command = commands.length === 0 ? undefined : commands;
    step.plugins = [{ [`${PLUGIN}#${version}`]: plugin }];
  } else {
    step.env = { AWS_ROLE_ARN: roleArn, AWS_REGION: region, AWS_DEFAULT_REGION: region };
    step.command = [
      // A file outside the checkout, so that no artifact upload picks the token up.
      'export AWS_WEB_IDENTITY_TOKEN_FILE="$$(mktemp)"',
      `buildkite-agent oidc request-token --audience ${audience}${claims.map((claim) => ` --claim ${claim}`).join('')}` +
        `${duration === undefined ? '' : ` --lifetime ${duration}`} > "$$AWS_WEB_IDENTITY_TOKEN_FILE"`,
      `export AWS_ROLE_SESSION_NAME="${sessionName ?? 'buildkite-job-$$BUILDKITE_JOB_ID'}"`,
      ...commands,
    ];
  }
  return yamlDocument({ steps: [step as YamlMapping] });
}
