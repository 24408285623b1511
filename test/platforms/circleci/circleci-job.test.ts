import { App, Duration, Stack } from 'aws-cdk-lib';
import { parse } from 'yaml';
import { CiDeployRole, CiDeployRoleProps, CircleCiOidcProvider, CircleCiOrganization, CircleCiProject, CircleCiSubject } from '../../../src';
import { ORG, PROJECT, USER } from '../../fixtures/tokens/circleci-token';

const ACCOUNT = '123456789012';
const api = CircleCiProject.of({ organizationId: ORG, projectId: PROJECT, vcsOrigin: 'github.com/acme/api' });

function circleCiRole(props: Partial<CiDeployRoleProps> = {}): CiDeployRole {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  return new CiDeployRole(stack, 'DeployRole', {
    provider: CircleCiOidcProvider.fromAccount(stack, 'CircleCi', { organizationId: ORG }),
    roleName: 'circleci-deploy',
    subjects: [api.branch('main')],
    ...props,
  });
}

describe('renderCircleCiJob', () => {
  test('the whole configuration: the orb, aws-cli/setup with role_arn, a workflow for the trusted branch', () => {
    // WHEN
    const yaml = circleCiRole().renderCircleCiJob({ commands: ['npm ci', 'npx cdk deploy --all --require-approval never'], contexts: ['aws-deploy'] });

    // THEN
    expect(yaml).toBe([
      "version: '2.1'",
      'orbs:',
      '  aws-cli: circleci/aws-cli@5.1.1',
      'jobs:',
      '  deploy:',
      '    docker:',
      '      - image: cimg/base:current',
      '    environment:',
      '      AWS_REGION: eu-west-1',
      '      AWS_DEFAULT_REGION: eu-west-1',
      '    steps:',
      '      - checkout',
      '      - aws-cli/setup:',
      `          role_arn: arn:aws:iam::${ACCOUNT}:role/circleci-deploy`,
      '          region: eu-west-1',
      "          role_session_name: 'circleci-${CIRCLE_BUILD_NUM}'",
      '      - run: npm ci',
      '      - run: npx cdk deploy --all --require-approval never',
      'workflows:',
      '  deploy:',
      '    jobs:',
      '      - deploy:',
      '          context:',
      '            - aws-deploy',
      '          filters:',
      '            branches:',
      '              only:',
      '                - main',
      '',
    ].join('\n'));
  });

  test('parsed back: tags only for tag subjects, regular expressions for patterns, every branch ignored', () => {
    // WHEN
    const config = parse(circleCiRole({ subjects: [api.tag('v*'), api.tag('release-1.0')] })
      .renderCircleCiJob({ roleSessionDuration: Duration.minutes(30), roleSessionName: 'deploy-api', orbVersion: '5.2.0', jobName: 'ship' }));

    // THEN
    expect(config.orbs).toEqual({ 'aws-cli': 'circleci/aws-cli@5.2.0' });
    expect(config.jobs.ship.steps[1]).toEqual({
      'aws-cli/setup': {
        role_arn: `arn:aws:iam::${ACCOUNT}:role/circleci-deploy`, region: 'eu-west-1', role_session_name: 'deploy-api', session_duration: '1800',
      },
    });
    expect(config.workflows).toEqual({ ship: { jobs: [{ ship: { filters: { branches: { ignore: '/.*/' }, tags: { only: ['/^v.*$/', 'release-1.0'] } } } }] } });
  });

  test('parsed back: branches and tags of any name run for anyRef and anyJob subjects', () => {
    const config = parse(circleCiRole({ subjects: [api.anyRef()] }).renderCircleCiJob());
    expect(config.workflows.deploy.jobs).toEqual([{ deploy: { filters: { tags: { only: '/.*/' } } } }]);
  });

  test('parsed back without the orb: the V2 token in a file the AWS SDKs read, the ARN in the environment', () => {
    // WHEN
    const config = parse(circleCiRole().renderCircleCiJob({ useOrb: false, image: 'cimg/node:22.11' }));

    // THEN
    expect(config.orbs).toBeUndefined();
    expect(config.jobs.deploy).toEqual({
      docker: [{ image: 'cimg/node:22.11' }],
      environment: { AWS_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/circleci-deploy`, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' },
      steps: ['checkout', {
        run: {
          name: 'Hand the OIDC token to the AWS SDKs',
          command: 'TOKEN_FILE="$(mktemp)" && printf "%s" "$CIRCLE_OIDC_TOKEN_V2" > "$TOKEN_FILE" && ' +
            'echo "export AWS_WEB_IDENTITY_TOKEN_FILE=$TOKEN_FILE AWS_ROLE_SESSION_NAME=circleci-${CIRCLE_BUILD_NUM}" >> "$BASH_ENV"',
        },
      }],
    });
  });

  test('a subject of the V1 form only: the plain form reads $CIRCLE_OIDC_TOKEN', () => {
    const role = circleCiRole({ subjects: [CircleCiSubject.fromClaim(`org/${ORG}/project/${PROJECT}/user/${USER}`)] });
    expect(parse(role.renderCircleCiJob({ useOrb: false })).jobs.deploy.steps[1].run.command).toContain('"$CIRCLE_OIDC_TOKEN" >');
    expect(() => role.renderCircleCiJob()).toThrow(
      "Invalid renderCircleCiJob() useOrb 'true': a subject of 'Stack/DeployRole' matches only the sub of $CIRCLE_OIDC_TOKEN, and aws-cli/setup exchanges $CIRCLE_OIDC_TOKEN_V2. " +
      'Allowed form: useOrb: false, or subjects of the branches and tags of the project (CircleCiProject.of(...).branch(...)).',
    );
  });

  test('a whole organization runs on every branch and tag, with the orb', () => {
    const config = parse(circleCiRole({ subjects: [CircleCiOrganization.of(ORG).anyJob()] }).renderCircleCiJob());
    expect(config.workflows.deploy.jobs).toEqual([{ deploy: { filters: { tags: { only: '/.*/' } } } }]);
  });

  test('fails if the role requires another audience than the organization id', () => {
    expect(() => circleCiRole({ audience: 'sts.amazonaws.com' }).renderCircleCiJob()).toThrow(
      "Invalid renderCircleCiJob() audience of 'Stack/DeployRole' 'sts.amazonaws.com': $CIRCLE_OIDC_TOKEN and $CIRCLE_OIDC_TOKEN_V2 carry " +
      `the organization id '${ORG}'. Allowed form: the provider's default audience on the role.`,
    );
  });

  test.each([
    [{ jobName: '1deploy' }, "Invalid renderCircleCiJob() jobName '1deploy': CircleCI does not accept it as a job name. Allowed form: a letter, then letters, digits, '-' or '_', e.g. 'deploy'."],
    [{ orbVersion: 'latest' }, "Invalid renderCircleCiJob() orbVersion 'latest': it is not an orb version. Allowed form: a version such as '5.1.1'."],
    [{ useOrb: false, roleSessionDuration: Duration.minutes(30) },
      "Invalid renderCircleCiJob() roleSessionDuration '30 minutes': the AWS SDKs take no session duration from AWS_WEB_IDENTITY_TOKEN_FILE. " +
      'Allowed form: leave it out, or use the orb (useOrb: true), which passes session_duration.'],
    [{ roleArn: 'arn:aws:iam::123456789012:role/$x' },
      "Invalid renderCircleCiJob() roleArn 'arn:aws:iam::123456789012:role/$x': the role 'Stack/DeployRole' is arn:aws:iam::123456789012:role/circleci-deploy. " +
      "Allowed form: 'arn:aws:iam::123456789012:role/circleci-deploy', or leave roleArn out."],
    [{ contexts: [' '] }, "Invalid renderCircleCiJob() contexts ' ': it is empty. Allowed form: a non-empty string."],
    [{ useOrb: 'yes' as any }, "Invalid renderCircleCiJob() options.useOrb 'yes': it is a string, not a boolean. Allowed form: a boolean, or nothing."],
  ])('fails if the options are %j', (options, message) => {
    expect(() => circleCiRole().renderCircleCiJob(options)).toThrow(message);
  });

  test("fails if the role's path holds a '$', which the orb would expand", () => {
    expect(() => circleCiRole({ path: '/$HOME/' }).renderCircleCiJob()).toThrow(
      `Invalid renderCircleCiJob() roleArn 'arn:aws:iam::${ACCOUNT}:role/$HOME/circleci-deploy': it contains '$', which the job's shell or the orb would expand. ` +
      "Allowed form: an IAM role ARN whose path and name hold no '$'.",
    );
  });

  test('fails if a GitLab job is asked of a CircleCI role', () => {
    expect(() => circleCiRole().renderGitLabCiJob()).toThrow(
      `Invalid renderGitLabCiJob() role 'Stack/DeployRole': it trusts CIRCLECI tokens (oidc.circleci.com/org/${ORG}). Allowed form: a role of a GitLabOidcProvider, or renderGitHubActionsJob() for this one.`,
    );
  });
});
