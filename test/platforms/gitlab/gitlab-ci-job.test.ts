import { Stack } from 'aws-cdk-lib';
import { parse } from 'yaml';
import { CiDeployRole, CiDeployRoleProps, GitHubOidcProvider, GitHubRepository, GitLabOidcProvider, GitLabProject } from '../../../src';
import { ACCOUNT, accountStack } from '../../fixtures/account-stack';
import { gitLabIssuerOf } from '../../fixtures/issuers';


/** The script lines that hand the ID token to the AWS SDKs and CLI. */
const TOKEN_LINES = [
  'export AWS_WEB_IDENTITY_TOKEN_FILE="$(mktemp)"',
  'printf "%s" "$AWS_ID_TOKEN" > "$AWS_WEB_IDENTITY_TOKEN_FILE"',
  'export AWS_ROLE_SESSION_NAME="gitlab-${CI_PROJECT_ID}-${CI_JOB_ID}"',
];

const stackIn = (region: string): Stack => accountStack(region);

function gitLabRole(stack: Stack, props: Partial<CiDeployRoleProps> = {}, url?: string): CiDeployRole {
  return new CiDeployRole(stack, 'DeployRole', {
    provider: GitLabOidcProvider.fromAccount(stack, 'GitLab', { issuer: gitLabIssuerOf(url) }),
    roleName: 'gitlab-deploy',
    subjects: [GitLabProject.of('acme-group/api').branch('main')],
    ...props,
  });
}

