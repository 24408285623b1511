import { aws_iam as iam, Lazy, Token } from 'aws-cdk-lib';
import { SubjectWarning } from '../core/finding-texts';
import { ClaimPin, SubjectRisk } from '../core/subject-spec';
import { checkRoleAudienceTenancy, checkSubjectTenancy } from '../platforms/generic/generic-tenancy';
import { platformFacts } from '../platforms/registry';
import { ICiOidcProvider } from '../providers/ci-oidc-provider';
import { CiSubject } from '../subjects/ci-subject';
import { invalid } from '../subjects/literal-part';

/** The action every statement allows. */
export const ASSUME_ROLE_WITH_WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';

/** Claims a whole role requires besides the subjects' own pins (e.g. `ref_protected`). */
export interface TrustSettings {
  readonly provider: ICiOidcProvider;
  readonly audience: string;
  readonly requiredClaims: ClaimPin[];
}

type Operator = 'StringEquals' | 'StringLike';

/** One statement: the subjects that share an operator and the same pinned claims. */
interface StatementGroup {
  readonly claims: string[];
  readonly operator: Operator;
  readonly pins: ClaimPin[];
}

/** A trust policy the statements were written into, and the statements written there. */
interface AttachedDocument {
  readonly document: iam.PolicyDocument;
  readonly mutate?: (statement: iam.PolicyStatement) => void;
}

/**
 * The trust statements of one principal, built from subjects.
 *
 * Subjects land in one statement per (operator, pinned claims): exact subjects use
 * `StringEquals`, patterns `StringLike`, and the two never share a statement, where
 * IAM would AND them. Each statement's `sub` values are read at synthesis, so subjects
 * added later join the statement of their group.
 *
 * Every trust policy gets statements of its own: what a role does to its statements
 * (`externalIds`, `withSessionTags()`, `withConditions()`) never reaches another role's.
 */
export class TrustStatements {
  private readonly groups = new Map<string, StatementGroup>();
  private readonly documents: AttachedDocument[] = [];
  private readonly added: CiSubject[] = [];

  constructor(public readonly settings: TrustSettings) {
    checkRoleAudienceTenancy(settings.provider.issuer, settings.audience);
    for (const pin of settings.requiredClaims) {
      checkClaimSupported(settings.provider, pin, 'the role');
    }
  }

  /** The subjects added so far, in order. */
  public get subjects(): CiSubject[] {
    return [...this.added];
  }

  /** The number of trust policies the statements were written into. */
  public get documentCount(): number {
    return this.documents.length;
  }

  /** The number of statements. */
  public get statementCount(): number {
    return this.groups.size;
  }

  /**
   * Validates a subject against the provider and adds it to its statement. Returns the
   * warnings for optional pins the issuer cannot carry.
   */
  public addSubject(subject: CiSubject): SubjectRisk[] {
    const spec = subject !== null && typeof subject === 'object' ? subject._spec : undefined;
    if (spec === undefined) {
      throw invalid('subject', String(subject), 'it is not a subject built by this library',
        'a subject of GitHubRepository, GitHubOwner, GitLabProject, GitLabGroup or the fromClaim factories');
    }
    const provider = this.settings.provider;
    if (spec.platform !== provider.platform) {
      throw invalid('subject', spec.description,
        `it is a ${spec.platform} subject, but the provider for issuer '${provider.issuer}' is ${provider.platform}`,
        'a subject of the provider\'s platform, or a role per provider');
    }
    checkSubjectTenancy(provider.issuer, spec);
    // A per-tenant issuer whose sub repeats the tenant (CircleCI): a subject of another tenant would trust nothing.
    const fits = platformFacts(provider.platform).subjects.issuerMismatch;
    const mismatch = fits === undefined ? undefined : spec.claims.map((claim) => fits(claim, provider.issuer)).find((why) => why !== undefined);
    if (mismatch !== undefined) {
      throw invalid('subject', spec.description, `it cannot match tokens of issuer '${provider.issuer}': ${mismatch}`,
        'a subject of the provider\'s tenant, or its provider');
    }
    // No claim is pinned twice: `requiredClaims()` gives each of the role's claims (ref_protected,
    // job_workflow_ref) once, and the subject factories pin each of theirs (ids, environment) once,
    // never one of the role's.
    const pins = [...this.settings.requiredClaims];
    const warnings: SubjectRisk[] = [];
    for (const pin of spec.pins) {
      if (pin.optional && !provider.conditionClaims.includes(pin.claim)) {
        warnings.push(SubjectWarning.claimNotPinned(pin.whenUnsupported));
        continue;
      }
      checkClaimSupported(provider, pin, `subject '${spec.description}'`);
      pins.push(pin);
    }
    pins.sort((a, b) => a.claim.localeCompare(b.claim));

    const operator = spec.pattern ? 'StringLike' : 'StringEquals';
    const key = JSON.stringify([operator, pins.map((pin) => [pin.claim, pin.value])]);
    let group = this.groups.get(key);
    if (!group) {
      group = { claims: [], operator, pins };
      this.groups.set(key, group);
      for (const attached of this.documents) {
        this.write(attached, group);
      }
    }
    for (const claim of spec.claims) {
      if (!group.claims.includes(claim)) {
        group.claims.push(claim);
      }
    }
    this.added.push(subject);
    return warnings;
  }

