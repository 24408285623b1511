import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  CiOidcBaselineProvider, CiOidcBaselineRoleProps, CiOidcOrganizationRollout, CiOidcOrganizationRolloutProps, CiOidcRolloutTarget,
  GitHubRepository, GitLabProject,
} from '../../src';

/** The organization of the tests: its management account and OUs. */
export const MANAGEMENT_ACCOUNT = '111111111111';
export const SANDBOX_OU = 'ou-ab12-sandbox1';
export const WORKLOADS_OU = 'ou-ab12-workload';
export const PRODUCTION_OU = 'ou-ab12-producti';

export const OWNER_ID = 1234567;
export const REPOSITORY_ID = 89012345;
export const PROJECT_ID = 4242;
export const NAMESPACE_ID = 77;

/** A stack of the management account, in us-east-1. */
export function managementStack(app = new App()): Stack {
  return new Stack(app, 'Organization', { env: { account: MANAGEMENT_ACCOUNT, region: 'us-east-1' } });
}

/** Three OUs with their environments. */
export function threeOus(): CiOidcRolloutTarget[] {
  return [
    CiOidcRolloutTarget.organizationalUnits([SANDBOX_OU], { environment: 'sandbox' }),
    CiOidcRolloutTarget.organizationalUnits([WORKLOADS_OU], { environment: 'workloads' }),
    CiOidcRolloutTarget.organizationalUnits([PRODUCTION_OU], { environment: 'production' }),
  ];
}

export const github = CiOidcBaselineProvider.gitHub();
export const gitlab = CiOidcBaselineProvider.gitLab();

/** A read-only plan role everywhere (GitHub pull requests) and deploy roles in production only. */
export function baselineRoles(): CiOidcBaselineRoleProps[] {
  const repository = GitHubRepository.of('acme/infrastructure', { ownerId: OWNER_ID, repositoryId: REPOSITORY_ID });
  return [
    {
      id: 'Plan',
      provider: github,
      subjects: [repository.pullRequest()],
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
    },
    {
      id: 'Deploy',
      provider: github,
      subjects: [repository.environment('production')],
      environments: ['production'],
    },
    {
      id: 'GitLabDeploy',
      provider: gitlab,
      requireProtectedRef: true,
      subjects: [GitLabProject.of('acme-group/platform/api', { projectId: PROJECT_ID }).tag('v*')],
      environments: ['production'],
    },
  ];
}

/** A rollout in a fresh management stack, with the given props over the defaults. */
export function rollout(props: Partial<CiOidcOrganizationRolloutProps> = {}, stack = managementStack()): CiOidcOrganizationRollout {
  return new CiOidcOrganizationRollout(stack, 'Rollout', {
    providers: [github, gitlab],
    roles: baselineRoles(),
    targets: threeOus(),
    ...props,
  });
}

/** The JSON of the outer stack. */
export function outerTemplate(r: CiOidcOrganizationRollout): Record<string, any> {
  return Template.fromStack(Stack.of(r)).toJSON();
}

/** The instance template, parsed back from the `TemplateBody` the outer template carries. */
export function innerTemplate(r: CiOidcOrganizationRollout, logicalId?: string): Record<string, any> {
  const resources = outerTemplate(r).Resources as Record<string, any>;
  const stackSets = Object.entries(resources).filter(([, res]) => res.Type === 'AWS::CloudFormation::StackSet');
  const [, stackSet] = logicalId === undefined ? stackSets[stackSets.length - 1] : stackSets.find(([id]) => id === logicalId)!;
  return JSON.parse(stackSet.Properties.TemplateBody);
}

/** The resources of a template of a type, by logical id. */
export function resourcesOfType(template: Record<string, any>, type: string): Record<string, any> {
  return Object.fromEntries(Object.entries(template.Resources as Record<string, any>).filter(([, res]) => res.Type === type));
}
