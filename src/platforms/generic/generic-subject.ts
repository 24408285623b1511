import { genericPatternProblem } from './facts/generic-subject-rules';
import { CiPlatform } from '../../core/ci-platform';
import { FindingId } from '../../core/finding-id';
import { freezeSpec, SubjectSpec } from '../../core/subject-spec';
import { CiSubject } from '../../subjects/ci-subject';
import { checkLiteralOrPattern, hasWildcard, invalid } from '../../subjects/literal-part';

const EXACT_FORM = "the issuer's complete 'sub' value, e.g. 'sc://acme/infra/aws-deploy' (Azure DevOps) or 'space:prod:stack:network:run_type:TRACKED:scope:write' (Spacelift)";
const PATTERN_FORM = "a 'sub' pattern whose wildcards start a part after two complete parts, e.g. 'space:prod:stack:network:run_type:*:scope:write' or " +
  "'https://jenkins.example.com/job/deploy/*'";

/**
 * Who may assume a role trusting a `GenericOidcProvider`: an exact `sub` value or a pattern.
 *
 * The library knows no grammar of these issuers' subjects, so it checks what holds for all of them: literal
 * text that IAM can carry, and patterns whose wildcards cannot reach into a name or stand for a whole
 * tenant. Take the values from the issuer's documentation of its `sub` claim. For a shared issuer that
 * names the tenant in `sub` (Codefresh, Scalr ...), the role also checks that every pattern holds the
 * tenant prefix that issuer documents.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
export class GenericSubject extends CiSubject {
  /**
   * An exact `sub` value, compared with `StringEquals`.
   *
   * @param sub the complete claim value, e.g. `sc://acme/infra/aws-deploy`
   */
  public static exact(sub: string): GenericSubject {
    const property = 'GenericSubject.exact(sub)';
    checkLiteralOrPattern(property, sub, EXACT_FORM);
    if (hasWildcard(sub)) {
      throw invalid(property, sub, "it contains '*' or '?' (use GenericSubject.pattern for a pattern)", EXACT_FORM);
    }
    return new GenericSubject({
      platform: CiPlatform.GENERIC_OIDC,
      claims: [sub],
      pattern: false,
      pins: [],
      description: `sub ${sub}`,
      risks: [],
      context: { kind: 'other' },
    });
  }

  /**
   * A `sub` pattern with IAM wildcards (`*`, `?`), compared with `StringLike`.
   *
   * A wildcard may only start a part (right after `:` or `/`), and at least two complete parts, a URL
   * scheme aside, must come before the first one: `space:prod:stack:*` and `https://jenkins.example.com/job/*`
   * pass, `org:*`, `sc://acme/*` and `project:api-*` are refused. The subject is warned with
   * `cdk-ci-oidc:rawPatternSubject`: the library cannot say what a pattern of an unknown grammar lets in.
   *
   * @param sub the claim pattern, e.g. `space:prod:stack:network:run_type:*:scope:write`
   */
  public static pattern(sub: string): GenericSubject {
    const property = 'GenericSubject.pattern(sub)';
    checkLiteralOrPattern(property, sub, PATTERN_FORM);
    const problem = genericPatternProblem(sub);
    if (problem) {
      throw invalid(property, sub, problem, PATTERN_FORM);
    }
    return new GenericSubject({
      platform: CiPlatform.GENERIC_OIDC,
      claims: [sub],
      pattern: true,
      pins: [],
      description: `sub ${sub}`,
      risks: [{
        id: FindingId.RAW_PATTERN,
        message: `The subject '${sub}' is a pattern of an issuer whose 'sub' grammar the library does not know; check in the issuer's documentation what it matches.`,
      }],
      context: { kind: 'other' },
    });
  }

  /** @internal */
  public readonly _spec: SubjectSpec;

  private constructor(spec: SubjectSpec) {
    super();
    this._spec = freezeSpec(spec);
  }
}
