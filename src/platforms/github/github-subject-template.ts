import { environmentPins, idPins } from './facts/github-pins';
import { GITHUB_FREE_TEXT_KEYS } from './facts/github-platform';
import { checkId, checkOwner, OWNER_ID_LOOKUP, parseRepository, REPOSITORY_ID_LOOKUP } from './github-names';
import { repoForms } from './github-repo-forms';
import { GitHubSubject } from './github-subject';
import { GitHubSubjectClaimKey } from './github-subject-claim-key';
import { GitHubSubjectTemplateValues } from './github-subject-template-values';
import { checkJobWorkflowRef } from './github-workflow-ref';
import { CiPlatform } from '../../core/ci-platform';
import { CiSubjectKind } from '../../core/ci-subject-kind';
import { SubjectWarning } from '../../core/finding-texts';
import { checkKind, checkList } from '../../core/runtime-checks';
import { ClaimPin, SubjectContext, SubjectRisk } from '../../core/subject-spec';
import { gitRefProblem } from '../../subjects/git-ref-name';
import { checkLiteral, invalid } from '../../subjects/literal-part';
import { checkClaimScope, classifiedRisks } from '../../subjects/subject-classification';

/** Keys that name one repository; without one, the subject covers a whole owner. */
const REPOSITORY_KEYS = [GitHubSubjectClaimKey.REPO, GitHubSubjectClaimKey.REPOSITORY, GitHubSubjectClaimKey.REPOSITORY_ID];
/** Keys that name an owner; without one, any repository on GitHub could present the subject. */
const OWNER_KEYS = [...REPOSITORY_KEYS, GitHubSubjectClaimKey.REPOSITORY_OWNER, GitHubSubjectClaimKey.REPOSITORY_OWNER_ID];
/** Keys that narrow the branches, tags, environments and pull requests. */
const REF_KEYS = [GitHubSubjectClaimKey.CONTEXT, GitHubSubjectClaimKey.REF, GitHubSubjectClaimKey.ENVIRONMENT];

const SUPPORTED = Object.values(GitHubSubjectClaimKey) as string[];
const KEYS_FORM = `unique claim keys among ${SUPPORTED.join(', ')}, naming the repository or its owner, e.g. ['repo', 'context', 'job_workflow_ref']`;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The subject template of a GitHub organization or repository whose OIDC `sub` claim is
 * customized (`PUT /repos/{owner}/{repo}/actions/oidc/customization/sub` with
 * `include_claim_keys`), and the exact subjects it produces.
 *
 * GitHub then writes `sub` as `key:value` for each key, in order, joined by `:`, where
 * `repo` is `repo:<owner>/<repository>` and `context` is the default subject's context,
 * e.g. `repo:acme/api:environment:production:job_workflow_ref:acme/shared/.github/workflows/deploy.yml@refs/heads/main`.
 * It is the way to require a reusable workflow from issuers that pass IAM nothing but
 * `aud` and `sub` (GitHub Enterprise Server, GHE.com).
 *
 * The template must name the repository or its owner (`repo`, `repository`,
 * `repository_id`, `repository_owner`, `repository_owner_id`): without one, any repository
 * on GitHub with the same template could present the subject.
 *
 * @example
 * import { GitHubSubjectClaimKey, GitHubSubjectTemplate } from 'cdk-ci-oidc';
 *
 * const template = GitHubSubjectTemplate.of([
 *   GitHubSubjectClaimKey.REPO, GitHubSubjectClaimKey.CONTEXT, GitHubSubjectClaimKey.JOB_WORKFLOW_REF,
 * ]);
 * const subject = template.subject({
 *   repository: 'acme/api',
 *   environment: 'production',
 *   jobWorkflowRef: 'acme/shared-workflows/.github/workflows/deploy.yml@refs/heads/main',
 * });
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository
 * @see https://docs.github.com/en/rest/actions/oidc
 */
