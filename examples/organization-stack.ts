import { Annotations, aws_iam as iam, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  CiOidcAccountBaseline, CiOidcBaselineProvider, CiOidcBaselineRoleProps, CiOidcGuardrail, CiOidcOrganizationRollout,
  CiOidcRolloutTarget, GitHubRepository, GitLabProject,
} from '../src';

/** The organization's units (AWS Organizations console, or `aws organizations list-organizational-units-for-parent`). */
const ROOT = 'r-a1b2';
const SANDBOX_OU = 'ou-a1b2-s4ndb0x1';
const WORKLOADS_OU = 'ou-a1b2-w0rkl0ad';
const PRODUCTION_OU = 'ou-a1b2-pr0duct1';

/** The GitHub organization and the GitLab group that deploy, with their numeric ids. */
const GITHUB_OWNER_ID = 1234567;
const GITLAB_NAMESPACE_ID = 5151;

/**
 * A platform team's management account: the CI OIDC providers and baseline roles in every
 * account of three OUs through one StackSet, the same content in the management account
 * itself, and the organization guardrail for web identity.
 */
export class OrganizationStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const github = CiOidcBaselineProvider.gitHub();
    const gitlab = CiOidcBaselineProvider.gitLab();
    const infrastructure = GitHubRepository.of('acme/infrastructure', { ownerId: GITHUB_OWNER_ID, repositoryId: 89012350 });
    const roles: CiOidcBaselineRoleProps[] = [
      // Every account: pull requests of the infrastructure repository plan with read-only rights.
      {
        id: 'Plan',
        provider: github,
        subjects: [infrastructure.pullRequest()],
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
        description: 'Plans infrastructure changes for pull requests (read-only)',
      },
      // Production only: deployments gated by the protected GitHub environment, and by protected GitLab tags.
      {
        id: 'Deploy',
        provider: github,
        subjects: [infrastructure.environment('production')],
        environments: ['production'],
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('PowerUserAccess')],
        description: 'Deploys from the protected production environment',
      },
      {
        id: 'GitLabDeploy',
        provider: gitlab,
        requireProtectedRef: true,
        subjects: [GitLabProject.of('acme-group/platform/api', { projectId: 4242 }).tag('v*')],
        environments: ['production'],
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('PowerUserAccess')],
        description: 'Deploys protected version tags of the platform API',
      },
    ];

    new CiOidcOrganizationRollout(this, 'CiOidc', {
      region: 'us-east-1',
      providers: [github, gitlab],
      roles,
      targets: [
        CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU], { environment: 'sandbox' }),
        CiOidcRolloutTarget.organizationalUnits([WORKLOADS_OU], { environment: 'workloads' }),
        CiOidcRolloutTarget.organizationalUnits([PRODUCTION_OU], { environment: 'production' }),
      ],
    });
    // The plan role reads only: its pull_request subject is an accepted risk, in every account.
    Annotations.of(this).acknowledgeWarning('cdk-ci-oidc:pullRequestSubject', 'the plan role is read-only');

    // StackSets never deploy to the management account: the same content, as a plain part of this stack.
    new CiOidcAccountBaseline(this, 'ManagementAccount', { providers: [github, gitlab], roles, environment: 'management' });

    // Tokens of other GitHub owners and gitlab.com namespaces are refused in every member account.
    new CiOidcGuardrail(this, 'Guardrail', {
      gitHubOwnerIds: [GITHUB_OWNER_ID],
      gitLabNamespaceIds: [GITLAB_NAMESPACE_ID],
      targetIds: [ROOT],
    });
  }
}