  /**
   * Adds the statements to a trust policy; statements of later subjects follow. `mutate`
   * changes this policy's statements only (e.g. extra conditions of `withConditions()`).
   */
  public attach(document: iam.PolicyDocument, mutate?: (statement: iam.PolicyStatement) => void): void {
    const attached = { document, mutate };
    this.documents.push(attached);
    for (const group of this.groups.values()) {
      this.write(attached, group);
    }
  }

  /**
   * The trust policy these statements make on their own, as plain JSON with `federated` as
   * every statement's principal: what the synthesized policy holds, without resolving it.
   * `undefined` when a value is a token, which only resolving can count.
   */
  public literalPolicy(federated: unknown): object | undefined {
    const statements = [...this.groups.values()].map((group) => ({
      Action: ASSUME_ROLE_WITH_WEB_IDENTITY,
      Condition: this.conditions(group.operator, group.pins, subValue(group.claims)),
      Effect: 'Allow',
      Principal: { Federated: federated },
    }));
    return Token.isUnresolved(JSON.stringify(statements)) ? undefined : { Statement: statements, Version: '2012-10-17' };
  }

  /**
   * The condition block of the only statement, for a principal used outside a trust policy:
   * a copy of the subjects of now, which later subjects never change.
   */
  public singleStatementConditions(): iam.Conditions | undefined {
    if (this.groups.size !== 1) {
      return undefined;
    }
    const [group] = this.groups.values();
    return this.conditions(group.operator, group.pins, subValue(group.claims));
  }

  /** A new statement of one group for one trust policy. */
  private write(attached: AttachedDocument, group: StatementGroup): void {
    // Uncached: a cached Lazy keeps the values of its first resolution (e.g. a trustPolicySize
    // read) and would silently drop subjects added afterwards.
    const sub = Lazy.uncachedAny({ produce: () => subValue(group.claims) });
    const statement = new iam.PolicyStatement({
      actions: [ASSUME_ROLE_WITH_WEB_IDENTITY],
      principals: [new iam.WebIdentityPrincipal(this.settings.provider.oidcProviderArn)],
      conditions: this.conditions(group.operator, group.pins, sub),
    });
    attached.mutate?.(statement);
    attached.document.addStatements(statement);
  }

  /** The conditions of one statement: its statement and `literalPolicy` share them, so they cannot drift apart. */
  private conditions(operator: Operator, pins: ClaimPin[], sub: unknown): Record<string, Record<string, unknown>> {
    const issuer = this.settings.provider.issuer;
    const equals: Record<string, unknown> = { [`${issuer}:aud`]: this.settings.audience };
    for (const pin of pins) {
      equals[`${issuer}:${pin.claim}`] = pin.value;
    }
    const conditions: Record<string, Record<string, unknown>> = { StringEquals: equals };
    if (operator === 'StringEquals') {
      equals[`${issuer}:sub`] = sub;
    } else {
      conditions.StringLike = { [`${issuer}:sub`]: sub };
    }
    return conditions;
  }
}

/** A statement's `sub` condition value: a string for one subject, a list for more. */
function subValue(claims: string[]): string | string[] {
  return claims.length === 1 ? claims[0] : [...claims];
}

function checkClaimSupported(provider: ICiOidcProvider, pin: ClaimPin, who: string): void {
  if (!provider.conditionClaims.includes(pin.claim)) {
    throw invalid(`claim pin of ${who}`, `${pin.claim} = ${pin.value}`,
      `IAM receives no '${provider.issuer}:${pin.claim}' condition key from issuer '${provider.issuer}' ` +
      `(it receives: ${['aud', 'sub', ...provider.conditionClaims].join(', ')}), so the role could never be assumed`,
      pin.whenUnsupported);
  }
}
