import { Token } from 'aws-cdk-lib';
import { invalid } from '../subjects/literal-part';

const MAJOR = /^v[1-9][0-9]{0,3}$/;
const SHA = /^[0-9a-f]{40}$/;
const RELEASE = /^v[0-9]{1,4}(\.[0-9]{1,4}){0,2}$/;

/**
 * The version of an action that a rendered GitHub Actions job uses: a major version tag
 * (`actions/checkout@v7`), or a full commit SHA with the release it is (`actions/checkout@<sha> # v7.0.1`).
 *
 * A major tag follows the action's fixes without a change to the workflow, and is moved by
 * the action's maintainers. A commit SHA cannot be moved, which GitHub's security hardening
 * guide recommends for third-party actions; a tool such as Dependabot then keeps it current.
 *
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
 */
export class ActionVersion {
  /**
   * A major version tag, e.g. `v7`.
   *
   * @param tag `v` and the major version number
   */
  public static major(tag: string): ActionVersion {
    if (Token.isUnresolved(tag) || !MAJOR.test(tag)) {
      throw invalid('ActionVersion.major(tag)', tag, 'it is not a major version tag', "'v' and a number, e.g. 'v7'");
    }
    return new ActionVersion(tag, undefined);
  }

  /**
   * A full commit SHA, written with the release it is as a comment (`@<sha> # v7.0.1`), the
   * form Dependabot and Renovate update.
   *
   * @param sha the 40 lowercase hexadecimal digits of the commit the release tag points to
   * @param release the release tag of that commit, e.g. `v7.0.1`
   */
  public static sha(sha: string, release: string): ActionVersion {
    if (Token.isUnresolved(sha) || !SHA.test(sha)) {
      throw invalid('ActionVersion.sha(sha)', sha, 'it is not a full commit SHA (a short SHA or a tag can be moved to other code)',
        "40 lowercase hexadecimal digits, e.g. '0123456789abcdef0123456789abcdef01234567'");
    }
    if (Token.isUnresolved(release) || !RELEASE.test(release)) {
      throw invalid('ActionVersion.sha(release)', release, 'it is not a release tag', "'v' and a version, e.g. 'v7.0.1'");
    }
    return new ActionVersion(sha, release);
  }

  /**
   * What follows `@` in `uses:`: the tag or the commit SHA.
   */
  public readonly ref: string;

  /**
   * The release a commit SHA is, written as a comment after it.
   *
   * @default - none, for a tag
   */
  public readonly comment?: string;

  private constructor(ref: string, comment: string | undefined) {
    this.ref = ref;
    this.comment = comment;
  }
}
