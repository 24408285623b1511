import { Annotations, aws_iam as iam, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CiDeployRole, CiSubject, GitHubOidcProvider, GitHubRepository, GitLabOidcProvider, GitLabProject, ICiOidcProvider } from '../src';

/** A GitHub repository of the organization, with its ids (Settings of the repository, or the REST API). */
interface GitHubService {
  readonly repository: string;
  readonly ownerId: number;
  readonly repositoryId: number;
}

/** A GitLab project of the group, with its id (the project's overview page). */
interface GitLabService {
  readonly project: string;
  readonly projectId: number;
}

const GITHUB_SERVICES: GitHubService[] = [
  { repository: 'acme/payments-api', ownerId: 1234567, repositoryId: 89012345 },
  { repository: 'acme/orders-api', ownerId: 1234567, repositoryId: 89012346 },
  { repository: 'acme/storefront', ownerId: 1234567, repositoryId: 89012347 },
  { repository: 'acme/mobile-backend', ownerId: 1234567, repositoryId: 89012348 },
  { repository: 'acme/search', ownerId: 1234567, repositoryId: 89012349 },
];

const GITLAB_SERVICES: GitLabService[] = [
  { project: 'acme-group/platform/api', projectId: 4242 },
  { project: 'acme-group/platform/worker', projectId: 4243 },
  { project: 'acme-group/data/etl', projectId: 4244 },
  { project: 'acme-group/data/warehouse', projectId: 4245 },
];

/**
 * A platform team's account: one provider per CI platform and twenty deploy roles across
 * repositories, projects and environments. `CiTrustGuard` (added in app.ts) audits them, and
 * `npx cdk-ci-oidc report examples/cdk.out` lists who can assume what.
 */
export class PlatformStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // One provider per platform and account; the app teams' stacks import them with fromAccount().
    const github = new GitHubOidcProvider(this, 'GitHubProvider');
    const gitlab = new GitLabOidcProvider(this, 'GitLabProvider');

    // GitHub: each repository deploys to staging and production from its GitHub environments,
    // whose protection rules (required reviewers, branches) gate the deployment.
    for (const service of GITHUB_SERVICES) {
      const repository = GitHubRepository.of(service.repository, { ownerId: service.ownerId, repositoryId: service.repositoryId });
      const group = new Construct(this, repository.repository);
      for (const environment of ['staging', 'production']) {
        this.deployRole(group, environment, github, repository.environment(environment), `${repository.repository}-${environment}`);
      }
    }

    // GitLab has no environment in its token's sub: staging deploys from the protected main
    // branch, production from protected version tags; on gitlab.com the project id is pinned too.
    for (const service of GITLAB_SERVICES) {
      const project = GitLabProject.of(service.project, { projectId: service.projectId });
      const group = new Construct(this, service.project.split('/').slice(1).join('-'));
      const name = service.project.split('/').pop()!;
      this.deployRole(group, 'staging', gitlab, project.branch('main'), `${name}-staging`, true);
      this.deployRole(group, 'production', gitlab, project.tag('v*'), `${name}-production`, true);
    }

    // The shared infrastructure: administrator-level, so only the protected environment may assume it.
    const infra = this.deployRole(this, 'infrastructure', github,
      GitHubRepository.of('acme/infrastructure', { ownerId: 1234567, repositoryId: 89012350 }).environment('production'), 'infrastructure');
    infra.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));

    // Pull request previews of the storefront: read-only, so the pull_request risk is acknowledged.
    const preview = new CiDeployRole(this, 'storefront-preview', {
      provider: github,
      subjects: [GitHubRepository.of('acme/storefront', { ownerId: 1234567, repositoryId: 89012347 }).pullRequest()],
      description: 'Reads the storefront preview stacks for pull requests',
    });
    preview.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
    Annotations.of(preview).acknowledgeWarning('cdk-ci-oidc:pullRequestSubject', 'read-only role for pull request previews');
  }

  /** A deploy role that may describe and update the stacks named `<stackPrefix>-*`. */
  private deployRole(
    scope: Construct, id: string, provider: ICiOidcProvider, subject: CiSubject, stackPrefix: string, requireProtectedRef = false,
  ): CiDeployRole {
    const role = new CiDeployRole(scope, id, {
      provider,
      subjects: [subject],
      requireProtectedRef,
      description: `Deploys ${subject.description}`,
    });
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['cloudformation:DescribeStacks', 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
      resources: [this.formatArn({ service: 'cloudformation', resource: 'stack', resourceName: `${stackPrefix}-*` })],
    }));
    return role;
  }
}
