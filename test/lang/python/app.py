"""The reference app (test/lang/typescript/app.ts) in Python: the same stacks, construct for construct."""
import aws_cdk as cdk
from cdk_ci_oidc import (
    CdkBootstrapRole,
    CiDeployRole,
    CiTrustGuard,
    GitHubOidcProvider,
    GitHubRepository,
    GitHubSubjectFormat,
    GitLabOidcProvider,
    GitLabProject,
)

app = cdk.App()

github = cdk.Stack(app, "GitHubDeploy")
github_provider = GitHubOidcProvider(github, "GitHubProvider")
repository = GitHubRepository.of(
    "acme/payments-api",
    owner_id=1234567,
    repository_id=89012345,
    subject_format=GitHubSubjectFormat.LEGACY_AND_IMMUTABLE,
)
deploy_role = CiDeployRole(
    github,
    "DeployRole",
    provider=github_provider,
    subjects=[repository.environment("production"), repository.branch("main"), repository.tag("v*")],
    max_session_duration=cdk.Duration.hours(2),
    description="Deploys acme/payments-api from GitHub Actions",
)
deploy_role.allow_cdk_deploy(
    roles=[CdkBootstrapRole.DEPLOY, CdkBootstrapRole.FILE_PUBLISHING],
    regions=["eu-west-1"],
)
# A pull request subject: legal, and warned about (the warning must be the same in every language).
CiDeployRole(github, "PreviewRole", provider=github_provider, subjects=[repository.pull_request()])

gitlab = cdk.Stack(app, "GitLabDeploy")
gitlab_provider = GitLabOidcProvider(gitlab, "GitLabProvider")
project = GitLabProject.of("acme-group/platform/api", project_id=4242)
release_role = CiDeployRole(
    gitlab,
    "ReleaseRole",
    provider=gitlab_provider,
    subjects=[project.branch("main")],
    require_protected_ref=True,
    description="Deploys acme-group/platform/api from GitLab CI/CD",
)
release_role.allow_cdk_deploy()

cdk.Aspects.of(app).add(CiTrustGuard())
app.synth()
