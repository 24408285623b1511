package com.myorg;

import io.github.cdkcioidc.CiDeployRole;
import io.github.cdkcioidc.GitHubOidcProvider;
import io.github.cdkcioidc.GitHubRepository;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

public class DeployStack extends Stack {
    public DeployStack(final Construct scope, final String id) {
        super(scope, id);

        // Once per account and issuer; other stacks import it rather than create a second one.
        GitHubOidcProvider provider = new GitHubOidcProvider(this, "GitHubProvider");

        CiDeployRole role = CiDeployRole.Builder.create(this, "DeployRole")
                .provider(provider)
                .subjects(List.of(GitHubRepository.of("acme/api").environment("production")))
                .build();
    }
}
