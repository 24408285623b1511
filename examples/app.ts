import { App } from 'aws-cdk-lib';
import { GitHubDeployStack } from './github-deploy-stack';
import { GitLabDeployStack } from './gitlab-deploy-stack';

// Synthesizes without an AWS account or credentials: the stacks are environment-agnostic.
const app = new App();
new GitHubDeployStack(app, 'GitHubDeployExample');
new GitLabDeployStack(app, 'GitLabDeployExample');
app.synth();
