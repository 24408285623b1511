package langtest;

import io.github.cdkcioidc.CdkBootstrapRole;
import io.github.cdkcioidc.CdkDeployAccessOptions;
import io.github.cdkcioidc.CiDeployRole;
import io.github.cdkcioidc.CiTrustGuard;
import io.github.cdkcioidc.GitHubOidcProvider;
import io.github.cdkcioidc.GitHubRepository;
import io.github.cdkcioidc.GitHubRepositoryOptions;
import io.github.cdkcioidc.GitHubSubjectFormat;
import io.github.cdkcioidc.GitLabOidcProvider;
import io.github.cdkcioidc.GitLabProject;
import io.github.cdkcioidc.GitLabProjectOptions;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;

/** The reference app (test/lang/typescript/app.ts) in Java: the same stacks, construct for construct. */
public final class LangApp {
    public static void main(final String[] args) {
        App app = new App();

        Stack github = new Stack(app, "GitHubDeploy");
        GitHubOidcProvider githubProvider = new GitHubOidcProvider(github, "GitHubProvider");
        GitHubRepository repository = GitHubRepository.of("acme/payments-api", GitHubRepositoryOptions.builder()
                .ownerId(1234567)
                .repositoryId(89012345)
                .subjectFormat(GitHubSubjectFormat.LEGACY_AND_IMMUTABLE)
                .build());
        CiDeployRole deployRole = CiDeployRole.Builder.create(github, "DeployRole")
                .provider(githubProvider)
                .subjects(List.of(repository.environment("production"), repository.branch("main"), repository.tag("v*")))
                .maxSessionDuration(Duration.hours(2))
                .description("Deploys acme/payments-api from GitHub Actions")
                .build();
        deployRole.allowCdkDeploy(CdkDeployAccessOptions.builder()
                .roles(List.of(CdkBootstrapRole.DEPLOY, CdkBootstrapRole.FILE_PUBLISHING))
                .regions(List.of("eu-west-1"))
                .build());
        // A pull request subject: legal, and warned about (the warning must be the same in every language).
        CiDeployRole.Builder.create(github, "PreviewRole")
                .provider(githubProvider)
                .subjects(List.of(repository.pullRequest()))
                .build();

        Stack gitlab = new Stack(app, "GitLabDeploy");
        GitLabOidcProvider gitlabProvider = new GitLabOidcProvider(gitlab, "GitLabProvider");
        GitLabProject project = GitLabProject.of("acme-group/platform/api", GitLabProjectOptions.builder().projectId(4242).build());
        CiDeployRole releaseRole = CiDeployRole.Builder.create(gitlab, "ReleaseRole")
                .provider(gitlabProvider)
                .subjects(List.of(project.branch("main")))
                .requireProtectedRef(true)
                .description("Deploys acme-group/platform/api from GitLab CI/CD")
                .build();
        releaseRole.allowCdkDeploy();

        Aspects.of(app).add(new CiTrustGuard());
        app.synth();
    }

    private LangApp() {
    }
}