export class GitHubSubjectTemplate {
  /**
   * A template from its claim keys, in the order of `include_claim_keys`.
   */
  public static of(claimKeys: GitHubSubjectClaimKey[]): GitHubSubjectTemplate {
    checkKind('GitHubSubjectTemplate.of(claimKeys)', claimKeys, 'array', KEYS_FORM);
    return new GitHubSubjectTemplate(claimKeys.map((key) => String(key)), 'GitHubSubjectTemplate.of(claimKeys)');
  }

  /**
   * A template from `include_claim_keys` as GitHub's API returns it
   * (`gh api repos/OWNER/REPO/actions/oidc/customization/sub`), e.g. `['repo', 'context', 'job_workflow_ref']`.
   */
  public static fromIncludeClaimKeys(includeClaimKeys: string[]): GitHubSubjectTemplate {
    checkList('GitHubSubjectTemplate.fromIncludeClaimKeys(includeClaimKeys)', includeClaimKeys, 'string', KEYS_FORM);
    return new GitHubSubjectTemplate(includeClaimKeys, 'GitHubSubjectTemplate.fromIncludeClaimKeys(includeClaimKeys)');
  }

  /**
   * The claim keys, in order: the body of the customization API call (`include_claim_keys`).
   */
  public readonly includeClaimKeys: string[];

  private readonly keys: GitHubSubjectClaimKey[];

  private constructor(keys: string[], property: string) {
    const shown = `[${keys.join(', ')}]`;
    if (keys.length === 0) {
      throw invalid(property, shown, 'it has no claim key', KEYS_FORM);
    }
    for (const key of keys) {
      if (!SUPPORTED.includes(key)) {
        throw invalid(property, shown, `'${key}' is not a supported claim key`, KEYS_FORM);
      }
    }
    const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
    if (duplicate !== undefined) {
      throw invalid(property, shown, `'${duplicate}' appears twice`, KEYS_FORM);
    }
    if (!keys.some((key) => (OWNER_KEYS as string[]).includes(key))) {
      throw invalid(property, shown,
        'it names neither the repository nor its owner, so a repository of any owner with the same template would match', KEYS_FORM);
    }
    // GitHub documents no encoding of ':' in these values (a workflow's name, file paths): before the key that
    // names the repository, a value of another owner's repository could spell ':repo:acme/api' and present the subject.
    const firstOwnerKey = keys.findIndex((key) => (OWNER_KEYS as string[]).includes(key));
    const freeText = keys.slice(0, firstOwnerKey).find((key) => GITHUB_FREE_TEXT_KEYS.includes(key));
    if (freeText !== undefined) {
      throw invalid(property, shown,
        `'${freeText}' carries free text, which GitHub does not document as free of ':', and comes before '${keys[firstOwnerKey]}', ` +
        'so a repository of another owner could spell the repository in its value',
        `${KEYS_FORM}, with workflow, workflow_ref and job_workflow_ref after the key that names the repository or its owner`);
    }
    this.keys = keys as GitHubSubjectClaimKey[];
    this.includeClaimKeys = [...keys];
  }

  /**
   * The exact subject a job with these values presents (`StringEquals`).
   *
   * Jobs whose repository uses immutable subjects have the ids in the `repo` part: give
   * `ownerId` and `repositoryId` to accept both forms.
   */
  public subject(values: GitHubSubjectTemplateValues): GitHubSubject {
    checkKind('GitHubSubjectTemplate.subject(values)', values, 'object', "an object of the template's values, e.g. { repository: 'acme/api', environment: 'production' }");
    const used = new Set<keyof GitHubSubjectTemplateValues>();
    const alternatives = this.keys.map((key) => this.part(key, values, used));
    if (values.pinIds !== undefined && (used.has('ownerId') || used.has('repositoryId'))) {
      used.add('pinIds');
    }
    for (const [name, value] of Object.entries(values)) {
      if (value !== undefined && value !== false && !used.has(name as keyof GitHubSubjectTemplateValues)) {
        throw invalid(`GitHubSubjectTemplate.subject(values.${name})`, String(value),
          `no claim key of the template [${this.includeClaimKeys.join(', ')}] uses it`, 'only the values that the template\'s keys need');
      }
    }
    const claims = alternatives.reduce<string[]>(
      (prefixes, parts) => prefixes.flatMap((prefix) => parts.map((part) => (prefix === '' ? part : `${prefix}:${part}`))), ['']);
    claims.forEach((claim) => checkClaimScope('GitHubSubjectTemplate.subject(values)', claim, false));
    const own = this.risks(claims[0], values);
    return GitHubSubject._fromSpec({
      platform: CiPlatform.GITHUB_ACTIONS,
      claims,
      pattern: false,
      pins: this.pins(values, used, claims[0]),
      description: `custom subject ${claims[0]}`,
      risks: [...own, ...classifiedRisks(claims, false, own)],
      context: this.subjectContext(values),
    });
  }

