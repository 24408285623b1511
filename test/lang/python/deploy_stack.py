import aws_cdk as cdk
from constructs import Construct
from cdk_ci_oidc import CiDeployRole, GitHubOidcProvider, GitHubRepository


class DeployStack(cdk.Stack):
    def __init__(self, scope: Construct, id: str, **kwargs) -> None:
        super().__init__(scope, id, **kwargs)

        # Once per account and issuer; other stacks import it rather than create a second one.
        provider = GitHubOidcProvider(self, "GitHubProvider")

        role = CiDeployRole(self, "DeployRole",
            provider=provider,
            subjects=[GitHubRepository.of("acme/api").environment("production")]
        )
