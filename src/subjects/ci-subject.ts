import { CiPlatform } from '../core/ci-platform';
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