  /** The pins `GitHubRepository` and `environment()` give: the ids the template uses, and a raw environment name with ':' or '%'. */
  private pins(values: GitHubSubjectTemplateValues, used: Set<keyof GitHubSubjectTemplateValues>, sub: string): ClaimPin[] {
    const ids = { ownerId: used.has('ownerId') ? values.ownerId : undefined, repositoryId: used.has('repositoryId') ? values.repositoryId : undefined };
    const environment = used.has('environment') && values.environment !== undefined ? environmentPins(`custom subject ${sub}`, values.environment) : [];
    return [...idPins('GitHubSubjectTemplate.subject(values)', ids, values.pinIds), ...environment];
  }

  /** What the job is, for the pipeline: from the values, never from the subject's text. */
  private subjectContext(values: GitHubSubjectTemplateValues): SubjectContext {
    const refKeys = this.keys.filter((key) => REF_KEYS.includes(key));
    // A value no key uses is refused, so an environment here is one the CONTEXT or ENVIRONMENT key writes.
    if (values.environment !== undefined) {
      return { kind: CiSubjectKind.ENVIRONMENT, name: values.environment };
    }
    if (refKeys.length === 0) {
      return { kind: CiSubjectKind.OTHER };
    }
    if (values.pullRequest) {
      return { kind: CiSubjectKind.PULL_REQUEST };
    }
    if (values.branch !== undefined) {
      return { kind: CiSubjectKind.BRANCH, name: values.branch };
    }
    return values.tag !== undefined ? { kind: CiSubjectKind.TAG, name: values.tag } : { kind: CiSubjectKind.OTHER };
  }

