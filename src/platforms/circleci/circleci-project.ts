import { checkCircleCiId } from './circleci-names';
import { CircleCiSubject } from './circleci-subject';
import { CIRCLECI_PROJECT_ID_CLAIM, circleCiProjectPrefix, circleCiV2Subject, vcsOriginProblem } from './facts/circleci-facts';
import { isCircleCiProblem, readCircleCiSubject } from './facts/circleci-subject-reading';
import { CiPlatform } from '../../core/ci-platform';
import { checkKind, checkOptions } from '../../core/runtime-checks';
import { ClaimPin, SubjectContext } from '../../core/subject-spec';
import { checkRefName } from '../../subjects/git-ref-name';
import { invalid, textProblem } from '../../subjects/literal-part';
import { refContext } from '../../subjects/subject-classification';

const ORIGIN_FORM = "the repository as CircleCI writes it, host and path without a scheme, e.g. 'github.com/acme/api'";

/**
 * Options of a CircleCI project scope.
 */
export interface CircleCiProjectOptions {
  /**
   * The repository the project builds, as CircleCI writes the `oidc.circleci.com/vcs-origin` claim:
   * host and path without a scheme, e.g. `github.com/acme/api` (IAM compares case).
   *
   * Branch and tag subjects need it: they match the `sub` of `$CIRCLE_OIDC_TOKEN_V2`, which carries
   * the origin. Jobs of forked pull requests (when the project passes secrets to forks) carry the
   * fork's origin and never match; CircleCI's documentation says policies must check the origin then.
   *
   * @default - none: only `anyJob()` subjects, which admit every job of the project, forks included
   */
  readonly vcsOrigin?: string;

  /**
   * Whether the project id is also required as the condition key `oidc.circleci.com/project-id`,
   * which AWS STS passes for CircleCI's issuers, in addition to the `sub` that names the project.
   *
   * @default true
   */
  readonly pinProjectId?: boolean;
}

/**
 * Properties of a CircleCI project scope.
 */
export interface CircleCiProjectProps extends CircleCiProjectOptions {
  /**
   * The CircleCI organization id, a UUID (Organization Settings > Overview): the provider's.
   */
  readonly organizationId: string;

  /**
   * The CircleCI project id, a UUID (Project Settings > Overview).
   */
  readonly projectId: string;
}

/**
 * A CircleCI project, the scope of the subjects its jobs present.
 *
 * Every subject names the organization, the project and (for branches and tags) the VCS origin; the
 * user who started the job varies, so it is matched as `????????-????-????-????-????????????`: one
 * UUID, never a `*` that a branch name could stretch. The subjects are therefore IAM patterns
 * (`StringLike`). Jobs restarted with SSH get tokens too, and their user has a shell: IAM cannot see
 * the `oidc.circleci.com/ssh-rerun` claim, so restrict SSH reruns in CircleCI for deploy projects.
 *
 * @example
 * import { CircleCiProject } from 'cdk-ci-oidc';
 *
 * const project = CircleCiProject.of({
 *   organizationId: 'aa1b2c3d-1111-4a2b-8c3d-0123456789ab',
 *   projectId: 'bb2c3d4e-2222-4b3c-9d4e-123456789abc',
 *   vcsOrigin: 'github.com/acme/api',
 * });
 * const subject = project.branch('main');
 *
 * @see https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/#limit-role-access-based-on-branch
 */
export class CircleCiProject {
  /**
   * A project by its organization and project ids.
   */
  public static of(props: CircleCiProjectProps): CircleCiProject {
    checkKind('CircleCiProject.of(props)', props ?? null, 'object', 'an object with organizationId and projectId');
    checkOptions('CircleCiProject.of(props)', props, { organizationId: 'string', projectId: 'string', vcsOrigin: 'string', pinProjectId: 'boolean' });
    return new CircleCiProject(props);
  }

  /** The organization id. */
  public readonly organizationId: string;
  /** The project id. */
  public readonly projectId: string;
  /** The repository the project builds, if given. */
  public readonly vcsOrigin?: string;

  private readonly source: string;
  private readonly pins: ClaimPin[];

