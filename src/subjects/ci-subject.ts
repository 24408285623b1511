import { CiSubjectRisk } from './ci-subject-risk';
import { CiPlatform } from '../core/ci-platform';
import { CiSubjectKind } from '../core/ci-subject-kind';
import { SubjectSpec } from '../core/subject-spec';

/**
 * Who may assume a role: one kind of CI job (a branch, a tag, an environment ...)
 * of one repository or project, or of every one of an owner or group.
 *
 * Built by the platforms' factories (`GitHubRepository.of('acme/api').branch('main')`,
 * `GitLabProject.of('acme/api').tag('v*')`, `GitHubSubject.fromClaim(...)`), which
 * validate every part.
 */
export abstract class CiSubject {
  /**
   * The parts of this subject, set by the factories of this library only.
   *
   * @internal
   */
  public abstract readonly _spec: SubjectSpec;

  /**
   * The platform whose tokens this subject describes.
   */
  public get platform(): CiPlatform {
    return this._spec.platform;
  }

  /**
   * The `sub` claim values this subject accepts (any one of them).
   */
  public get subjectClaims(): string[] {
    return [...this._spec.claims];
  }

  /**
   * Whether the values are IAM patterns (`StringLike`) rather than exact (`StringEquals`).
   */
  public get isPattern(): boolean {
    return this._spec.pattern;
  }

  /**
   * The claims, besides `sub`, that this subject requires, by claim name.
   */
  public get pinnedClaims(): { [claim: string]: string } {
    return Object.fromEntries(this._spec.pins.map((pin) => [pin.claim, pin.value]));
  }

  /**
   * What kind of job this subject stands for (a branch, a tag, an environment ...), as its
   * factory knows it.
   */
  public get kind(): CiSubjectKind {
    return this._spec.context.kind as CiSubjectKind;
  }

  /**
   * The branch, tag or environment name as the job declares it (`prod:eu`, where the `sub`
   * claim has `prod%3Aeu`), when the subject names exactly one.
   *
   * @default - none: the subject is a pattern, names no branch, tag or environment, or its name is not certain
   */
  public get name(): string | undefined {
    return this._spec.context.name;
  }

  /**
   * The branch or tag name pattern (IAM `*` and `?`) the factory was given, e.g. `release/*`.
   *
   * @default - none: the subject's branch or tag is literal, or it is no branch or tag subject
   */
  public get namePattern(): string | undefined {
    return this._spec.context.pattern;
  }

  /**
   * The legal but risky trust this subject grants: the warnings a `CiDeployRole` gives
   * for it (and `CiTrustGuard` for the same trust), in order. Empty for a narrow subject.
   */
  public get risks(): CiSubjectRisk[] {
    return this._spec.risks.map((risk) => ({ id: risk.id, message: risk.message }));
  }

  /**
   * The subject in plain words, e.g. `acme/api, branch main`.
   */
  public get description(): string {
    return this._spec.description;
  }

  /**
   * The subject in plain words.
   */
  public toString(): string {
    return this._spec.description;
  }
}
