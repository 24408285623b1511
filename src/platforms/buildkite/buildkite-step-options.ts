import { CiJobOptions } from '../../pipeline/ci-job-options';

/**
 * Options of the Buildkite step that a `CiDeployRole` renders.
 *
 * `jobName` is the step's key and label (default `deploy`); `commands` run once the step has the
 * role's credentials.
 */
export interface BuildkiteStepOptions extends CiJobOptions {
  /**
   * The version of the `aws-assume-role-with-web-identity` plugin: a release tag such as
   * `v1.4.0`, or a full commit SHA.
   *
   * The plugin is used when the role pins no claim that the job must ask for: it requests the
   * token with `--audience sts.amazonaws.com` and no `--claim`. A role that pins
   * `organization_id` or `pipeline_id` (or requires another audience) gets the agent's
   * `buildkite-agent oidc request-token` command instead, with the claims it needs.
   *
   * @default 'v1.4.0'
   * @see https://github.com/buildkite-plugins/aws-assume-role-with-web-identity-buildkite-plugin
   */
  readonly pluginVersion?: string;
}
