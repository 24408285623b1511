import { Construct } from 'constructs';
import { checkCircleCiId } from './circleci-names';
import { CIRCLECI_CONDITION_CLAIMS, circleCiIssuer } from './facts/circleci-facts';
import { CiPlatform } from '../../core/ci-platform';
import { checkOptionalKind } from '../../core/runtime-checks';
import { ICiOidcProvider } from '../../providers/ci-oidc-provider';
import { CiOidcProviderBase } from '../../providers/ci-oidc-provider-base';
import { CiOidcProviderOptions } from '../../providers/ci-oidc-provider-options';
import { IssuerDescription } from '../../providers/issuer-description';
import { importProviderByArn, importProviderOfAccount } from '../../providers/provider-import';

const WHERE = 'Organization Settings > Overview in the CircleCI web app';

/**
 * Properties of a `CircleCiOidcProvider`.
 */
export interface CircleCiOidcProviderProps extends CiOidcProviderOptions {
  /**
   * The CircleCI organization id, a UUID (Organization Settings > Overview in the CircleCI web app).
   *
   * CircleCI gives every organization an issuer of its own, `https://oidc.circleci.com/org/<id>`,
   * and writes the id in lowercase; IAM names the condition keys after the issuer.
   */
  readonly organizationId: string;
}

/**
 * Options for importing an existing CircleCI provider.
 */
export interface CircleCiOidcProviderImportOptions {
  /**
   * The CircleCI organization id of the existing provider, a UUID.
   */
  readonly organizationId: string;

  /**
   * The audience that roles trusting the imported provider require by default.
   *
   * @default - the organization id, the audience of CircleCI's tokens
   */
  readonly audience?: string;
}

/**
 * Options for importing the CircleCI provider of an account.
 */
export interface CircleCiOidcProviderFromAccountOptions extends CircleCiOidcProviderImportOptions {
  /**
   * The account that holds the provider.
   *
   * @default - the stack's account
   */
  readonly account?: string;
}

/**
 * The IAM OIDC identity provider for the OIDC tokens of one CircleCI organization.
 *
 * CircleCI's issuer is per organization (`https://oidc.circleci.com/org/<organization id>`) and its
 * tokens (`$CIRCLE_OIDC_TOKEN`, `$CIRCLE_OIDC_TOKEN_V2`) carry the organization id as their audience,
 * so that id is the provider's default audience (not `sts.amazonaws.com`). AWS STS passes the
 * `oidc.circleci.com/project-id` claim to IAM, which the project subjects pin.
 *
 * An account holds one provider per organization: create it once (it is retained when its stack is
 * deleted) and import it everywhere else with `fromAccount`.
 *
 * @example
 * import { CircleCiOidcProvider } from 'cdk-ci-oidc';
 *
 * const provider = new CircleCiOidcProvider(this, 'CircleCi', {
 *   organizationId: 'aa1b2c3d-1111-4a2b-8c3d-0123456789ab',
 * });
 *
 * @see https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
 */
export class CircleCiOidcProvider extends CiOidcProviderBase {
  /**
   * Imports the CircleCI provider of an account, by organization id: its ARN is derived in the
   * stack's partition.
   */
  public static fromAccount(scope: Construct, id: string, options: CircleCiOidcProviderFromAccountOptions): ICiOidcProvider {
    checkOptionalKind('CircleCiOidcProvider.fromAccount() options', options ?? null, 'object', 'an object with organizationId');
    const issuer = describe('CircleCiOidcProvider.fromAccount() organizationId', options.organizationId);
    return importProviderOfAccount(scope, id, issuer, options.account, options.audience ?? options.organizationId);
  }

  /**
   * Imports a CircleCI provider by ARN.
   *
   * The issuer comes from `options.organizationId`, never from the ARN (which may be a token);
   * a literal ARN must name that issuer.
   */
  public static fromOidcProviderArn(
    scope: Construct, id: string, oidcProviderArn: string, options: CircleCiOidcProviderImportOptions,
  ): ICiOidcProvider {
    checkOptionalKind('CircleCiOidcProvider.fromOidcProviderArn() options', options ?? null, 'object', 'an object with organizationId');
    const issuer = describe('CircleCiOidcProvider.fromOidcProviderArn() organizationId', options.organizationId);
    return importProviderByArn(scope, id, oidcProviderArn, issuer, options.audience ?? options.organizationId,
      'CircleCiOidcProvider.fromOidcProviderArn(oidcProviderArn)');
  }

  /**
   * The CircleCI organization id.
   */
  public readonly organizationId: string;

  constructor(scope: Construct, id: string, props: CircleCiOidcProviderProps) {
    checkOptionalKind('CircleCiOidcProviderProps', props ?? null, 'object', 'an object with organizationId');
    const issuer = describe('CircleCiOidcProvider organizationId', props.organizationId);
    super(scope, id, CiPlatform.CIRCLECI, issuer.issuer, issuer.conditionClaims, { ...props, audience: props.audience ?? props.organizationId });
    this.organizationId = props.organizationId;
  }
}

function describe(property: string, organizationId: string): IssuerDescription {
  checkCircleCiId(property, organizationId, WHERE);
  return { platform: CiPlatform.CIRCLECI, issuer: circleCiIssuer(organizationId), conditionClaims: [...CIRCLECI_CONDITION_CLAIMS] };
}
