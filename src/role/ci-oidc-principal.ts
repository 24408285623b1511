import { aws_iam as iam } from 'aws-cdk-lib';
import { CiTrustOptions } from './ci-trust-options';
import { requiredClaims } from './required-claims';
import { ASSUME_ROLE_WITH_WEB_IDENTITY, TrustStatements } from './trust-statements';
import { ICiOidcProvider } from '../providers/ci-oidc-provider';
import { validateAudience } from '../providers/default-audience';
import { CiSubject } from '../subjects/ci-subject';

/** Marks the props of a role's principal, whose subjects come later. */
const SUBJECTS_LATER = Symbol('cdk-ci-oidc.subjectsLater');

/**
 * Properties of a `CiOidcPrincipal`.
 */
export interface CiOidcPrincipalProps extends CiTrustOptions {
  /**
   * The subjects that may assume the role; at least one.
   */
  readonly subjects: CiSubject[];
}

/**
 * The federated principal of a CI OIDC provider, with the conditions built from subjects,
 * for those who define their own `iam.Role`.
 *
 * It writes its own statements into the role's trust policy (one per operator and set of
 * pinned claims). `CiDeployRole` adds the trust-policy size check and the warnings for
 * risky subjects; with a role of your own, add `CiTrustGuard` to get them.
 *
 * @example
 * import { CiOidcPrincipal, GitHubRepository, ICiOidcProvider } from 'cdk-ci-oidc';
 *
 * declare const provider: ICiOidcProvider;
 * new iam.Role(this, 'Role', {
 *   assumedBy: new CiOidcPrincipal(provider, {
 *     subjects: [GitHubRepository.of('acme/api').branch('main')],
 *   }),
 * });
 */
export class CiOidcPrincipal extends iam.PrincipalBase implements iam.IAssumeRolePrincipal {
  /**
   * A principal that starts without subjects, for `CiDeployRole`, which checks at
   * synthesis that subjects were added.
   *
   * @internal
   */
  public static _forRole(provider: ICiOidcProvider, options: CiTrustOptions): CiOidcPrincipal {
    return new CiOidcPrincipal(provider, { ...options, subjects: [], [SUBJECTS_LATER]: true } as CiOidcPrincipalProps);
  }

  public readonly assumeRoleAction: string = ASSUME_ROLE_WITH_WEB_IDENTITY;

  /**
   * The provider whose tokens this principal accepts.
   */
  public readonly provider: ICiOidcProvider;

  /** @internal */
  public readonly _trust: TrustStatements;

  constructor(provider: ICiOidcProvider, props: CiOidcPrincipalProps) {
    super();
    if (props.subjects.length === 0 && !(props as { [SUBJECTS_LATER]?: boolean })[SUBJECTS_LATER]) {
      throw new Error('CiOidcPrincipal needs at least one subject in props.subjects: without one, the role would trust every job of every repository.');
    }
    this.provider = provider;
    const audience = props.audience === undefined ? provider.audience : validateAudience('audience', props.audience);
    this._trust = new TrustStatements({ provider, audience, requiredClaims: requiredClaims(props) });
    props.subjects.forEach((subject) => this._trust.addSubject(subject));
  }

  /**
   * The subjects this principal accepts.
   */
  public get subjects(): CiSubject[] {
    return this._trust.subjects;
  }

  /**
   * The audience the token must carry.
   */
  public get audience(): string {
    return this._trust.settings.audience;
  }

  /**
   * Adds a subject to every trust policy this principal is part of.
   */
  public addSubject(subject: CiSubject): void {
    this._trust.addSubject(subject);
  }

  /**
   * Writes this principal's statements into a trust policy.
   */
  public addToAssumeRolePolicy(document: iam.PolicyDocument): void {
    this._trust.attach(document);
  }

  /**
   * The principal as a single policy fragment: only when all subjects fit one statement.
   * Anywhere but a trust policy, the conditions would be lost otherwise.
   */
  public get policyFragment(): iam.PrincipalPolicyFragment {
    const conditions = this._trust.singleStatementConditions();
    if (conditions === undefined) {
      throw new Error(
        `CiOidcPrincipal for '${this.provider.issuer}' needs ${this._trust.statementCount} statements and cannot be one policy fragment; ` +
        'use it as the assumedBy of a role, where it writes its own statements.',
      );
    }
    return new iam.PrincipalPolicyFragment({ Federated: [this.provider.oidcProviderArn] }, conditions);
  }

  public dedupeString(): string | undefined {
    return undefined;
  }

  public toString(): string {
    return `CiOidcPrincipal(${this.provider.issuer})`;
  }
}
