import { BuildkiteSubject } from './buildkite-subject';
import {
  BUILD_TAIL, ORGANIZATION_SLUG_FORM, pipelinePrefix, PIPELINE_SLUG_FORM, SLUG, UUID, UUID_FORM,
} from './facts/buildkite-names';
import { readBuildkiteSubject } from './facts/buildkite-reading';
import { buildkiteRisks } from './facts/buildkite-risks';
import { CiPlatform } from '../../core/ci-platform';
import { checkKind, checkOptions } from '../../core/runtime-checks';
import { ClaimPin, SubjectContext } from '../../core/subject-spec';
import { checkRefName } from '../../subjects/git-ref-name';
import { hasWildcard, invalid, textProblem } from '../../subjects/literal-part';
import { refContext } from '../../subjects/subject-classification';

/**
 * Options of a Buildkite pipeline scope.
 */
export interface BuildkitePipelineOptions {
  /**
   * The organization's id (a UUID; the `organization_id` claim), pinned with `StringEquals` on
   * `agent.buildkite.com:organization_id`, so that a renamed organization whose slug someone
   * else takes cannot match.
   *
   * The claim is optional in Buildkite's tokens: the job must ask for it
   * (`buildkite-agent oidc request-token --claim organization_id`), as the step that
   * `CiDeployRole.renderBuildkiteStep()` writes does; a token without it is refused.
   *
   * @default - no id: the slug alone identifies the organization
   */
  readonly organizationId?: string;

  /**
   * The pipeline's id (a UUID; the `pipeline_id` claim), pinned with `StringEquals` on
   * `agent.buildkite.com:pipeline_id`, so that a deleted and re-created pipeline of the same
   * slug cannot match. The job must ask for it too (`--claim pipeline_id`).
   *
   * @default - no id: the slug alone identifies the pipeline
   */
  readonly pipelineId?: string;
}

/**
 * A Buildkite pipeline, the scope of the subjects its jobs present.
 *
 * Buildkite writes the build's commit and the job's step key into every `sub`
 * (`organization:<org>:pipeline:<pipeline>:ref:refs/heads/main:commit:<sha>:step:<key>`), so a
 * subject is necessarily a pattern, `...:ref:refs/heads/main:commit:*:step:*`. It is a safe one:
 * git ref names cannot hold `:`, so the `*` after `commit:` never reaches back into the ref.
 * Besides the `sub`, the subjects pin the claims AWS STS passes for Buildkite with
 * `StringEquals`: `build_branch` for a branch, and `organization_id` and `pipeline_id` when
 * given, which survive renames, unlike the slugs of the `sub`.
 *
 * A pull request build carries its source branch: with builds of pull requests from forks
 * turned on, a fork's branch named like a trusted branch gets the same `sub` and
 * `build_branch` (AWS sees nothing that tells them apart), so do not build third-party pull
 * requests on a pipeline whose roles deploy.
 *
 * @example
 * import { BuildkitePipeline } from 'cdk-ci-oidc';
 *
 * const subject = BuildkitePipeline.of('acme-inc', 'deploy-app', {
 *   organizationId: '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b',
 *   pipelineId: '0190a3b4-aaaa-7e8f-9a0b-1c2d3e4f5a6b',
 * }).branch('main');
 */
export class BuildkitePipeline {
  /**
   * A pipeline by its organization's slug and its own, exactly as in its URL
   * (`https://buildkite.com/<organization>/<pipeline>`).
   */
  public static of(organization: string, pipeline: string, options: BuildkitePipelineOptions = {}): BuildkitePipeline {
    checkOptions('BuildkitePipeline.of(options)', options, { organizationId: 'string', pipelineId: 'string' });
    return new BuildkitePipeline(organization, pipeline, options);
  }

  /** The organization's slug. */
  public readonly organization: string;
  /** The pipeline's slug. */
  public readonly pipeline: string;
  /** The organization's id, if given. */
  public readonly organizationId?: string;
  /** The pipeline's id, if given. */
  public readonly pipelineId?: string;

  private readonly source: string;
  private readonly label: string;
  private readonly pins: ClaimPin[];

