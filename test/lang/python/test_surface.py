"""cdk-ci-oidc as a Python user meets it: keyword arguments, enums and Python exceptions."""
import enum

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Template
from cdk_ci_oidc import (
    CdkBootstrapRole,
    CiDeployRole,
    GitHubOidcProvider,
    GitHubRepository,
    GitHubSubjectFormat,
    GitLabOidcProvider,
    GitLabProject,
)


def trust_conditions(stack):
    roles = Template.from_stack(stack).find_resources("AWS::IAM::Role")
    assert len(roles) == 1
    (role,) = roles.values()
    return [statement["Condition"] for statement in role["Properties"]["AssumeRolePolicyDocument"]["Statement"]]


def test_keyword_arguments_reach_the_trust_policy():
    stack = cdk.Stack()
    repository = GitHubRepository.of("acme/api", owner_id=12, repository_id=345)
    CiDeployRole(stack, "Role", provider=GitHubOidcProvider(stack, "GitHub"), subjects=[repository.branch("main")])

    assert trust_conditions(stack) == [
        {
            "StringEquals": {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:repository_id": "345",
                "token.actions.githubusercontent.com:repository_owner_id": "12",
                "token.actions.githubusercontent.com:sub": [
                    "repo:acme/api:ref:refs/heads/main",
                    "repo:acme@12/api@345:ref:refs/heads/main",
                ],
            }
        }
    ]


def test_enums_are_python_enums_and_choose_the_subject_form():
    assert issubclass(GitHubSubjectFormat, enum.Enum)
    stack = cdk.Stack()
    repository = GitHubRepository.of(
        "acme/api", owner_id=12, repository_id=345, subject_format=GitHubSubjectFormat.IMMUTABLE
    )
    CiDeployRole(stack, "Role", provider=GitHubOidcProvider(stack, "GitHub"), subjects=[repository.environment("prod")])

    (condition,) = trust_conditions(stack)
    assert condition["StringEquals"]["token.actions.githubusercontent.com:sub"] == "repo:acme@12/api@345:environment:prod"


def test_allow_cdk_deploy_takes_a_list_of_enum_members():
    stack = cdk.Stack()
    role = CiDeployRole(
        stack,
        "Role",
        provider=GitLabOidcProvider(stack, "GitLab"),
        subjects=[GitLabProject.of("acme/api", project_id=7).branch("main")],
        require_protected_ref=True,
    )
    role.allow_cdk_deploy(roles=[CdkBootstrapRole.LOOKUP], accounts=["111111111111"], regions=["eu-west-1"])

    policies = Template.from_stack(stack).find_resources("AWS::IAM::Policy")
    (policy,) = policies.values()
    (statement,) = policy["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Action"] == "sts:AssumeRole"
    assert statement["Resource"] == {
        "Fn::Join": [
            "",
            ["arn:", {"Ref": "AWS::Partition"}, ":iam::111111111111:role/cdk-hnb659fds-lookup-role-111111111111-eu-west-1"],
        ]
    }


def test_a_wildcard_repository_raises_the_library_message():
    with pytest.raises(RuntimeError) as raised:
        GitHubRepository.of("acme/*")
    # A static method's error reaches Python as "Error: <message>", a constructor's as "<message>".
    assert str(raised.value) == "Error: " + (
        "Invalid GitHubRepository.of(fullName) 'acme/*': wildcards are never allowed in the owner or repository "
        "(for every repository of an owner use GitHubOwner.of('acme')). Allowed form: '<owner>/<repository>' "
        "with letters, digits, '.', '-' and '_', e.g. 'acme/api'."
    )


def test_a_bad_keyword_argument_value_raises_the_library_message():
    stack = cdk.Stack()
    with pytest.raises(RuntimeError) as raised:
        CiDeployRole(
            stack,
            "Role",
            provider=GitHubOidcProvider(stack, "GitHub"),
            subjects=[GitHubRepository.of("acme/api").environment("production")],
            max_session_duration=cdk.Duration.minutes(30),
        )
    assert str(raised.value) == (
        "Invalid maxSessionDuration '30 minutes': IAM allows 1 to 12 hours. "
        "Allowed form: Duration.hours(1) to Duration.hours(12)."
    )


def test_a_wrong_python_type_is_refused_before_it_reaches_the_library():
    with pytest.raises(TypeError):
        GitHubRepository.of("acme/api", owner_id="12")


def test_the_readme_quick_start_trusts_the_production_environment():
    from deploy_stack import DeployStack

    stack = DeployStack(cdk.App(), "Deploy")

    assert trust_conditions(stack) == [
        {
            "StringEquals": {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub": "repo:acme/api:environment:production",
            }
        }
    ]
