import { Construct } from 'constructs';
import { BUILDKITE_CONDITION_CLAIMS, BUILDKITE_ISSUER } from './facts/buildkite-names';
import { CiPlatform } from '../../core/ci-platform';
import { checkOptionalKind } from '../../core/runtime-checks';
import { ICiOidcProvider } from '../../providers/ci-oidc-provider';
import { CiOidcProviderBase } from '../../providers/ci-oidc-provider-base';
import { CiOidcProviderImportOptions, CiOidcProviderOptions } from '../../providers/ci-oidc-provider-options';
import { IssuerDescription } from '../../providers/issuer-description';
import { importProviderByArn, importProviderOfAccount } from '../../providers/provider-import';

/**
 * Properties of a `BuildkiteOidcProvider`.
 */
export interface BuildkiteOidcProviderProps extends CiOidcProviderOptions {}

/**
 * Options for importing the Buildkite provider of an account.
 */
export interface BuildkiteOidcProviderFromAccountOptions extends CiOidcProviderImportOptions {
  /**
   * The account that holds the provider.
   *
   * @default - the stack's account
   */
  readonly account?: string;
}

/** Buildkite's one issuer and the claims AWS STS passes for it. */
const ISSUER: IssuerDescription = { platform: CiPlatform.BUILDKITE, issuer: BUILDKITE_ISSUER, conditionClaims: [...BUILDKITE_CONDITION_CLAIMS] };

/**
 * The IAM OIDC identity provider for the OIDC tokens of Buildkite jobs
 * (`https://agent.buildkite.com`).
 *
 * Jobs request a token with `buildkite-agent oidc request-token --audience sts.amazonaws.com`
 * (the `aws-assume-role-with-web-identity` plugin does), so the audience is `sts.amazonaws.com`,
 * never Buildkite's default `https://buildkite.com/<organization>`. The issuer is shared by every
 * Buildkite organization: every role's subjects name the organization (`BuildkitePipeline`).
 * AWS STS passes `organization_id`, `pipeline_id` and `build_branch` (and a few more) to IAM,
 * which the subjects pin.
 *
 * An account holds one provider per issuer: create it once (it is retained when its stack
 * is deleted) and import it everywhere else with `fromAccount`.
 *
 * @see https://buildkite.com/docs/pipelines/security/oidc/aws
 * @see https://buildkite.com/docs/agent/v3/cli-oidc
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
 */
export class BuildkiteOidcProvider extends CiOidcProviderBase {
  /**
   * Imports the Buildkite provider of an account: its ARN is derived in the stack's partition.
   */
  public static fromAccount(scope: Construct, id: string, options: BuildkiteOidcProviderFromAccountOptions = {}): ICiOidcProvider {
    checkOptionalKind('BuildkiteOidcProvider.fromAccount() options', options, 'object', 'an object of options, or nothing');
    return importProviderOfAccount(scope, id, ISSUER, options.account, options.audience);
  }

  /**
   * Imports the Buildkite provider by ARN; a literal ARN must name `agent.buildkite.com`.
   */
  public static fromOidcProviderArn(
    scope: Construct, id: string, oidcProviderArn: string, options: CiOidcProviderImportOptions = {},
  ): ICiOidcProvider {
    checkOptionalKind('BuildkiteOidcProvider.fromOidcProviderArn() options', options, 'object', 'an object of options, or nothing');
    return importProviderByArn(scope, id, oidcProviderArn, ISSUER, options.audience, 'BuildkiteOidcProvider.fromOidcProviderArn(oidcProviderArn)');
  }

  /**
   * The issuer URL, `https://agent.buildkite.com`.
   */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: BuildkiteOidcProviderProps = {}) {
    checkOptionalKind('BuildkiteOidcProviderProps', props, 'object', 'an object of options, or nothing');
    super(scope, id, ISSUER.platform, ISSUER.issuer, ISSUER.conditionClaims, props);
    this.url = `https://${ISSUER.issuer}`;
  }
}
