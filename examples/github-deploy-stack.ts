import { aws_iam as iam, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CiDeployRole, GitHubOidcProvider, GitHubRepository } from '../src';

/**
 * An app team's stack: the account's GitHub provider and two deploy roles for one repository.
 */
export class GitHubDeployStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // One provider per account: create it here, import it elsewhere with fromAccount().
    const provider = new GitHubOidcProvider(this, 'GitHubProvider');

    const repository = GitHubRepository.of('acme/payments-api', { ownerId: 1234567, repositoryId: 89012345 });

    // Production deploys: only jobs that run in the protected 'production' environment.
    const production = new CiDeployRole(this, 'ProductionDeployRole', {
      provider,
      subjects: [repository.environment('production')],
      description: 'Deploys acme/payments-api to production from GitHub Actions',
    });
    // One stack: its ARN ends with an id CloudFormation generates, hence the '/*'.
    production.addToPolicy(new iam.PolicyStatement({
      actions: ['cloudformation:DescribeStacks'],
      resources: [this.formatArn({ service: 'cloudformation', resource: 'stack', resourceName: 'payments-api/*' })],
    }));

    // Staging deploys: the main branch and release tags.
    new CiDeployRole(this, 'StagingDeployRole', {
      provider,
      subjects: [repository.branch('main'), repository.tag('v*')],
      description: 'Deploys acme/payments-api to staging from GitHub Actions',
    });
  }
}
