import { join } from 'path';
import { readAssembly, templateDifferences } from './template-diff';

// Run by `npx projen test:lang`, after each app has synthesized into test/lang/<language>/cdk.out.

const LANGUAGES = ['python', 'java', 'go'];
const assembly = (language: string) => readAssembly(join(__dirname, language, 'cdk.out'));
const reference = assembly('typescript');

test('the TypeScript reference app synthesized the GitHub and GitLab stacks', () => {
  expect(Object.keys(reference).sort()).toEqual(['GitHubDeploy', 'GitLabDeploy']);
  const types = (stack: string) => Object.values<any>(reference[stack].template.Resources).map((resource) => resource.Type).sort();
  expect(types('GitHubDeploy')).toEqual(['AWS::CDK::Metadata', 'AWS::IAM::OIDCProvider', 'AWS::IAM::Policy', 'AWS::IAM::Role', 'AWS::IAM::Role']);
  expect(types('GitLabDeploy')).toEqual(['AWS::CDK::Metadata', 'AWS::IAM::OIDCProvider', 'AWS::IAM::Policy', 'AWS::IAM::Role']);
  // The warnings every language must report the same: the deploy role's branch and tag subjects with
  // administrator-level CDK deploy access (one per statement), its branch and environment subjects of one
  // repository, and the preview role's pull request subject.
  expect(reference.GitHubDeploy.messages).toEqual([
    expect.stringMatching(/^\/GitHubDeploy\/DeployRole\/Resource aws:cdk:warning .*branch main.*\[ack: cdk-ci-oidc:guard:adminTrustedByBranch\]$/),
    expect.stringMatching(/^\/GitHubDeploy\/DeployRole\/Resource aws:cdk:warning .*tag v\*.*\[ack: cdk-ci-oidc:guard:adminTrustedByBranch\]$/),
    expect.stringMatching(/^\/GitHubDeploy\/DeployRole\/Resource aws:cdk:warning .*\[ack: cdk-ci-oidc:branchAndEnvironment\]$/),
    expect.stringMatching(/^\/GitHubDeploy\/PreviewRole\/Resource aws:cdk:warning .*pull_request.*\[ack: cdk-ci-oidc:pullRequestSubject\]$/),
  ]);
});

describe.each(LANGUAGES)('the %s app', (language) => {
  const stacks = assembly(language);

  test('synthesizes the same stacks', () => {
    expect(Object.keys(stacks).sort()).toEqual(Object.keys(reference).sort());
  });

  test.each(Object.keys(reference))('%s: every resource, output, parameter and rule equals the TypeScript one', (stack) => {
    expect(templateDifferences(reference[stack].template, stacks[stack]?.template ?? {})).toEqual([]);
  });

  test.each(Object.keys(reference))('%s: the same errors, warnings and infos', (stack) => {
    expect(stacks[stack]?.messages).toEqual(reference[stack].messages);
  });

  test('would fail on a changed subject (the comparison is not blind)', () => {
    const changed = JSON.parse(JSON.stringify(stacks.GitLabDeploy.template));
    const role = Object.values<any>(changed.Resources).find((resource) => resource.Type === 'AWS::IAM::Role');
    role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['gitlab.com:sub'] += '-changed';
    expect(templateDifferences(reference.GitLabDeploy.template, changed)).toHaveLength(1);
  });
});
