import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CiDeployRole, GitHubIssuer, GitHubOidcProvider, GitHubSubjectClaimKey as Key, GitHubSubjectTemplate } from '../../src';

const SHARED = 'acme/shared-workflows/.github/workflows/deploy.yml@refs/tags/v3';

describe('CiDeployRole with a custom GitHub subject', () => {
  test('a GHES role requires the reusable workflow through sub, with StringEquals', () => {
    // GIVEN a GitHub Enterprise Server, whose tokens give IAM aud and sub only
    const stack = new Stack(new App(), 'TestStack');
    const provider = new GitHubOidcProvider(stack, 'Ghes', { issuer: GitHubIssuer.enterpriseServer('github.example.com') });
    const template = GitHubSubjectTemplate.of([Key.REPO, Key.CONTEXT, Key.JOB_WORKFLOW_REF]);

    // WHEN
    new CiDeployRole(stack, 'Role', {
      provider,
      subjects: [template.subject({ repository: 'acme/api', environment: 'production', jobWorkflowRef: SHARED })],
    });

    // THEN
    const roles = Template.fromStack(stack).findResources('AWS::IAM::Role');
    expect(Object.values(roles)[0].Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRoleWithWebIdentity',
      Effect: 'Allow',
      Principal: { Federated: { Ref: expect.stringMatching(/^Ghes/) } },
      Condition: {
        StringEquals: {
          'github.example.com/_services/token:aud': 'sts.amazonaws.com',
          'github.example.com/_services/token:sub': `repo:acme/api:environment:production:job_workflow_ref:${SHARED}`,
        },
      },
    }]);
  });

  test('a template without a branch, tag or environment warns on the role', () => {
    // GIVEN
    const stack = new Stack(new App(), 'TestStack');

    // WHEN
    new CiDeployRole(stack, 'Role', {
      provider: new GitHubOidcProvider(stack, 'GitHub'),
      subjects: [GitHubSubjectTemplate.of([Key.REPO, Key.JOB_WORKFLOW_REF]).subject({ repository: 'acme/api', jobWorkflowRef: SHARED })],
    });

    // THEN
    Annotations.fromStack(stack).hasWarning('/TestStack/Role/Resource', Match.stringLikeRegexp('cdk-ci-oidc:anyRefSubject'));
  });
});