  /** The `key:value` text of one key; two alternatives for `repo` in both subject forms. */
  private part(key: GitHubSubjectClaimKey, values: GitHubSubjectTemplateValues, used: Set<keyof GitHubSubjectTemplateValues>): string[] {
    const need = <K extends keyof GitHubSubjectTemplateValues>(name: K): NonNullable<GitHubSubjectTemplateValues[K]> => {
      const value = values[name];
      if (value === undefined) {
        throw invalid(`GitHubSubjectTemplate.subject(values.${name})`, 'undefined', `claim key '${key}' of the template needs it`, `a value for ${name}`);
      }
      used.add(name);
      return value as NonNullable<GitHubSubjectTemplateValues[K]>;
    };
    const text = (value: string) => [`${key}:${value.replace(/:/g, '%3A')}`];
    switch (key) {
      case GitHubSubjectClaimKey.REPO: return this.repoParts(need('repository'), values, used);
      case GitHubSubjectClaimKey.REPOSITORY: return text(checkedRepository(need('repository')).fullName);
      case GitHubSubjectClaimKey.REPOSITORY_OWNER: {
        if (values.owner === undefined && values.repository !== undefined) {
          return text(checkedRepository(need('repository')).owner);
        }
        const owner = need('owner');
        checkOwner('GitHubSubjectTemplate.subject(values.owner)', owner);
        if (values.repository !== undefined && checkedRepository(values.repository).owner !== owner) {
          throw invalid('GitHubSubjectTemplate.subject(values.owner)', owner, `the repository '${values.repository}' has another owner`,
            'the owner of the repository, or no owner (it is taken from the repository)');
        }
        return text(owner);
      }
      case GitHubSubjectClaimKey.REPOSITORY_OWNER_ID: return text(checkedId('ownerId', need('ownerId')));
      case GitHubSubjectClaimKey.REPOSITORY_ID: return text(checkedId('repositoryId', need('repositoryId')));
      case GitHubSubjectClaimKey.ENTERPRISE_ID: return text(checkedId('enterpriseId', need('enterpriseId')));
      case GitHubSubjectClaimKey.CONTEXT: return [this.context(values, used)];
      case GitHubSubjectClaimKey.ENVIRONMENT: return text(checkedEnvironment(need('environment')));
      case GitHubSubjectClaimKey.REF: return text(this.ref(values, used, key).ref);
      case GitHubSubjectClaimKey.REF_TYPE: return text(this.ref(values, used, key).type);
      case GitHubSubjectClaimKey.JOB_WORKFLOW_REF: {
        const value = need('jobWorkflowRef');
        checkJobWorkflowRef('GitHubSubjectTemplate.subject(values.jobWorkflowRef)', value);
        return text(value);
      }
      case GitHubSubjectClaimKey.WORKFLOW_REF: {
        const value = need('workflowRef');
        checkJobWorkflowRef('GitHubSubjectTemplate.subject(values.workflowRef)', value);
        return text(value);
      }
      case GitHubSubjectClaimKey.WORKFLOW: {
        const value = need('workflow');
        checkLiteral('GitHubSubjectTemplate.subject(values.workflow)', value, "the workflow's name, e.g. 'deploy'");
        return text(value);
      }
      case GitHubSubjectClaimKey.REPOSITORY_VISIBILITY: return text(oneOf('visibility', need('visibility'), ['public', 'private', 'internal']));
      case GitHubSubjectClaimKey.RUNNER_ENVIRONMENT: return text(oneOf('runnerEnvironment', need('runnerEnvironment'), ['github-hosted', 'self-hosted']));
      case GitHubSubjectClaimKey.EVENT_NAME: {
        const value = need('eventName');
        if (!/^[a-z_]+$/.test(value)) {
          throw invalid('GitHubSubjectTemplate.subject(values.eventName)', value, 'it is not an event name', "an event name such as 'push' or 'workflow_dispatch'");
        }
        return text(value);
      }
      case GitHubSubjectClaimKey.ENTERPRISE: {
        const value = need('enterprise');
        if (!SLUG.test(value)) {
          throw invalid('GitHubSubjectTemplate.subject(values.enterprise)', value, 'it is not an enterprise slug', "lowercase letters, digits and inner hyphens, e.g. 'acme-corp'");
        }
        return text(value);
      }
    }
  }

  private repoParts(repository: string, values: GitHubSubjectTemplateValues, used: Set<keyof GitHubSubjectTemplateValues>): string[] {
    const { owner, name, fullName } = checkedRepository(repository);
    if (values.subjectFormat !== undefined) {
      used.add('subjectFormat');
    }
    return repoForms('GitHubSubjectTemplate.subject(values.subjectFormat)', values.subjectFormat, ['ownerId', 'repositoryId'],
      values.ownerId !== undefined && values.repositoryId !== undefined, `repo:${fullName}`, () => {
        used.add('ownerId');
        used.add('repositoryId');
        return `repo:${owner}@${checkedId('ownerId', values.ownerId!)}/${name}@${checkedId('repositoryId', values.repositoryId!)}`;
      });
  }

