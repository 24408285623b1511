// The reference app (test/lang/typescript/app.ts) in Go: the same stacks, construct for construct.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-ci-oidc/cdk-ci-oidc-go/cdkcioidc"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)

	github := awscdk.NewStack(app, jsii.String("GitHubDeploy"), nil)
	githubProvider := cdkcioidc.NewGitHubOidcProvider(github, jsii.String("GitHubProvider"), nil)
	repository := cdkcioidc.GitHubRepository_Of(jsii.String("acme/payments-api"), &cdkcioidc.GitHubRepositoryOptions{
		OwnerId:       jsii.Number(1234567),
		RepositoryId:  jsii.Number(89012345),
		SubjectFormat: cdkcioidc.GitHubSubjectFormat_LEGACY_AND_IMMUTABLE,
	})
	deployRole := cdkcioidc.NewCiDeployRole(github, jsii.String("DeployRole"), &cdkcioidc.CiDeployRoleProps{
		Provider: githubProvider,
		Subjects: &[]cdkcioidc.CiSubject{
			repository.Environment(jsii.String("production")),
			repository.Branch(jsii.String("main")),
			repository.Tag(jsii.String("v*")),
		},
		MaxSessionDuration: awscdk.Duration_Hours(jsii.Number(2)),
		Description:        jsii.String("Deploys acme/payments-api from GitHub Actions"),
	})
	deployRole.AllowCdkDeploy(&cdkcioidc.CdkDeployAccessOptions{
		Roles:   &[]cdkcioidc.CdkBootstrapRole{cdkcioidc.CdkBootstrapRole_DEPLOY, cdkcioidc.CdkBootstrapRole_FILE_PUBLISHING},
		Regions: jsii.Strings("eu-west-1"),
	})
	// A pull request subject: legal, and warned about (the warning must be the same in every language).
	cdkcioidc.NewCiDeployRole(github, jsii.String("PreviewRole"), &cdkcioidc.CiDeployRoleProps{
		Provider: githubProvider,
		Subjects: &[]cdkcioidc.CiSubject{repository.PullRequest()},
	})

	gitlab := awscdk.NewStack(app, jsii.String("GitLabDeploy"), nil)
	gitlabProvider := cdkcioidc.NewGitLabOidcProvider(gitlab, jsii.String("GitLabProvider"), nil)
	project := cdkcioidc.GitLabProject_Of(jsii.String("acme-group/platform/api"), &cdkcioidc.GitLabProjectOptions{
		ProjectId: jsii.Number(4242),
	})
	releaseRole := cdkcioidc.NewCiDeployRole(gitlab, jsii.String("ReleaseRole"), &cdkcioidc.CiDeployRoleProps{
		Provider:            gitlabProvider,
		Subjects:            &[]cdkcioidc.CiSubject{project.Branch(jsii.String("main"))},
		RequireProtectedRef: jsii.Bool(true),
		Description:         jsii.String("Deploys acme-group/platform/api from GitLab CI/CD"),
	})
	releaseRole.AllowCdkDeploy(nil)

	awscdk.Aspects_Of(app).Add(cdkcioidc.NewCiTrustGuard(nil), nil)
	app.Synth(nil)
}
