import { Token } from 'aws-cdk-lib';
import { CircleCiJobOptions } from './circleci-job-options';
import { circleCiOrganizationOf } from './facts/circleci-facts';
import { CiPlatform } from '../../core/ci-platform';
import { checkCommands, checkText, JobRole, roleAudience } from '../../pipeline/ci-job-parts';
import { checkSessionDuration, checkSessionName } from '../../pipeline/job-session';
import { jobRegion, literalRoleArn } from '../../pipeline/role-arn';
import { yamlDocument, YamlMapping, YamlValue } from '../../pipeline/yaml-text';
import { invalid } from '../../subjects/literal-part';

const METHOD = 'renderCircleCiJob()';
/** CircleCI's job and workflow names: a letter, then letters, digits, `-` and `_`. */
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const ORB_VERSION = /^\d{1,4}\.\d{1,4}\.\d{1,4}$/;
/** The orb version of CircleCI's OIDC guide; its `aws-cli/setup` exchanges `$CIRCLE_OIDC_TOKEN_V2`. */
const DEFAULT_ORB_VERSION = '5.1.1';
/** The session name unless one is given: the orb and the shell expand the build number. */
// eslint-disable-next-line no-template-curly-in-string
const DEFAULT_SESSION_NAME = 'circleci-${CIRCLE_BUILD_NUM}';

/** Which of CircleCI's two tokens a subject's `sub` can match. */
interface TokenFit {
  readonly v1: boolean;
  readonly v2: boolean;
}

/**
 * A `.circleci/config.yml` with a job that assumes the role and a workflow whose filters run it
 * only for the branches and tags the role trusts. With the orb, `aws-cli/setup` with `role_arn`
 * exchanges `$CIRCLE_OIDC_TOKEN_V2` and exports the credentials; without it, the job writes the
 * token to a file the AWS SDKs and CLI read (`AWS_WEB_IDENTITY_TOKEN_FILE` with `AWS_ROLE_ARN`).
 *
 * @see https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/#adding-aws-to-the-circleci-configuration-file
 * @see https://circleci.com/docs/guides/orchestrate/workflows/#using-filters-in-your-workflows
 */
export function renderCircleCiJob(role: JobRole, options: CircleCiJobOptions): string {
  if (role.provider.platform !== CiPlatform.CIRCLECI) {
    throw invalid(`${METHOD} role`, role.node.path, `it trusts ${role.provider.platform} tokens (${role.provider.issuer}), not CircleCI's`, 'a role of a CircleCiOidcProvider');
  }
  const jobName = checkName('jobName', options.jobName ?? 'deploy');
  const image = checkText(METHOD, 'image', options.image ?? 'cimg/base:current');
  const commands = checkCommands(METHOD, options.commands ?? []);
  const contexts = (options.contexts ?? []).map((context) => checkText(METHOD, 'contexts', context));
  const region = jobRegion(role, METHOD, options.region);
  const roleArn = literalRoleArn(role, METHOD, region, options.roleArn);
  const sessionName = checkSessionName(METHOD, options.roleSessionName) ?? DEFAULT_SESSION_NAME;
  const duration = checkSessionDuration(METHOD, role, options.roleSessionDuration);
  const orbVersion = options.orbVersion ?? DEFAULT_ORB_VERSION;
  if (Token.isUnresolved(orbVersion) || !ORB_VERSION.test(orbVersion)) {
    throw invalid(`${METHOD} orbVersion`, orbVersion, 'it is not an orb version', "a version such as '5.1.1'");
  }
  if (roleArn.includes('$')) {
    // The orb runs role_arn through 'circleci env subst', and the plain form writes it where a shell reads it.
    throw invalid(`${METHOD} roleArn`, roleArn, "it contains '$', which the job's shell or the orb would expand", "an IAM role ARN whose path and name hold no '$'");
  }
  checkAudience(role);
  const fit = tokenFit(role);
  const useOrb = options.useOrb ?? true;
  if (useOrb && !fit.v2) {
    throw invalid(`${METHOD} useOrb`, 'true', `a subject of '${role.node.path}' matches only the sub of $CIRCLE_OIDC_TOKEN, and aws-cli/setup exchanges $CIRCLE_OIDC_TOKEN_V2`,
      'useOrb: false, or subjects of the branches and tags of the project (CircleCiProject.of(...).branch(...))');
  }
  if (!useOrb && duration !== undefined) {
    throw invalid(`${METHOD} roleSessionDuration`, options.roleSessionDuration!.toHumanString(), 'the AWS SDKs take no session duration from AWS_WEB_IDENTITY_TOKEN_FILE',
      'leave it out, or use the orb (useOrb: true), which passes session_duration');
  }
  // $CIRCLE_OIDC_TOKEN_V2 unless only the V1 form fits every subject.
  const tokenVariable = fit.v2 ? 'CIRCLE_OIDC_TOKEN_V2' : 'CIRCLE_OIDC_TOKEN';

  const steps: YamlValue[] = useOrb
    ? ['checkout', {
      'aws-cli/setup': {
        role_arn: roleArn,
        region,
        role_session_name: sessionName,
        session_duration: duration === undefined ? undefined : String(duration),
      },
    }]
    : ['checkout',
      // A file outside the working directory, so that no artifact or cache picks the token up; $BASH_ENV carries both to later steps.
      {
        run: {
          name: 'Hand the OIDC token to the AWS SDKs',
          command: `TOKEN_FILE="$(mktemp)" && printf "%s" "$${tokenVariable}" > "$TOKEN_FILE" && ` +
            `echo "export AWS_WEB_IDENTITY_TOKEN_FILE=$TOKEN_FILE AWS_ROLE_SESSION_NAME=${sessionName}" >> "$BASH_ENV"`,
        },
      }];
  const job: YamlMapping = {
    docker: [{ image }],
    environment: useOrb ? { AWS_REGION: region, AWS_DEFAULT_REGION: region }
      : { AWS_ROLE_ARN: roleArn, AWS_REGION: region, AWS_DEFAULT_REGION: region },
    steps: [...steps, ...commands.map((command) => ({ run: command }))],
  };
  const filters = workflowFilters(role);
  const workflowJob: YamlMapping = { context: contexts.length === 0 ? undefined : contexts, filters };
  return yamlDocument({
    version: '2.1',
    orbs: useOrb ? { 'aws-cli': `circleci/aws-cli@${orbVersion}` } : undefined,
    jobs: { [jobName]: job },
    workflows: { [jobName]: { jobs: [{ [jobName]: workflowJob }] } },
  });
}