  private constructor(organization: string, pipeline: string, options: BuildkitePipelineOptions) {
    checkSlug('BuildkitePipeline.of(organization)', organization, ORGANIZATION_SLUG_FORM);
    checkSlug('BuildkitePipeline.of(pipeline)', pipeline, PIPELINE_SLUG_FORM);
    this.source = `BuildkitePipeline.of('${organization}', '${pipeline}')`;
    checkUuid(`${this.source} organizationId`, options.organizationId);
    checkUuid(`${this.source} pipelineId`, options.pipelineId);
    this.organization = organization;
    this.pipeline = pipeline;
    this.organizationId = options.organizationId;
    this.pipelineId = options.pipelineId;
    this.label = `${organization}/${pipeline}`;
    const unsupported = 'use BuildkiteOidcProvider, whose issuer passes the claim';
    this.pins = [
      ...(options.organizationId === undefined ? [] : [{ claim: 'organization_id', value: options.organizationId, whenUnsupported: unsupported }]),
      ...(options.pipelineId === undefined ? [] : [{ claim: 'pipeline_id', value: options.pipelineId, whenUnsupported: unsupported }]),
    ];
  }

  /**
   * Jobs of builds of a branch: `...:ref:refs/heads/<branch>:commit:*:step:*`, and for a literal
   * name `build_branch` pinned to it.
   *
   * @param branch the branch's name (`main`, not `refs/heads/main`); `*` and `?` make it a
   * pattern, and `*` also matches `/`
   */
  public branch(branch: string): BuildkiteSubject {
    checkRefName(this.source, 'branch', branch);
    const pins = hasWildcard(branch) ? [] : [{ claim: 'build_branch', value: branch, whenUnsupported: 'use BuildkiteOidcProvider, whose issuer passes the claim' }];
    return this.subject(`refs/heads/${branch}${BUILD_TAIL}`, `branch ${branch}`, pins, refContext('branch', branch));
  }

  /**
   * Jobs of builds of a tag: `...:ref:refs/tags/<tag>:commit:*:step:*`.
   *
   * @param tag the tag's name (`v1.2.3`, not `refs/tags/v1.2.3`); `*` and `?` make it a pattern
   */
  public tag(tag: string): BuildkiteSubject {
    checkRefName(this.source, 'tag', tag);
    return this.subject(`refs/tags/${tag}${BUILD_TAIL}`, `tag ${tag}`, [], refContext('tag', tag));
  }

  /**
   * Jobs of builds of any branch or tag: `...:ref:*`.
   *
   * Warns with id `cdk-ci-oidc:anyRefSubject`: anyone who can push a branch can assume the role.
   */
  public anyRef(): BuildkiteSubject {
    return this.subject('*', 'any branch or tag', [], { kind: 'anyRef' });
  }

  private subject(ref: string, words: string, refPins: ClaimPin[], context: SubjectContext): BuildkiteSubject {
    const claim = `${pipelinePrefix(this.organization, this.pipeline)}${ref}`;
    return BuildkiteSubject._fromSpec({
      platform: CiPlatform.BUILDKITE,
      claims: [claim],
      pattern: true,
      pins: [...this.pins, ...refPins],
      description: `${this.label}, ${words}`,
      risks: buildkiteRisks(readBuildkiteSubject(claim, true), this.label).map(({ id, message }) => ({ id, message })),
      context,
    });
  }
}

function checkSlug(property: string, value: string, form: string): void {
  checkKind(property, value, 'string', form);
  const problem = textProblem(value)
    ?? (hasWildcard(value) ? "it contains '*' or '?': slugs are never patterns" : undefined)
    ?? (SLUG.test(value) ? undefined : 'it is not a Buildkite slug');
  if (problem) {
    throw invalid(property, value, problem, form);
  }
}

function checkUuid(property: string, value: string | undefined): void {
  if (value !== undefined && (textProblem(value) !== undefined || !UUID.test(value))) {
    throw invalid(property, value, textProblem(value) ?? 'it is not a lowercase UUID', `${UUID_FORM} (the organization's or pipeline's settings, or the GraphQL API)`);
  }
}
