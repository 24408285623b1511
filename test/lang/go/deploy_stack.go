package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-ci-oidc/cdk-ci-oidc-go/cdkcioidc"
)

func NewDeployStack(scope constructs.Construct, id string, props *awscdk.StackProps) awscdk.Stack {
	stack := awscdk.NewStack(scope, &id, props)

	// Once per account and issuer; other stacks import it rather than create a second one.
	provider := cdkcioidc.NewGitHubOidcProvider(stack, jsii.String("GitHubProvider"), nil)

	cdkcioidc.NewCiDeployRole(stack, jsii.String("DeployRole"), &cdkcioidc.CiDeployRoleProps{
		Provider: provider,
		Subjects: &[]cdkcioidc.CiSubject{
			cdkcioidc.GitHubRepository_Of(jsii.String("acme/api"), nil).Environment(jsii.String("production")),
		},
	})
	return stack
}