function checkName(property: string, name: string): string {
  if (Token.isUnresolved(name) || !NAME.test(name)) {
    throw invalid(`${METHOD} ${property}`, name, 'CircleCI does not accept it as a job name', "a letter, then letters, digits, '-' or '_', e.g. 'deploy'");
  }
  return name;
}

/** CircleCI's two tokens carry the organization id as `aud`; neither the orb nor the SDKs can ask for another. */
function checkAudience(role: JobRole): void {
  const audience = roleAudience(role, METHOD);
  const organizationId = circleCiOrganizationOf(role.provider.issuer);
  if (audience !== organizationId) {
    throw invalid(`${METHOD} audience of '${role.node.path}'`, audience,
      `$CIRCLE_OIDC_TOKEN and $CIRCLE_OIDC_TOKEN_V2 carry the organization id '${organizationId}'`, "the provider's default audience on the role");
  }
}

/** Which tokens every subject can match: V2 subjects name the origin, `user/*` and `project/*` match both. */
function tokenFit(role: JobRole): TokenFit {
  const claims = role.subjects.flatMap((subject) => subject._spec.claims);
  const both = (claim: string): boolean => claim.endsWith('/user/*') || claim.endsWith('/project/*');
  return {
    v1: claims.every((claim) => both(claim) || !claim.includes('/vcs-origin/')),
    v2: claims.every((claim) => both(claim) || claim.includes('/vcs-origin/')),
  };
}

/**
 * The workflow filters that run the job for the pipelines the role trusts. CircleCI runs a job for
 * every branch and no tag unless told; its filters match whole names, strings exactly and `/.../` as
 * regular expressions. A subject of no one ref (any ref, every job) runs it for every branch and tag.
 */
function workflowFilters(role: JobRole): YamlMapping {
  const branches: string[] = [];
  const tags: string[] = [];
  let anyRef = false;
  for (const subject of role.subjects) {
    const context = subject._spec.context;
    const name = context.name ?? (context.pattern === undefined ? undefined : globToRegex(context.pattern));
    if ((context.kind === 'branch' || context.kind === 'tag') && name !== undefined) {
      (context.kind === 'branch' ? branches : tags).push(name);
    } else {
      anyRef = true;
    }
  }
  if (anyRef) {
    // Every branch runs by default; tags only when a filter names them.
    return { tags: { only: '/.*/' } };
  }
  return {
    branches: branches.length > 0 ? { only: unique(branches) } : { ignore: '/.*/' },
    tags: tags.length > 0 ? { only: unique(tags) } : undefined,
  };
}

/** An IAM pattern (`*`, `?`) as a CircleCI filter regular expression, matched against the whole name. */
function globToRegex(pattern: string): string {
  const source = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}/]/g, '\\$&'))).join('');
  return `/^${source}$/`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
