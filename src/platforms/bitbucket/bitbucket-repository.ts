import { checkBitbucketUuid } from './bitbucket-names';
import { BitbucketSubject } from './bitbucket-subject';
import { environmentStepSubject, repositoryStepSubject } from './facts/bitbucket-facts';
import { readBitbucketSubject } from './facts/bitbucket-subject-reading';
import { CiPlatform } from '../../core/ci-platform';
import { SubjectContext, SubjectRisk } from '../../core/subject-spec';

const WHERE = 'Repository settings > OpenID Connect, or $BITBUCKET_REPO_UUID';

/**
 * A Bitbucket repository, the scope of the subjects its Pipelines steps present.
 *
 * Bitbucket's `sub` names the repository and, for a step that deploys to an environment, the
 * environment by UUID, then the step's UUID, which changes with every run: the subjects match it as
 * `{????????-????-????-????-????????????}`, exactly one UUID. UUIDs survive renames and are never
 * reused; look them up under Repository settings > OpenID Connect.
 *
 * @example
 * import { BitbucketRepository } from 'cdk-ci-oidc';
 *
 * const repository = BitbucketRepository.of('{1a2b3c4d-1111-4a2b-8c3d-0123456789ab}');
 * const subject = repository.environment('{2b3c4d5e-2222-4b3c-9d4e-123456789abc}');
 *
 * @see https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/
 */
export class BitbucketRepository {
  /**
   * A repository by its UUID, with or without braces (Bitbucket writes it with them).
   */
  public static of(repositoryUuid: string): BitbucketRepository {
    return new BitbucketRepository(checkBitbucketUuid('BitbucketRepository.of(repositoryUuid)', repositoryUuid, WHERE));
  }

  /** The repository UUID, in braces. */
  public readonly repositoryUuid: string;

  private constructor(repositoryUuid: string) {
    this.repositoryUuid = repositoryUuid;
  }

  /**
   * Steps that deploy to a deployment environment (`deployment: <name>` in the step):
   * `{<repository>}{<environment>}:{<step>}`.
   *
   * The environment's deployment permissions (which branches may deploy, who may run it) then
   * decide who can assume the role.
   *
   * @param environmentUuid the environment's UUID, with or without braces (Repository settings > OpenID Connect)
   */
  public environment(environmentUuid: string): BitbucketSubject {
    const environment = checkBitbucketUuid(`BitbucketRepository.of('${this.repositoryUuid}').environment(environmentUuid)`, environmentUuid, WHERE);
    return this.subject(environmentStepSubject(this.repositoryUuid, environment), { kind: 'environment' });
  }

  /**
   * Every step of the repository that deploys to no environment: `{<repository>}:{<step>}`.
   *
   * Warns with id `cdk-ci-oidc:anyRefSubject`: the `sub` names no branch, so any branch, pull request
   * and custom pipeline of the repository may assume the role.
   */
  public anyStep(): BitbucketSubject {
    return this.subject(repositoryStepSubject(this.repositoryUuid), { kind: 'anyRef' });
  }

  private subject(claim: string, context: SubjectContext): BitbucketSubject {
    // The shared reading gives the description and the warnings the audit gives the same value.
    const reading = readBitbucketSubject(claim, true) as { description: string; risks: SubjectRisk[] };
    return BitbucketSubject._fromSpec({
      platform: CiPlatform.BITBUCKET_PIPELINES,
      claims: [claim],
      pattern: true,
      pins: [],
      description: reading.description,
      risks: reading.risks.map((risk) => ({ id: risk.id, message: risk.message })),
      context,
    });
  }
}
