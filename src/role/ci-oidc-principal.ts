import { aws_iam as iam } from 'aws-cdk-lib';
import { CiTrustOptions } from './ci-trust-options';
import { PrincipalOwner } from './principal-owner';
import { requiredClaims } from './required-claims';
import { checkProvider, checkTrustOptions } from './trust-arguments';
import { TrustOptionsOfEveryPlatform } from './trust-options-of-every-platform';
import { ASSUME_ROLE_WITH_WEB_IDENTITY, TrustStatements } from './trust-statements';
import { GitHubTrustOptions } from '../platforms/github/github-trust-options';
import { GitLabTrustOptions } from '../platforms/gitlab/gitlab-trust-options';
import { ICiOidcProvider } from '../providers/ci-oidc-provider';
import { validateAudience } from '../providers/default-audience';
import { CiSubject } from '../subjects/ci-subject';
import { invalid } from '../subjects/literal-part';

/** Marks the props of a role's principal, whose subjects come later. */
const SUBJECTS_LATER = Symbol('cdk-ci-oidc.subjectsLater');

/**
 * Properties of a `CiOidcPrincipal`.
 */
export interface CiOidcPrincipalProps extends CiTrustOptions, GitHubTrustOptions, GitLabTrustOptions {
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
 * A role's trust never changes through another role: every trust policy gets statements of
 * its own (so `externalIds`, `withSessionTags()` and `withConditions()` change one role only),
 * `policyFragment` is a copy, `withConditions()` returns a new principal and refuses
 * conditions on the issuer's keys (those come from the subjects), and `addSubject()` is
 * refused once the principal serves more than one trust policy. The principal of a
 * `CiDeployRole` serves that role only.
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
  public static _forRole(provider: ICiOidcProvider, options: TrustOptionsOfEveryPlatform, owner: PrincipalOwner): CiOidcPrincipal {
    const principal = new CiOidcPrincipal(provider, { ...options, subjects: [], [SUBJECTS_LATER]: true } as CiOidcPrincipalProps);
    principal.owner = owner;
    return principal;
  }

  public readonly assumeRoleAction: string = ASSUME_ROLE_WITH_WEB_IDENTITY;

  /**
   * The provider whose tokens this principal accepts.
   */
  public readonly provider: ICiOidcProvider;

  /** @internal */
  public readonly _trust: TrustStatements;

  private owner?: PrincipalOwner;

