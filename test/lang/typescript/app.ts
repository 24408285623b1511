import { App, Aspects, Duration, Stack } from 'aws-cdk-lib';
import {
  CdkBootstrapRole, CiDeployRole, CiTrustGuard, GitHubOidcProvider, GitHubRepository, GitHubSubjectFormat,
  GitLabOidcProvider, GitLabProject,
} from '../../../src';

// The reference app: test/lang/python, test/lang/java and test/lang/go build the same stacks,
// construct for construct, and their templates must equal these (test/lang/templates.langtest.ts).
const app = new App();

const github = new Stack(app, 'GitHubDeploy');
const githubProvider = new GitHubOidcProvider(github, 'GitHubProvider');
const repository = GitHubRepository.of('acme/payments-api', {
  ownerId: 1234567,
  repositoryId: 89012345,
  subjectFormat: GitHubSubjectFormat.LEGACY_AND_IMMUTABLE,
});
const deployRole = new CiDeployRole(github, 'DeployRole', {
  provider: githubProvider,
  subjects: [repository.environment('production'), repository.branch('main'), repository.tag('v*')],
  maxSessionDuration: Duration.hours(2),
  description: 'Deploys acme/payments-api from GitHub Actions',
});
deployRole.allowCdkDeploy({
  roles: [CdkBootstrapRole.DEPLOY, CdkBootstrapRole.FILE_PUBLISHING],
  regions: ['eu-west-1'],
});
// A pull request subject: legal, and warned about (the warning must be the same in every language).
new CiDeployRole(github, 'PreviewRole', {
  provider: githubProvider,
  subjects: [repository.pullRequest()],
});

const gitlab = new Stack(app, 'GitLabDeploy');
const gitlabProvider = new GitLabOidcProvider(gitlab, 'GitLabProvider');
const project = GitLabProject.of('acme-group/platform/api', { projectId: 4242 });
const releaseRole = new CiDeployRole(gitlab, 'ReleaseRole', {
  provider: gitlabProvider,
  subjects: [project.branch('main')],
  requireProtectedRef: true,
  description: 'Deploys acme-group/platform/api from GitLab CI/CD',
});
releaseRole.allowCdkDeploy();

Aspects.of(app).add(new CiTrustGuard());
app.synth();
