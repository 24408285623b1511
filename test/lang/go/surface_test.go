// cdk-ci-oidc as a Go user meets it: structs of pointers (jsii.String, jsii.Number, jsii.Bool),
// enum constants, and a panic carrying the library's message.
package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-ci-oidc/cdk-ci-oidc-go/cdkcioidc"
)

// onlyProperties returns the Properties of the one resource of the given type in the stack.
func onlyProperties(t *testing.T, stack awscdk.Stack, resourceType string) map[string]interface{} {
	t.Helper()
	resources := *assertions.Template_FromStack(stack, nil).FindResources(jsii.String(resourceType), nil)
	if len(resources) != 1 {
		t.Fatalf("want one %s, got %d", resourceType, len(resources))
	}
	for _, resource := range resources {
		return (*resource)["Properties"].(map[string]interface{})
	}
	return nil
}

// panicMessage runs build and returns the message of the error it panics with (the first line:
// the JavaScript stack follows it).
func panicMessage(t *testing.T, build func()) (message string) {
	t.Helper()
	defer func() {
		recovered := recover()
		err, ok := recovered.(error)
		if !ok {
			t.Fatalf("want a panic with an error, got %#v", recovered)
		}
		message = strings.SplitN(err.Error(), "\n", 2)[0]
	}()
	build()
	return ""
}

func TestPointerHelpersReachTheTrustPolicy(t *testing.T) {
	stack := awscdk.NewStack(nil, nil, nil)
	repository := cdkcioidc.GitHubRepository_Of(jsii.String("acme/api"), &cdkcioidc.GitHubRepositoryOptions{
		OwnerId:      jsii.Number(12),
		RepositoryId: jsii.Number(345),
	})
	cdkcioidc.NewCiDeployRole(stack, jsii.String("Role"), &cdkcioidc.CiDeployRoleProps{
		Provider: cdkcioidc.NewGitHubOidcProvider(stack, jsii.String("GitHub"), nil),
		Subjects: &[]cdkcioidc.CiSubject{repository.Branch(jsii.String("main"))},
	})

	document := onlyProperties(t, stack, "AWS::IAM::Role")["AssumeRolePolicyDocument"].(map[string]interface{})
	statements := document["Statement"].([]interface{})
	want := map[string]interface{}{"StringEquals": map[string]interface{}{
		"token.actions.githubusercontent.com:aud":                 "sts.amazonaws.com",
		"token.actions.githubusercontent.com:repository_id":       "345",
		"token.actions.githubusercontent.com:repository_owner_id": "12",
		"token.actions.githubusercontent.com:sub": []interface{}{
			"repo:acme/api:ref:refs/heads/main",
			"repo:acme@12/api@345:ref:refs/heads/main",
		},
	}}
	if len(statements) != 1 || !reflect.DeepEqual(statements[0].(map[string]interface{})["Condition"], want) {
		t.Fatalf("trust policy statements: %#v", statements)
	}
}

func TestAllowCdkDeployTakesEnumConstants(t *testing.T) {
	stack := awscdk.NewStack(nil, nil, nil)
	role := cdkcioidc.NewCiDeployRole(stack, jsii.String("Role"), &cdkcioidc.CiDeployRoleProps{
		Provider: cdkcioidc.NewGitLabOidcProvider(stack, jsii.String("GitLab"), nil),
		Subjects: &[]cdkcioidc.CiSubject{
			cdkcioidc.GitLabProject_Of(jsii.String("acme/api"), &cdkcioidc.GitLabProjectOptions{ProjectId: jsii.Number(7)}).Branch(jsii.String("main")),
		},
		RequireProtectedRef: jsii.Bool(true),
	})
	role.AllowCdkDeploy(&cdkcioidc.CdkDeployAccessOptions{
		Roles:    &[]cdkcioidc.CdkBootstrapRole{cdkcioidc.CdkBootstrapRole_LOOKUP},
		Accounts: jsii.Strings("111111111111"),
		Regions:  jsii.Strings("eu-west-1"),
	})

	document := onlyProperties(t, stack, "AWS::IAM::Policy")["PolicyDocument"].(map[string]interface{})
	statements := document["Statement"].([]interface{})
	want := map[string]interface{}{
		"Action": "sts:AssumeRole",
		"Effect": "Allow",
		"Resource": map[string]interface{}{"Fn::Join": []interface{}{"", []interface{}{
			"arn:", map[string]interface{}{"Ref": "AWS::Partition"},
			":iam::111111111111:role/cdk-hnb659fds-lookup-role-111111111111-eu-west-1",
		}}},
	}
	if len(statements) != 1 || !reflect.DeepEqual(statements[0], want) {
		t.Fatalf("policy statements: %#v", statements)
	}
}

func TestAWildcardRepositoryPanicsWithTheLibraryMessage(t *testing.T) {
	got := panicMessage(t, func() { cdkcioidc.GitHubRepository_Of(jsii.String("acme/*"), nil) })
	want := "Invalid GitHubRepository.of(fullName) 'acme/*': wildcards are never allowed in the owner or repository " +
		"(for every repository of an owner use GitHubOwner.of('acme')). Allowed form: '<owner>/<repository>' " +
		"with letters, digits, '.', '-' and '_', e.g. 'acme/api'."
	if !strings.HasSuffix(got, want) {
		t.Fatalf("panic message %q does not end with %q", got, want)
	}
}

func TestABadPropsValuePanicsWithTheLibraryMessage(t *testing.T) {
	stack := awscdk.NewStack(nil, nil, nil)
	provider := cdkcioidc.NewGitHubOidcProvider(stack, jsii.String("GitHub"), nil)
	got := panicMessage(t, func() {
		cdkcioidc.NewCiDeployRole(stack, jsii.String("Role"), &cdkcioidc.CiDeployRoleProps{
			Provider:           provider,
			Subjects:           &[]cdkcioidc.CiSubject{cdkcioidc.GitHubRepository_Of(jsii.String("acme/api"), nil).Environment(jsii.String("production"))},
			MaxSessionDuration: awscdk.Duration_Minutes(jsii.Number(30)),
		})
	})
	want := "Invalid maxSessionDuration '30 minutes': IAM allows 1 to 12 hours. Allowed form: Duration.hours(1) to Duration.hours(12)."
	if !strings.HasSuffix(got, want) {
		t.Fatalf("panic message %q does not end with %q", got, want)
	}
}

func TestTheReadmeQuickStartTrustsTheProductionEnvironment(t *testing.T) {
	stack := NewDeployStack(awscdk.NewApp(nil), "Deploy", nil)

	document := onlyProperties(t, stack, "AWS::IAM::Role")["AssumeRolePolicyDocument"].(map[string]interface{})
	statements := document["Statement"].([]interface{})
	want := map[string]interface{}{"StringEquals": map[string]interface{}{
		"token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
		"token.actions.githubusercontent.com:sub": "repo:acme/api:environment:production",
	}}
	if len(statements) != 1 || !reflect.DeepEqual(statements[0].(map[string]interface{})["Condition"], want) {
		t.Fatalf("trust policy statements: %#v", statements)
	}
}
