import { aws_iam as iam, CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CiDeployRole, GitLabIssuer, GitLabOidcProvider, GitLabProject, GitLabSubjectFormat } from '../src';

/**
 * A platform team's stack for GitLab: gitlab.com and a self-managed instance, each with
 * its provider and deploy roles.
 */
export class GitLabDeployStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // gitlab.com: one provider per account; other stacks import it with GitLabOidcProvider.fromAccount().
    const gitlab = new GitLabOidcProvider(this, 'GitLabProvider');
    const api = GitLabProject.of('acme-group/platform/api', { projectId: 4242 });

    // Production deploys: the protected main branch only. On gitlab.com the project id is
    // pinned too (project_id), so a re-created project of the same path is refused.
    const production = new CiDeployRole(this, 'ProductionDeployRole', {
      provider: gitlab,
      subjects: [api.branch('main')],
      requireProtectedRef: true,
      description: 'Deploys acme-group/platform/api to production from GitLab CI/CD',
    });
    // One stack: its ARN ends with an id CloudFormation generates, hence the '/*'.
    production.addToPolicy(new iam.PolicyStatement({
      actions: ['cloudformation:DescribeStacks'],
      resources: [this.formatArn({ service: 'cloudformation', resource: 'stack', resourceName: 'platform-api/*' })],
    }));

    // Releases: protected version tags.
    const release = new CiDeployRole(this, 'ReleaseRole', {
      provider: gitlab,
      subjects: [api.tag('v*')],
      requireProtectedRef: true,
      description: 'Publishes releases of acme-group/platform/api from GitLab CI/CD',
    });

    // A self-managed instance: IAM receives only aud and sub from it, so the project's
    // sub is switched to the project_id form (ci_id_token_sub_claim_components), which
    // survives renames, and no other claim is pinned.
    const selfManaged = new GitLabOidcProvider(this, 'SelfManagedGitLabProvider', { issuer: GitLabIssuer.selfManaged('https://gitlab.acme.example') });
    const internal = new CiDeployRole(this, 'InternalToolsDeployRole', {
      provider: selfManaged,
      subjects: [GitLabProject.of('tools/deployer', { projectId: 42, subjectFormat: GitLabSubjectFormat.PROJECT_ID }).branch('main')],
      description: 'Deploys tools/deployer from the self-managed GitLab',
    });

    // The ARNs go into the projects' CI/CD variables (AWS_ROLE_ARN).
    new CfnOutput(this, 'ProductionDeployRoleArn', { value: production.roleArn });
    new CfnOutput(this, 'ReleaseRoleArn', { value: release.roleArn });
    new CfnOutput(this, 'InternalToolsDeployRoleArn', { value: internal.roleArn });
  }
}
