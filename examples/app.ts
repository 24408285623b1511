import { App } from 'aws-cdk-lib';
import { CiTrustGuard } from '../src';
import { GitHubDeployStack } from './github-deploy-stack';
import { GitLabDeployStack } from './gitlab-deploy-stack';
import { OrganizationStack } from './organization-stack';
import { PlatformStack } from './platform-stack';

// Synthesizes without an AWS account or credentials: the stacks are environment-agnostic.
const app = new App();
new GitHubDeployStack(app, 'GitHubDeployExample');
new GitLabDeployStack(app, 'GitLabDeployExample');
new PlatformStack(app, 'PlatformExample');
new OrganizationStack(app, 'OrganizationExample');

// Audits every role that trusts a CI provider, those written by hand too, in every stage.
CiTrustGuard.addTo(app);
app.synth();