  /** GitHub's default context: the environment if the job names one, else `pull_request`, else the ref. */
  private context(values: GitHubSubjectTemplateValues, used: Set<keyof GitHubSubjectTemplateValues>): string {
    if (values.environment !== undefined) {
      used.add('environment');
      return `environment:${checkedEnvironment(values.environment).replace(/:/g, '%3A')}`;
    }
    if (values.pullRequest) {
      if (values.branch !== undefined || values.tag !== undefined) {
        throw invalid('GitHubSubjectTemplate.subject(values.pullRequest)', 'true', 'a pull request context has no branch or tag',
          'pullRequest alone, or a branch, a tag or an environment');
      }
      used.add('pullRequest');
      return 'pull_request';
    }
    if (values.branch === undefined && values.tag === undefined) {
      throw invalid('GitHubSubjectTemplate.subject(values)', '{}', "claim key 'context' of the template needs a branch, a tag, an environment or pullRequest",
        'one of branch, tag, environment or pullRequest: true');
    }
    return `ref:${this.ref(values, used, GitHubSubjectClaimKey.CONTEXT).ref}`;
  }

  private ref(values: GitHubSubjectTemplateValues, used: Set<keyof GitHubSubjectTemplateValues>, key: string): { ref: string; type: string } {
    if (values.branch !== undefined && values.tag !== undefined) {
      throw invalid('GitHubSubjectTemplate.subject(values.tag)', values.tag, 'a job runs for a branch or a tag, and a branch is given too', 'either branch or tag');
    }
    if (values.branch !== undefined) {
      used.add('branch');
      return { ref: `refs/heads/${checkedRefName('branch', values.branch)}`, type: 'branch' };
    }
    if (values.tag !== undefined) {
      used.add('tag');
      return { ref: `refs/tags/${checkedRefName('tag', values.tag)}`, type: 'tag' };
    }
    throw invalid('GitHubSubjectTemplate.subject(values)', '{}', `claim key '${key}' of the template needs a branch or a tag`, 'a branch or a tag');
  }

  private risks(sub: string, values: GitHubSubjectTemplateValues): SubjectRisk[] {
    const risks: SubjectRisk[] = [];
    if (!this.keys.some((key) => REPOSITORY_KEYS.includes(key))) {
      risks.push(SubjectWarning.templateWithoutRepository(sub));
    }
    if (!this.keys.some((key) => REF_KEYS.includes(key))) {
      risks.push(SubjectWarning.templateWithoutRef(sub));
    } else if (values.pullRequest && values.environment === undefined && this.keys.includes(GitHubSubjectClaimKey.CONTEXT)) {
      risks.push(SubjectWarning.templatePullRequest(sub));
    }
    return risks;
  }
}

function checkedRepository(repository: string): { owner: string; name: string; fullName: string } {
  const { owner, repository: name } = parseRepository('GitHubSubjectTemplate.subject(values.repository)', repository);
  return { owner, name, fullName: repository };
}

const ID_LOOKUPS: Record<string, string> = {
  ownerId: OWNER_ID_LOOKUP,
  repositoryId: REPOSITORY_ID_LOOKUP,
  enterpriseId: "the token's enterprise_id claim",
};

function checkedId(name: string, id: number): string {
  checkId(`GitHubSubjectTemplate.subject(values.${name})`, id, ID_LOOKUPS[name]);
  return String(id);
}

function checkedEnvironment(environment: string): string {
  const form = "an environment name such as 'production', without wildcards";
  checkLiteral('GitHubSubjectTemplate.subject(values.environment)', environment, form);
  if (environment.length > 255) {
    throw invalid('GitHubSubjectTemplate.subject(values.environment)', environment, 'it is longer than 255 characters', form);
  }
  return environment;
}

function checkedRefName(kind: 'branch' | 'tag', name: string): string {
  const property = `GitHubSubjectTemplate.subject(values.${kind})`;
  const form = `a ${kind}'s short name such as '${kind === 'branch' ? 'main' : 'v1.2.3'}', without wildcards`;
  checkLiteral(property, name, form);
  const problem = gitRefProblem(name);
  if (problem) {
    throw invalid(property, name, problem, form);
  }
  return name;
}

function oneOf(name: string, value: string, allowed: string[]): string {
  if (!allowed.includes(value)) {
    throw invalid(`GitHubSubjectTemplate.subject(values.${name})`, value, 'it is not one of the values GitHub writes', allowed.map((a) => `'${a}'`).join(', '));
  }
  return value;
}