  private constructor(props: CircleCiProjectProps) {
    checkCircleCiId('CircleCiProject.of(props) organizationId', props.organizationId, 'Organization Settings > Overview in the CircleCI web app');
    checkCircleCiId('CircleCiProject.of(props) projectId', props.projectId, 'Project Settings > Overview in the CircleCI web app');
    this.source = `CircleCiProject.of('${props.projectId}')`;
    if (props.vcsOrigin !== undefined) {
      const problem = textProblem(props.vcsOrigin) ?? vcsOriginProblem(props.vcsOrigin);
      if (problem) {
        throw invalid(`${this.source} vcsOrigin`, props.vcsOrigin, problem, ORIGIN_FORM);
      }
    }
    this.organizationId = props.organizationId;
    this.projectId = props.projectId;
    this.vcsOrigin = props.vcsOrigin;
    this.pins = (props.pinProjectId ?? true) ? [{
      claim: CIRCLECI_PROJECT_ID_CLAIM,
      value: props.projectId,
      whenUnsupported: `in ${this.source}, set pinProjectId: false`,
    }] : [];
  }

  /**
   * Jobs of pipelines for a branch of the origin: `.../vcs-origin/<origin>/vcs-ref/refs/heads/<branch>`,
   * the `sub` of `$CIRCLE_OIDC_TOKEN_V2`.
   *
   * @param branch the branch's short name (`main`, not `refs/heads/main`); `*` and `?` make it a
   * pattern, and `*` also matches `/`
   */
  public branch(branch: string): CircleCiSubject {
    checkRefName(this.source, 'branch', branch);
    return this.v2(`refs/heads/${branch}`, refContext('branch', branch), 'branch', branch);
  }

  /**
   * Jobs of pipelines for a tag of the origin: `.../vcs-ref/refs/tags/<tag>`.
   *
   * @param tag the tag's short name (`v1.2.3`, not `refs/tags/v1.2.3`); `*` and `?` make it a pattern
   */
  public tag(tag: string): CircleCiSubject {
    checkRefName(this.source, 'tag', tag);
    return this.v2(`refs/tags/${tag}`, refContext('tag', tag), 'tag', tag);
  }

  /**
   * Jobs of pipelines for any branch or tag of the origin: `.../vcs-origin/<origin>/vcs-ref/*`.
   *
   * Warns with id `cdk-ci-oidc:anyRefSubject`: anyone who can push a branch can assume the role.
   */
  public anyRef(): CircleCiSubject {
    return this.v2('*', { kind: 'anyRef' }, 'anyRef', '*');
  }

  /**
   * Every job of the project: `org/<org>/project/<project>/user/*`, which both `$CIRCLE_OIDC_TOKEN`
   * and `$CIRCLE_OIDC_TOKEN_V2` match (CircleCI's "limit role access based on project").
   *
   * Warns with id `cdk-ci-oidc:anyRefSubject`: any branch, custom-webhook pipelines and, when the
   * project passes secrets to forked pull requests, the forks' jobs may assume the role.
   */
  public anyJob(): CircleCiSubject {
    return this.subject(`${circleCiProjectPrefix(this.organizationId, this.projectId)}*`, { kind: 'anyRef' });
  }

  private v2(vcsRef: string, context: SubjectContext, method: string, argument: string): CircleCiSubject {
    if (this.vcsOrigin === undefined) {
      throw invalid(`${this.source}.${method}()`, argument,
        'the project has no vcsOrigin, and branch and tag subjects match the origin in the sub of $CIRCLE_OIDC_TOKEN_V2',
        "CircleCiProject.of({ ..., vcsOrigin: 'github.com/acme/api' }), or anyJob() for every job of the project");
    }
    return this.subject(circleCiV2Subject(this.organizationId, this.projectId, this.vcsOrigin, vcsRef), context);
  }

  private subject(claim: string, context: SubjectContext): CircleCiSubject {
    // The shared reading (the audit's too) gives the words and the warnings.
    const reading = readCircleCiSubject(claim, true);
    if (isCircleCiProblem(reading)) {
      throw invalid(`${this.source} subject`, claim, `it does not read back (${reading.why})`, 'a sub of the form the CircleCI builders write');
    }
    return CircleCiSubject._fromSpec({
      platform: CiPlatform.CIRCLECI,
      claims: [claim],
      // The user id is always a wildcard: CircleCI writes the user who started the job.
      pattern: true,
      pins: this.pins,
      description: reading.description,
      risks: reading.risks.map((risk) => ({ id: risk.id, message: risk.message })),
      context,
    });
  }
}
