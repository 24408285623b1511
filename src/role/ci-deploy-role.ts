import { aws_iam as iam, Annotations, CfnOutput, Duration, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { cdkDeployAccessStatement } from './cdk-deploy-access';
import { CdkDeployAccessOptions } from './cdk-deploy-access-options';
import { CiDeployRoleOptions } from './ci-deploy-role-options.generated';
import { CiOidcPrincipal } from './ci-oidc-principal';
import { CiTrustOptions } from './ci-trust-options';
import { checkProvider, checkTrustOptions } from './trust-arguments';
import { DEFAULT_TRUST_POLICY_QUOTA, MAX_TRUST_POLICY_QUOTA, trustPolicySize } from './trust-policy-size';
import { branchAndEnvironment } from '../audit/branch-and-environment';
import { checkOptions, invalid, OptionsShape, shownValue } from '../core/runtime-checks';
import { SubjectRisk } from '../core/subject-spec';
import { addRoleArnOutput } from '../pipeline/role-arn-output';
import { RoleArnOutputOptions } from '../pipeline/role-arn-output-options';
import { renderBitbucketPipelinesStep } from '../platforms/bitbucket/bitbucket-pipelines-step';
import { BitbucketPipelinesStepOptions } from '../platforms/bitbucket/bitbucket-pipelines-step-options';
import { renderBuildkiteStep } from '../platforms/buildkite/buildkite-step';
import { BuildkiteStepOptions } from '../platforms/buildkite/buildkite-step-options';
import { renderCircleCiJob } from '../platforms/circleci/circleci-job';
import { CircleCiJobOptions } from '../platforms/circleci/circleci-job-options';
import { renderGitHubActionsJob } from '../platforms/github/github-actions-job';
import { GitHubActionsJobOptions } from '../platforms/github/github-actions-job-options';
import { GitHubTrustOptions } from '../platforms/github/github-trust-options';
import { renderGitLabCiJob } from '../platforms/gitlab/gitlab-ci-job';
import { GitLabCiJobOptions } from '../platforms/gitlab/gitlab-ci-job-options';
import { GitLabTrustOptions } from '../platforms/gitlab/gitlab-trust-options';
import { renderHcpTerraformVariables } from '../platforms/hcp-terraform/hcp-terraform-variables';
import { HcpTerraformVariablesOptions } from '../platforms/hcp-terraform/hcp-terraform-variables-options';
import { ICiOidcProvider } from '../providers/ci-oidc-provider';
import { CiSubject } from '../subjects/ci-subject';

/**
 * Properties of a `CiDeployRole`.
 */
export interface CiDeployRoleProps extends CiDeployRoleOptions, CiTrustOptions, GitHubTrustOptions, GitLabTrustOptions {
  /**
   * The CI OIDC provider whose tokens the role trusts.
   */
  readonly provider: ICiOidcProvider;

  /**
   * The jobs that may assume the role. More can be added with `addSubject()`; a role
   * without any fails synthesis.
   *
   * @default - none yet: add them with `addSubject()`
   */
  readonly subjects?: CiSubject[];

  /**
   * The trust-policy length quota of the account, in characters (IAM counts the policy
   * without white space). Synthesis fails when the policy is longer, rather than the deployment.
   *
   * @default 2048 - IAM's default quota; AWS raises it to at most 4096 on request
   */
  readonly trustPolicySizeQuota?: number;
}

/**
 * An IAM role that CI jobs assume with their OIDC token, trusted by subjects only.
 *
 * The trust policy requires the audience and one of the subjects' `sub` values (exact
 * subjects with `StringEquals`, patterns with `StringLike`, in separate statements), plus
 * the claims the subjects pin. It is an `iam.Role`: grants, policies and every Role
 * method work as usual.
 *
 * @example
 * import { CiDeployRole, GitHubOidcProvider, GitHubRepository } from 'cdk-ci-oidc';
 *
 * const provider = new GitHubOidcProvider(this, 'GitHub');
 * const role = new CiDeployRole(this, 'DeployRole', {
 *   provider,
 *   subjects: [GitHubRepository.of('acme/api').environment('production')],
 * });
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 */
export class CiDeployRole extends iam.Role {
  /**
   * The provider whose tokens the role trusts.
   */
  public readonly provider: ICiOidcProvider;

  /**
   * The principal that writes the role's trust statements.
   */
  public readonly principal: CiOidcPrincipal;

  private readonly trustPolicySizeQuota: number;
  private warnedBranchAndEnvironment = false;

  constructor(scope: Construct, id: string, props: CiDeployRoleProps) {
    checkTrustOptions('CiDeployRoleProps', props, 'optional');
    checkProvider('CiDeployRoleProps.provider', props.provider);
    checkOptions('CiDeployRoleProps', props, {
      roleName: 'string',
      path: 'string',
      description: 'string',
      trustPolicySizeQuota: 'number',
      maxSessionDuration: 'object',
      managedPolicies: 'array',
      inlinePolicies: 'object',
      permissionsBoundary: 'object',
    });
    checkSessionDuration(props.maxSessionDuration);
    const quota = props.trustPolicySizeQuota ?? DEFAULT_TRUST_POLICY_QUOTA;
    checkQuota(quota);
    // The principal hears of every subject, however it is added, and the role gives its warnings.
    let self: CiDeployRole | undefined;
    const principal = CiOidcPrincipal._forRole(props.provider, props, {
      get path() {
        return self?.node.path ?? id;
      },
      subjectAdded: (subject, unpinned) => self?.warnAbout(subject, unpinned),
    });
    // Only iam.Role's own options (the trust options are the principal's), and all of them: when the
    // generated CiDeployRoleOptions gain an option of a newer aws-cdk-lib, this stops compiling until
    // it is forwarded.
    const roleOptions: { readonly [K in keyof Required<CiDeployRoleOptions>]: CiDeployRoleOptions[K] } = {
      roleName: props.roleName,
      path: props.path,
      description: props.description,
      managedPolicies: props.managedPolicies,
      inlinePolicies: props.inlinePolicies,
      permissionsBoundary: props.permissionsBoundary,
      maxSessionDuration: props.maxSessionDuration ?? Duration.hours(1),
    };
    super(scope, id, { ...roleOptions, assumedBy: principal });
    self = this;
    this.provider = props.provider;
    this.principal = principal;
    this.trustPolicySizeQuota = quota;
    (props.subjects ?? []).forEach((subject) => this.addSubject(subject));
    this.node.addValidation({ validate: () => this.validateTrust() });
  }

  /**
   * The subjects that may assume the role.
   */
  public get subjects(): CiSubject[] {
    return this.principal.subjects;
  }

  /**
   * Lets one more kind of job assume the role.
   */
  public addSubject(subject: CiSubject): void {
    this.principal.addSubject(subject);
  }

  private warnAbout(subject: CiSubject, unpinned: SubjectRisk[]): void {
    // Emitted on the role's resource: older aws-cdk-lib versions ignore an acknowledgement made on the
    // construct that emits the warning afterwards (aws/aws-cdk#38820), but honour one made on a parent.
    const target = this.node.defaultChild ?? this;
    for (const risk of [...subject._spec.risks, ...unpinned]) {
      Annotations.of(target).addWarningV2(risk.id, `${risk.message} [${this.node.path}]`);
    }
    // Across subjects: a branch and an environment of one repository (the audit gives the same warning for hand-written roles).
    const pair = this.warnedBranchAndEnvironment ? undefined
      : branchAndEnvironment(this.subjects.flatMap((s) => s._spec.claims.map((value) => ({ value, pattern: s._spec.pattern }))));
    if (pair) {
      this.warnedBranchAndEnvironment = true;
      Annotations.of(target).addWarningV2(pair.risk.id, `${pair.risk.message} [${this.node.path}]`);
    }
  }

  /**
   * Lets the role run `cdk deploy` by assuming the CDK bootstrap roles of the given
   * environments, without any rights of its own.
   *
   * The target environments must be bootstrapped with `--trust <this role's account>`.
   *
   * This is administrator-level access: the deploy role deploys with CloudFormation's execution
   * policy, `AdministratorAccess` by default. Trust an environment with required reviewers
   * (`CiTrustGuard` warns about a branch or pull request). Where the role names hold `?`
   * (no `regions`, or `organizationPaths`), a second statement denies roles under a path that
   * holds `cdk-<qualifier>-`, so that a `?` never stands for the `/` of a role path; see
   * `CdkDeployAccessOptions.regions` for exactly which roles match.
   *
   * @returns the statement that allows `sts:AssumeRole`, added to the role's policy
   */
  public allowCdkDeploy(options: CdkDeployAccessOptions = {}): iam.PolicyStatement {
    const { allow, deny } = cdkDeployAccessStatement(this, options);
    this.addToPrincipalPolicy(allow);
    if (deny !== undefined) {
      this.addToPrincipalPolicy(deny);
    }
    return allow;
  }

  /**
   * The `jobs:` fragment of a GitHub Actions workflow whose job assumes this role: `id-token: write`,
   * `aws-actions/configure-aws-credentials` with `role-to-assume`, `aws-region` and, when the role
   * requires another audience than the action's default, `audience`; and the `environment` when
   * every subject of the role names the same one.
   *
   * @returns YAML text
   */
  public renderGitHubActionsJob(options: GitHubActionsJobOptions = {}): string {
    checkOptions('renderGitHubActionsJob() options', options, { ...JOB_OPTIONS, runsOn: 'string', checkout: 'boolean' });
    return renderGitHubActionsJob(this, options);
  }

  /**
   * A `.gitlab-ci.yml` job that assumes this role: an `id_tokens` entry with the role's audience,
   * and the token handed to the AWS SDKs and CLI through `AWS_WEB_IDENTITY_TOKEN_FILE` and
   * `AWS_ROLE_ARN` (the job's shell must be POSIX).
   *
   * @returns YAML text
   */
  public renderGitLabCiJob(options: GitLabCiJobOptions = {}): string {
    checkOptions('renderGitLabCiJob() options', options, { ...JOB_OPTIONS, image: 'string', stage: 'string' });
    return renderGitLabCiJob(this, options);
  }

  /**
   * A `.circleci/config.yml` whose job assumes this role (with the `aws-cli/setup` orb command and
   * `role_arn`, or through `AWS_WEB_IDENTITY_TOKEN_FILE`), and a workflow whose filters run the job
   * for the branches and tags the role trusts.
   *
   * @returns YAML text
   */
  public renderCircleCiJob(options: CircleCiJobOptions = {}): string {
    checkOptions('renderCircleCiJob() options', options, { ...JOB_OPTIONS, image: 'string', useOrb: 'boolean', orbVersion: 'string', contexts: 'array' });
    return renderCircleCiJob(this, options);
  }

  /**
   * A `bitbucket-pipelines.yml` whose step assumes this role: `oidc: true` (or the role's audience in
   * `oidc: audiences:`), the deployment environment, and the step's token handed to the AWS SDKs and CLI
   * through `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN` (the image's shell must be POSIX).
   *
   * @returns YAML text
   */
  public renderBitbucketPipelinesStep(options: BitbucketPipelinesStepOptions = {}): string {
    checkOptions('renderBitbucketPipelinesStep() options', options, { ...JOB_OPTIONS, image: 'string', deployment: 'string', branch: 'string' });
    return renderBitbucketPipelinesStep(this, options);
  }

  /**
   * A Buildkite pipeline step (`steps:` of `pipeline.yml`) that assumes this role: a condition
   * (`if:`) that admits only the builds the role trusts, and the `aws-assume-role-with-web-identity`
   * plugin, or, when the role pins `organization_id` or `pipeline_id` (claims the job must ask for)
   * or requires another audience than `sts.amazonaws.com`, the agent's `oidc request-token` with
   * those claims and the token handed to the AWS SDKs and CLI through `AWS_WEB_IDENTITY_TOKEN_FILE`.
   *
   * @returns YAML text
   * @see https://buildkite.com/docs/pipelines/security/oidc/aws
   */
  public renderBuildkiteStep(options: BuildkiteStepOptions = {}): string {
    checkOptions('renderBuildkiteStep() options', options, {
      ...JOB_OPTIONS, roleSessionName: 'string', roleSessionDuration: 'object', pluginVersion: 'string',
    });
    return renderBuildkiteStep(this, options);
  }

  /**
   * The HCP Terraform workspace variables that make runs assume this role: a Terraform JSON
   * configuration file (`*.tf.json`) of `tfe_variable` resources (hashicorp/tfe provider) with
   * `TFC_AWS_PROVIDER_AUTH` and the role's ARN as `TFC_AWS_PLAN_ROLE_ARN`, `TFC_AWS_APPLY_ROLE_ARN`
   * or `TFC_AWS_RUN_ROLE_ARN` (by the run phases its subjects trust), and
   * `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE` when the role requires another audience than
   * `aws.workload.identity`. An apply role renders its plan role too (`planRole`).
   *
   * @returns JSON text
   * @see https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration
   */
  public renderHcpTerraformVariables(options: HcpTerraformVariablesOptions = {}): string {
    checkOptions('renderHcpTerraformVariables() options', options, {
      workspaceId: 'string', roleArn: 'string', region: 'string', planRole: 'object', planRoleArn: 'string',
    });
    if (options.planRole !== undefined && !(options.planRole instanceof CiDeployRole)) {
      throw invalid('renderHcpTerraformVariables() options.planRole', shownValue(options.planRole), 'it is not a CiDeployRole', 'a CiDeployRole of plan() subjects');
    }
    return renderHcpTerraformVariables(this, options, options.planRole);
  }

  /**
   * Adds a stack output with the role's ARN, the value the pipeline needs.
   */
  public addArnOutput(options: RoleArnOutputOptions = {}): CfnOutput {
    checkOptions('RoleArnOutputOptions', options, { outputName: 'string', description: 'string', exportName: 'string' });
    return addRoleArnOutput(this, options);
  }

  /**
   * The length of the trust policy as the quota check counts it: the minified JSON in UTF-8
   * bytes with the provider ARN at its longest, never less than what IAM counts (IAM skips
   * white space and counts characters).
   */
  public get trustPolicySize(): number {
    const stack = Stack.of(this);
    const arnExpression = JSON.stringify(stack.resolve(this.provider.oidcProviderArn));
    return trustPolicySize(
      stack.resolve(this.assumeRolePolicy),
      (expression) => (JSON.stringify(expression) === arnExpression ? this.provider.issuer : undefined),
      Token.isUnresolved(stack.partition) ? undefined : stack.partition,
    );
  }

  private validateTrust(): string[] {
    if (this.principal.subjects.length === 0) {
      return [`CiDeployRole '${this.node.path}' has no subject: pass props.subjects or call addSubject(), e.g. GitHubRepository.of('acme/api').branch('main').`];
    }
    if (this.clearlyFitsQuota()) {
      return [];
    }
    const size = this.trustPolicySize;
    if (size > this.trustPolicySizeQuota) {
      return [
        `The trust policy of '${this.node.path}' is ${size} characters, over the quota of ${this.trustPolicySizeQuota} ` +
        `(${this.principal.subjects.length} subjects). Use fewer subjects (a branch or tag pattern, an environment), split the role, ` +
        `or raise the account's "Role trust policy length" quota (at most ${MAX_TRUST_POLICY_QUOTA}) and set trustPolicySizeQuota.`,
      ];
    }
    return [];
  }

  /**
   * Whether the trust policy is far below the quota, counted from the role's own statements
   * without resolving them. The exact count resolves the whole policy, as costly as
   * synthesizing the role again; it still runs near the quota, and whenever the policy holds
   * statements that are not this role's or values that are tokens.
   */
  private clearlyFitsQuota(): boolean {
    if (this.assumeRolePolicy?.statementCount !== this.principal._trust.statementCount) {
      return false;
    }
    const arn = this.provider.oidcProviderArn;
    const arnExpression = {};
    const policy = this.principal._trust.literalPolicy(Token.isUnresolved(arn) ? arnExpression : arn);
    if (policy === undefined) {
      return false;
    }
    const stack = Stack.of(this);
    const size = trustPolicySize(
      policy,
      (expression) => (expression === arnExpression ? this.provider.issuer : undefined),
      Token.isUnresolved(stack.partition) ? undefined : stack.partition,
    );
    return size + UNRESOLVED_COUNT_MARGIN <= this.trustPolicySizeQuota;
  }
}

/** The options every rendered job has, by kind. */
const JOB_OPTIONS: OptionsShape = { region: 'string', roleArn: 'string', jobName: 'string', commands: 'array' };

/**
 * How far below the quota a size counted without resolving must be to skip the exact count:
 * room for any difference in how aws-cdk-lib renders the statements.
 */
const UNRESOLVED_COUNT_MARGIN = 256;

function checkSessionDuration(duration: Duration | undefined): void {
  if (duration !== undefined && !(duration instanceof Duration)) {
    throw invalid('maxSessionDuration', shownValue(duration), 'it is not a Duration', 'Duration.hours(1) to Duration.hours(12)');
  }
  if (duration === undefined || Token.isUnresolved(duration.toSeconds())) {
    return;
  }
  const seconds = duration.toSeconds();
  if (seconds < 3600 || seconds > 43200) {
    throw invalid('maxSessionDuration', duration.toHumanString(), 'IAM allows 1 to 12 hours', 'Duration.hours(1) to Duration.hours(12)');
  }
}

function checkQuota(quota: number): void {
  if (!Number.isInteger(quota) || quota < DEFAULT_TRUST_POLICY_QUOTA || quota > MAX_TRUST_POLICY_QUOTA) {
    throw invalid('trustPolicySizeQuota', String(quota), 'it must be a whole number in range',
      `${DEFAULT_TRUST_POLICY_QUOTA} (IAM's default) to ${MAX_TRUST_POLICY_QUOTA} (the most AWS grants)`);
  }
}