  constructor(provider: ICiOidcProvider, props: CiOidcPrincipalProps) {
    super();
    checkProvider('CiOidcPrincipal provider', provider);
    checkTrustOptions('CiOidcPrincipalProps', props, 'required');
    if (props.subjects.length === 0 && !(props as { [SUBJECTS_LATER]?: boolean })[SUBJECTS_LATER]) {
      throw invalid('CiOidcPrincipal props.subjects', '[]', 'it names no subject: without one, the role would trust every job of every repository',
        'at least one subject, e.g. [GitHubRepository.of(\'acme/api\').branch(\'main\')]');
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
   * Adds a subject to the trust policy this principal is part of.
   *
   * The principal of a `CiDeployRole` gives the role's warnings for the subject, as
   * `CiDeployRole.addSubject()` does. Refused once the principal serves more than one trust
   * policy: the subject would change the trust of every role sharing it.
   */
  public addSubject(subject: CiSubject): void {
    if (this._trust.documentCount > 1) {
      throw invalid('CiOidcPrincipal.addSubject() subject', String(subject),
        `${this} serves ${this._trust.documentCount} trust policies, and one role's subject would change the trust of every role sharing it`,
        'a CiOidcPrincipal (or a CiDeployRole) per role, or every subject in props.subjects before the principal is shared');
    }
    const unpinned = this._trust.addSubject(subject);
    this.owner?.subjectAdded(subject, unpinned);
  }

  /**
   * Writes this principal's statements into a trust policy: statements of its own, which no
   * other trust policy shares.
   */
  public addToAssumeRolePolicy(document: iam.PolicyDocument): void {
    this._attach(document);
  }

  /**
   * The principal with extra conditions, as a new principal: this one and every role it
   * serves stay as they are.
   *
   * The conditions apply to every statement the principal writes. Conditions on the issuer's
   * keys (`<issuer>:sub`, `:aud` and the pinned claims) are refused: they come from the
   * subjects and the trust options, which are validated.
   */
  public withConditions(conditions: { [key: string]: any }): iam.PrincipalBase {
    return new ConditionedCiOidcPrincipal(this, checkExtraConditions(this.provider.issuer, conditions));
  }

  /**
   * Writes the statements into a trust policy, `mutate` applied to each of them.
   *
   * @internal
   */
  public _attach(document: iam.PolicyDocument, mutate?: (statement: iam.PolicyStatement) => void): void {
    if (this.owner !== undefined && this._trust.documentCount > 0) {
      throw invalid('CiDeployRole principal', this.owner.path,
        'it serves that role only: another role sharing it would change whenever that role gets a subject',
        'a CiOidcPrincipal (or a CiDeployRole) of its own for the other role');
    }
    this._trust.attach(document, mutate);
  }

  /**
   * The principal as a single policy fragment: only when all subjects fit one statement.
   * Anywhere but a trust policy, the conditions would be lost otherwise. The fragment holds
   * the subjects of the moment it is read: subjects added later do not change it.
   */
  public get policyFragment(): iam.PrincipalPolicyFragment {
    const conditions = this._trust.singleStatementConditions();
    if (conditions === undefined) {
      throw invalid('CiOidcPrincipal.policyFragment principal', String(this),
        `it needs ${this._trust.statementCount} statements and cannot be one policy fragment`,
        'the principal as the assumedBy of a role, where it writes its own statements');
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

/**
 * A `CiOidcPrincipal` with extra conditions on every statement it writes. Its own class
 * rather than `iam.PrincipalWithConditions`, which re-adds the principal's conditions to the
 * statements and needs them to fit one statement.
 */
class ConditionedCiOidcPrincipal extends iam.PrincipalBase implements iam.IAssumeRolePrincipal {
  public readonly assumeRoleAction: string = ASSUME_ROLE_WITH_WEB_IDENTITY;

  constructor(private readonly principal: CiOidcPrincipal, private readonly extra: Record<string, Record<string, unknown>>) {
    super();
  }

  public addToAssumeRolePolicy(document: iam.PolicyDocument): void {
    this.principal._attach(document, (statement) => statement.addConditions(this.extra));
  }

  public get policyFragment(): iam.PrincipalPolicyFragment {
    const base = this.principal.policyFragment;
    const conditions: Record<string, Record<string, unknown>> = { ...(base.conditions as Record<string, Record<string, unknown>>) };
    for (const [operator, block] of Object.entries(this.extra)) {
      conditions[operator] = { ...conditions[operator], ...block };
    }
    return new iam.PrincipalPolicyFragment(base.principalJson, conditions);
  }

  public withConditions(conditions: { [key: string]: any }): iam.PrincipalBase {
    const more = checkExtraConditions(this.principal.provider.issuer, conditions);
    const merged: Record<string, Record<string, unknown>> = { ...this.extra };
    for (const [operator, block] of Object.entries(more)) {
      merged[operator] = { ...merged[operator], ...block };
    }
    return new ConditionedCiOidcPrincipal(this.principal, merged);
  }

  public dedupeString(): string | undefined {
    return undefined;
  }

  public toString(): string {
    return `${this.principal}.withConditions(${JSON.stringify(this.extra)})`;
  }
}

/** A copy of extra conditions: an object of operators to objects of keys, none of them a key of the issuer. */
function checkExtraConditions(issuer: string, conditions: unknown): Record<string, Record<string, unknown>> {
  const form = "{ '<operator>': { '<key>': <value> } } on keys other than the issuer's, e.g. { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }";
  if (conditions === null || typeof conditions !== 'object' || Array.isArray(conditions)) {
    throw invalid('CiOidcPrincipal.withConditions() conditions', String(JSON.stringify(conditions)), 'it is not an object of operators', form);
  }
  const copy: Record<string, Record<string, unknown>> = {};
  for (const [operator, block] of Object.entries(conditions as Record<string, unknown>)) {
    if (block === null || typeof block !== 'object' || Array.isArray(block)) {
      throw invalid(`CiOidcPrincipal.withConditions() operator '${operator}'`, String(JSON.stringify(block)), 'it is not an object of condition keys', form);
    }
    for (const key of Object.keys(block)) {
      if (key.toLowerCase().startsWith(`${issuer.toLowerCase()}:`)) {
        throw invalid('CiOidcPrincipal.withConditions() key', key,
          "it is a key of the principal's issuer, whose conditions come from the subjects and trust options (a condition here would replace or widen them)",
          form);
      }
    }
    copy[operator] = { ...(block as Record<string, unknown>) };
  }
  return copy;
}
