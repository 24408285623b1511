package langtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.myorg.DeployStack;
import io.github.cdkcioidc.CdkBootstrapRole;
import io.github.cdkcioidc.CdkDeployAccessOptions;
import io.github.cdkcioidc.CiDeployRole;
import io.github.cdkcioidc.GitHubOidcProvider;
import io.github.cdkcioidc.GitHubRepository;
import io.github.cdkcioidc.GitHubRepositoryOptions;
import io.github.cdkcioidc.GitLabOidcProvider;
import io.github.cdkcioidc.GitLabProject;
import io.github.cdkcioidc.GitLabProjectOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.jsii.JsiiException;

/** cdk-ci-oidc as a Java user meets it: builders, enums and JsiiException. */
class SurfaceTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyResource(final Stack stack, final String type) {
        Map<String, Map<String, Object>> resources = Template.fromStack(stack).findResources(type);
        assertEquals(1, resources.size());
        return (Map<String, Object>) resources.values().iterator().next().get("Properties");
    }

    @Test
    @SuppressWarnings("unchecked")
    void buildersReachTheTrustPolicy() {
        Stack stack = new Stack();
        GitHubRepository repository = GitHubRepository.of("acme/api",
                GitHubRepositoryOptions.builder().ownerId(12).repositoryId(345).build());
        CiDeployRole.Builder.create(stack, "Role")
                .provider(new GitHubOidcProvider(stack, "GitHub"))
                .subjects(List.of(repository.branch("main")))
                .build();

        Map<String, Object> document = (Map<String, Object>) onlyResource(stack, "AWS::IAM::Role").get("AssumeRolePolicyDocument");
        List<Map<String, Object>> statements = (List<Map<String, Object>>) document.get("Statement");
        assertEquals(1, statements.size());
        assertEquals(Map.of("StringEquals", Map.of(
                "token.actions.githubusercontent.com:aud", "sts.amazonaws.com",
                "token.actions.githubusercontent.com:repository_id", "345",
                "token.actions.githubusercontent.com:repository_owner_id", "12",
                "token.actions.githubusercontent.com:sub", List.of(
                        "repo:acme/api:ref:refs/heads/main",
                        "repo:acme@12/api@345:ref:refs/heads/main"))),
                statements.get(0).get("Condition"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void allowCdkDeployTakesAListOfEnumConstants() {
        Stack stack = new Stack();
        CiDeployRole role = CiDeployRole.Builder.create(stack, "Role")
                .provider(new GitLabOidcProvider(stack, "GitLab"))
                .subjects(List.of(GitLabProject.of("acme/api", GitLabProjectOptions.builder().projectId(7).build()).branch("main")))
                .requireProtectedRef(true)
                .build();
        role.allowCdkDeploy(CdkDeployAccessOptions.builder()
                .roles(List.of(CdkBootstrapRole.LOOKUP))
                .accounts(List.of("111111111111"))
                .regions(List.of("eu-west-1"))
                .build());

        Map<String, Object> document = (Map<String, Object>) onlyResource(stack, "AWS::IAM::Policy").get("PolicyDocument");
        List<Map<String, Object>> statements = (List<Map<String, Object>>) document.get("Statement");
        assertEquals(1, statements.size());
        assertEquals("sts:AssumeRole", statements.get(0).get("Action"));
        assertEquals(Map.of("Fn::Join", List.of("", List.of(
                "arn:", Map.of("Ref", "AWS::Partition"),
                ":iam::111111111111:role/cdk-hnb659fds-lookup-role-111111111111-eu-west-1"))),
                statements.get(0).get("Resource"));
    }

    /** The library's message: the first line (the JavaScript stack follows it). */
    private static String firstLine(final Throwable thrown) {
        return thrown.getMessage().split("\n", 2)[0];
    }

    @Test
    void aWildcardRepositoryThrowsTheLibraryMessage() {
        // A static method's error arrives as a RuntimeException "Error: <message>", a constructor's as a JsiiException.
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> GitHubRepository.of("acme/*"));
        assertEquals("Error: Invalid GitHubRepository.of(fullName) 'acme/*': wildcards are never allowed in the owner or repository "
                + "(for every repository of an owner use GitHubOwner.of('acme')). Allowed form: '<owner>/<repository>' "
                + "with letters, digits, '.', '-' and '_', e.g. 'acme/api'.", firstLine(thrown));
    }

    @Test
    void aBadBuilderValueThrowsTheLibraryMessage() {
        Stack stack = new Stack();
        GitHubOidcProvider provider = new GitHubOidcProvider(stack, "GitHub");
        CiDeployRole.Builder builder = CiDeployRole.Builder.create(stack, "Role")
                .provider(provider)
                .subjects(List.of(GitHubRepository.of("acme/api").environment("production")))
                .maxSessionDuration(Duration.minutes(30));
        JsiiException thrown = assertThrows(JsiiException.class, builder::build);
        assertEquals("Invalid maxSessionDuration '30 minutes': IAM allows 1 to 12 hours. "
                + "Allowed form: Duration.hours(1) to Duration.hours(12).", firstLine(thrown));
    }

    @Test
    void aBuilderWithoutARequiredPropertyIsRefusedInJava() {
        Stack stack = new Stack();
        CiDeployRole.Builder builder = CiDeployRole.Builder.create(stack, "Role")
                .subjects(List.of(GitHubRepository.of("acme/api").environment("production")));
        NullPointerException thrown = assertThrows(NullPointerException.class, builder::build);
        assertEquals("provider is required", thrown.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReadmeQuickStartTrustsTheProductionEnvironment() {
        Stack stack = new DeployStack(new App(), "Deploy");

        Map<String, Object> document = (Map<String, Object>) onlyResource(stack, "AWS::IAM::Role").get("AssumeRolePolicyDocument");
        List<Map<String, Object>> statements = (List<Map<String, Object>>) document.get("Statement");
        assertEquals(1, statements.size());
        assertEquals(Map.of("StringEquals", Map.of(
                "token.actions.githubusercontent.com:aud", "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub", "repo:acme/api:environment:production")),
                statements.get(0).get("Condition"));
    }
}