describe('renderGitLabCiJob', () => {
  test('the whole job for a role with a name in an account and region', () => {
    // GIVEN
    const role = gitLabRole(stackIn('eu-west-1'));

    // WHEN
    const yaml = role.renderGitLabCiJob({ image: 'node:22', stage: 'deploy', commands: ['npm ci', 'npx cdk deploy --all --require-approval never'] });

    // THEN
    expect(yaml).toBe([
      'deploy:',
      '  stage: deploy',
      '  image: node:22',
      '  rules:',
      '    - if: \'$CI_COMMIT_BRANCH == "main"\'',
      '  id_tokens:',
      '    AWS_ID_TOKEN:',
      '      aud: sts.amazonaws.com',
      '  variables:',
      `    AWS_ROLE_ARN: arn:aws:iam::${ACCOUNT}:role/gitlab-deploy`,
      '    AWS_REGION: eu-west-1',
      '    AWS_DEFAULT_REGION: eu-west-1',
      '  script:',
      '    - \'export AWS_WEB_IDENTITY_TOKEN_FILE="$(mktemp)"\'',
      '    - \'printf "%s" "$AWS_ID_TOKEN" > "$AWS_WEB_IDENTITY_TOKEN_FILE"\'',
      '    - \'export AWS_ROLE_SESSION_NAME="gitlab-${CI_PROJECT_ID}-${CI_JOB_ID}"\'',
      '    - npm ci',
      '    - npx cdk deploy --all --require-approval never',
      '',
    ].join('\n'));
  });

  test('the parsed values are the role\'s: audience, ARN and region', () => {
    // GIVEN
    const role = gitLabRole(stackIn('ap-southeast-2'), { audience: 'https://aws.acme.example', path: '/gitlab/' });

    // WHEN
    const document = parse(role.renderGitLabCiJob({ jobName: 'cdk: deploy #prod' }));

    // THEN
    expect(document).toEqual({
      'cdk: deploy #prod': {
        rules: [{ if: '$CI_COMMIT_BRANCH == "main"' }],
        id_tokens: { AWS_ID_TOKEN: { aud: role.principal.audience } },
        variables: {
          AWS_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/gitlab/gitlab-deploy`,
          AWS_REGION: 'ap-southeast-2',
          AWS_DEFAULT_REGION: 'ap-southeast-2',
        },
        script: TOKEN_LINES,
      },
    });
    expect(role.principal.audience).toBe('https://aws.acme.example');
  });

  test('a self-managed instance: the same job; China: the China audience and partition', () => {
    // GIVEN
    const role = gitLabRole(stackIn('cn-northwest-1'), {}, 'https://gitlab.example.cn');

    // WHEN
    const job = parse(role.renderGitLabCiJob()).deploy;

    // THEN
    expect(job.id_tokens).toEqual({ AWS_ID_TOKEN: { aud: 'sts.amazonaws.com.cn' } });
    expect(job.variables.AWS_ROLE_ARN).toBe(`arn:aws-cn:iam::${ACCOUNT}:role/gitlab-deploy`);
  });

  test('the given ARN for a role without a name', () => {
    // GIVEN
    const role = gitLabRole(stackIn('eu-west-1'), { roleName: undefined });

    // WHEN
    const job = parse(role.renderGitLabCiJob({ roleArn: `arn:aws:iam::${ACCOUNT}:role/Stack-DeployRole-ABC` })).deploy;

    // THEN
    expect(job.variables.AWS_ROLE_ARN).toBe(`arn:aws:iam::${ACCOUNT}:role/Stack-DeployRole-ABC`);
  });

  test('adversarial values parse back exactly', () => {
    // GIVEN
    const role = gitLabRole(stackIn('eu-west-1'));
    const commands = ['echo "$X: y" # no comment', "it's", 'off', 'a\tb', 'multi\nline'];

    // WHEN
    const job = parse(role.renderGitLabCiJob({ jobName: 'no', image: 'registry:5000/img:1 #x', stage: 'true', commands })).no;

    // THEN
    expect(job.image).toBe('registry:5000/img:1 #x');
    expect(job.stage).toBe('true');
    expect(job.script).toEqual([...TOKEN_LINES, ...commands]);
  });

  describe('validation', () => {
    test.each(['.hidden', 'variables', 'stages', 'default', 'include', 'workflow', ''])('fails if the job name is %p', (jobName) => {
      // GIVEN
      const role = gitLabRole(stackIn('eu-west-1'));

      // THEN
      expect(() => role.renderGitLabCiJob({ jobName })).toThrow(
        `Invalid renderGitLabCiJob() jobName '${jobName}': GitLab would not run it as a job (a reserved keyword, a hidden job, or not 1 to 255 characters). ` +
        "Allowed form: a job name such as 'deploy'.",
      );
    });

    test('a job name of 255 characters is accepted, 256 are not', () => {
      // GIVEN
      const role = gitLabRole(stackIn('eu-west-1'));

      // THEN
      expect(Object.keys(parse(role.renderGitLabCiJob({ jobName: 'j'.repeat(255) })))).toEqual(['j'.repeat(255)]);
      expect(() => role.renderGitLabCiJob({ jobName: 'j'.repeat(256) })).toThrow('GitLab would not run it as a job');
    });

    test.each([['image', { image: '' }], ['stage', { stage: '  ' }], ['commands', { commands: [''] }]])('fails if %s is empty', (property, options) => {
      // GIVEN
      const role = gitLabRole(stackIn('eu-west-1'));

      // THEN
      expect(() => role.renderGitLabCiJob(options)).toThrow(`Invalid renderGitLabCiJob() ${property} '`);
    });

    test('fails for a GitHub role', () => {
      // GIVEN
      const stack = stackIn('eu-west-1');
      const role = new CiDeployRole(stack, 'DeployRole', {
        provider: GitHubOidcProvider.fromAccount(stack, 'GitHub'),
        subjects: [GitHubRepository.of('acme/api').branch('main')],
      });

      // THEN
      expect(() => role.renderGitLabCiJob()).toThrow(
        "Invalid renderGitLabCiJob() role 'Stack/DeployRole': it trusts GITHUB_ACTIONS tokens (token.actions.githubusercontent.com). Allowed form: a role of a GitLabOidcProvider, or renderGitHubActionsJob() for this one.",
      );
    });

    test('fails if the role has no name and no ARN is given', () => {
      // GIVEN
      const role = gitLabRole(stackIn('eu-west-1'), { roleName: undefined });

      // THEN
      expect(() => role.renderGitLabCiJob()).toThrow(
        "Invalid renderGitLabCiJob() roleArn 'undefined': the ARN of 'Stack/DeployRole' is not known at synthesis (the role has no roleName, so CloudFormation names it).",
      );
    });
  });
});
