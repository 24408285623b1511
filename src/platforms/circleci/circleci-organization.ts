import { checkCircleCiId } from './circleci-names';
import { CircleCiProject, CircleCiProjectOptions } from './circleci-project';
import { CircleCiSubject } from './circleci-subject';
import { CircleCiSubjectReading, readCircleCiSubject } from './facts/circleci-subject-reading';
import { CiPlatform } from '../../core/ci-platform';

/**
 * A CircleCI organization: its projects, or (a warned choice) every job of every project.
 *
 * @example
 * import { CircleCiOrganization } from 'cdk-ci-oidc';
 *
 * const organization = CircleCiOrganization.of('aa1b2c3d-1111-4a2b-8c3d-0123456789ab');
 * const subject = organization
 *   .project('bb2c3d4e-2222-4b3c-9d4e-123456789abc', { vcsOrigin: 'github.com/acme/api' })
 *   .branch('main');
 *
 * @see https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/
 */
export class CircleCiOrganization {
  /**
   * An organization by its id, a UUID (Organization Settings > Overview in the CircleCI web app).
   */
  public static of(organizationId: string): CircleCiOrganization {
    return new CircleCiOrganization(organizationId);
  }

  /** The organization id. */
  public readonly organizationId: string;

  private constructor(organizationId: string) {
    checkCircleCiId('CircleCiOrganization.of(organizationId)', organizationId, 'Organization Settings > Overview in the CircleCI web app');
    this.organizationId = organizationId;
  }

  /**
   * A project of the organization, by its id (Project Settings > Overview).
   */
  public project(projectId: string, options: CircleCiProjectOptions = {}): CircleCiProject {
    return CircleCiProject.of({ ...options, organizationId: this.organizationId, projectId });
  }

  /**
   * Every job of every project of the organization, including projects created later:
   * `org/<org>/project/*`.
   *
   * Warns with ids `cdk-ci-oidc:wholeOrganizationSubject` and `cdk-ci-oidc:anyRefSubject`. Without a
   * subject at all, a role would trust the same jobs (the issuer is the organization's), which is why
   * the library never writes such a role; this is the explicit form of that choice.
   */
  public anyJob(): CircleCiSubject {
    const claim = `org/${this.organizationId}/project/*`;
    // The shared reading (the audit's too) gives the words and the warnings.
    const reading = readCircleCiSubject(claim, true) as CircleCiSubjectReading;
    return CircleCiSubject._fromSpec({
      platform: CiPlatform.CIRCLECI,
      claims: [claim],
      pattern: true,
      pins: [],
      description: reading.description,
      risks: reading.risks.map((risk) => ({ id: risk.id, message: risk.message })),
      context: { kind: 'anyRef' },
    });
  }
}
