import { App, Duration, Stack } from 'aws-cdk-lib';
import { parse } from 'yaml';
import { BitbucketOidcProvider, BitbucketRepository, CiDeployRole, CiDeployRoleProps } from '../../../src';
import { ENVIRONMENT, REPOSITORY, WORKSPACE_UUID } from '../../fixtures/tokens/bitbucket-token';

const ACCOUNT = '123456789012';
const repository = BitbucketRepository.of(REPOSITORY);

function bitbucketRole(props: Partial<CiDeployRoleProps> = {}, audience?: string): CiDeployRole {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  return new CiDeployRole(stack, 'DeployRole', {
    provider: BitbucketOidcProvider.fromAccount(stack, 'Bitbucket', { workspace: 'acme', workspaceUuid: WORKSPACE_UUID, audience }),
    roleName: 'bitbucket-deploy',
    subjects: [repository.environment(ENVIRONMENT)],
    ...props,
  });
}

describe('renderBitbucketPipelinesStep', () => {
  test('the whole step: oidc: true, the deployment, the token in a file the AWS SDKs read', () => {
    // WHEN
    const yaml = bitbucketRole().renderBitbucketPipelinesStep({ deployment: 'production', branch: 'main', commands: ['npx cdk deploy --all'] });

    // THEN
    expect(yaml).toBe([
      'pipelines:',
      '  branches:',
      '    main:',
      '      - step:',
      '          name: deploy',
      '          image: amazon/aws-cli',
      '          deployment: production',
      '          oidc: true',
      '          script:',
      '            - export AWS_REGION=eu-west-1 AWS_DEFAULT_REGION=eu-west-1',
      `            - 'export AWS_ROLE_ARN=''arn:aws:iam::${ACCOUNT}:role/bitbucket-deploy'''`,
      '            - \'export AWS_ROLE_SESSION_NAME="bitbucket-${BITBUCKET_BUILD_NUMBER}"\'',
      '            - \'export AWS_WEB_IDENTITY_TOKEN_FILE="$(mktemp)"\'',
      '            - \'printf "%s" "$BITBUCKET_STEP_OIDC_TOKEN" > "$AWS_WEB_IDENTITY_TOKEN_FILE"\'',
      '            - npx cdk deploy --all',
      '',
    ].join('\n'));
  });

  test('parsed back: the oidc boolean, the default pipeline, the role ARN', () => {
    const config = parse(bitbucketRole({ subjects: [repository.anyStep()] }).renderBitbucketPipelinesStep({ jobName: 'Deploy API', image: 'node:22' }));
    const step = config.pipelines.default[0].step;
    expect(step.oidc).toBe(true);
    expect([step.name, step.image, step.deployment]).toEqual(['Deploy API', 'node:22', undefined]);
    expect(step.script[1]).toBe(`export AWS_ROLE_ARN='arn:aws:iam::${ACCOUNT}:role/bitbucket-deploy'`);
  });

  test('parsed back: a role audience of its own is the step\'s only audience', () => {
    const config = parse(bitbucketRole({}, 'sts.amazonaws.com').renderBitbucketPipelinesStep({ deployment: 'production' }));
    expect(config.pipelines.default[0].step.oidc).toEqual({ audiences: ['sts.amazonaws.com'] });
  });

  test('parsed back: a session duration calls STS once and exports the credentials', () => {
    const config = parse(bitbucketRole().renderBitbucketPipelinesStep({ deployment: 'production', roleSessionDuration: Duration.minutes(30) }));
    const script: string[] = config.pipelines.default[0].step.script;
    expect(script[5]).toContain('aws sts assume-role-with-web-identity');
    expect(script[5]).toContain('--duration-seconds 1800');
    expect(script.slice(6)).toEqual([
      'export AWS_ACCESS_KEY_ID="$(printf "%s" "$AWS_CREDENTIALS" | cut -f1)"',
      'export AWS_SECRET_ACCESS_KEY="$(printf "%s" "$AWS_CREDENTIALS" | cut -f2)"',
      'export AWS_SESSION_TOKEN="$(printf "%s" "$AWS_CREDENTIALS" | cut -f3)"',
      'unset AWS_CREDENTIALS',
    ]);
  });

  test('fails if an environment role\'s step names no deployment, or a step role\'s step names one', () => {
    expect(() => bitbucketRole().renderBitbucketPipelinesStep()).toThrow(
      "Invalid renderBitbucketPipelinesStep() deployment 'undefined': 'Stack/DeployRole' trusts steps that deploy to an environment, whose sub names it. Allowed form: deployment: '<environment name>'.",
    );
    expect(() => bitbucketRole({ subjects: [repository.anyStep()] }).renderBitbucketPipelinesStep({ deployment: 'production' })).toThrow(
      "Invalid renderBitbucketPipelinesStep() deployment 'production': the subjects of 'Stack/DeployRole' name no environment, and a step that deploys " +
      "to one carries the environment's UUID in its sub. Allowed form: leave deployment out, or trust the environment (BitbucketRepository.of(...).environment(...)).",
    );
    expect(() => bitbucketRole({ subjects: [repository.anyStep(), repository.environment(ENVIRONMENT)] }).renderBitbucketPipelinesStep()).toThrow(
      "Invalid renderBitbucketPipelinesStep() role 'Stack/DeployRole': it trusts both steps with and without a deployment environment; one step cannot be both. " +
      'Allowed form: a step per kind, rendered from roles of their own.',
    );
  });

  test("fails if the role's path holds a single quote, or the audience is too long for Bitbucket", () => {
    expect(() => bitbucketRole({ path: "/it's/" }).renderBitbucketPipelinesStep({ deployment: 'production' })).toThrow(
      `Invalid renderBitbucketPipelinesStep() roleArn 'arn:aws:iam::${ACCOUNT}:role/it's/bitbucket-deploy': it contains a single quote, ` +
      "which would end the quoting of the step's shell. Allowed form: an IAM role ARN without '.",
    );
    const long = `https://${'a'.repeat(150)}`;
    expect(() => bitbucketRole({}, long).renderBitbucketPipelinesStep({ deployment: 'production' })).toThrow(
      `Invalid renderBitbucketPipelinesStep() audience '${long}': Bitbucket accepts step audiences of at most 150 characters. Allowed form: a shorter audience on the role.`,
    );
  });

  test('fails if a CircleCI job is asked of a Bitbucket role', () => {
    expect(() => bitbucketRole().renderCircleCiJob()).toThrow(
      "Invalid renderCircleCiJob() role 'Stack/DeployRole': it trusts BITBUCKET_PIPELINES tokens (api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc), not CircleCI's. Allowed form: a role of a CircleCiOidcProvider.",
    );
  });
});
