import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { decide, Decision, newStack, TokenPayload, TrustPolicy, trustPolicyOf } from './iam-evaluator';
import {
  CiDeployRole, CiDeployRoleProps, CiSubject, GitHubOidcProvider, GitHubSubject, GitHubSubjectTemplate, GitHubSubjectTemplateValues,
  GitLabOidcProvider, GitLabSubject,
} from '../../src';
import { readSubject } from '../../src/audit/subject-reading';
import { environmentName, gitHubOwner, gitHubRepository, lookAlikes, refName, stringFrom } from '../fixtures/generators';
import { gitHubToken, GitHubRun } from '../fixtures/tokens/github-token';
import { gitLabToken, GitLabJob } from '../fixtures/tokens/gitlab-token';

/**
 * Properties over the escape hatches: raw subjects (GitHubSubject.fromClaim,
 * GitLabSubject.fromClaim) and customized GitHub subject templates, drawn with wildcards
 * inserted anywhere, in any identity key. For every value the library accepts, the IAM
 * evaluator decides tokens of look-alike owners, repositories, groups and projects (never
 * admitted), and the subject's warnings are checked against what the evaluator admits: a
 * subject that admits every branch, tag, environment or pull request says so with the
 * typed builders' warning id, and a warning never claims more than the evaluator admits.
 * The library and the audit must agree on what they refuse.
 *
 * PROPERTY_RUNS scales the number of configurations (default: enough for >= 10,000 tokens).
 */

const SCALE = Number(process.env.PROPERTY_RUNS ?? '1');

const evaluated: Record<string, number> = {};
const generated: Record<string, number> = {};
const refused: Record<string, number> = {};

interface Expectation {
  readonly token: TokenPayload;
  readonly expected: Decision;
  readonly change: string;
}

function synthesize(props: (scope: Construct) => CiDeployRoleProps): TrustPolicy {
  const stack = newStack();
  new CiDeployRole(stack, 'Role', props(stack));
  return trustPolicyOf(stack);
}

function check(policy: TrustPolicy, expectations: Expectation[], property: string, context: string): void {
  for (const { token, expected, change } of expectations) {
    const got = decide(policy, token);
    evaluated[property] = (evaluated[property] ?? 0) + 1;
    if (got !== expected) {
      throw new Error(`${context}: ${change}: expected ${expected}, got ${got}; token sub ${token.sub}`);
    }
  }
}

/** The subject, or undefined when the library refuses it; counted per property. */
function tryBuild<T>(property: string, build: () => T): T | undefined {
  generated[property] = (generated[property] ?? 0) + 1;
  try {
    return build();
  } catch {
    refused[property] = (refused[property] ?? 0) + 1;
    return undefined;
  }
}

const riskIds = (subject: CiSubject) => subject.risks.map((risk) => risk.id.replace('cdk-ci-oidc:', ''));
/** Names no generated pattern holds literally: disjoint characters, so only a wildcard matches all of them. */
const FRESH_REFS = ['x', 'Q7', 'zk-9/w'];
const FRESH_ENVIRONMENT = 'zq fresh';

// --- GitHub raw subjects ---

type GitHubKey = 'repo' | 'repo-whole' | 'repository' | 'repository_owner' | 'repository_id' | 'repository_owner_id';

interface RawGitHub {
  readonly key: GitHubKey;
  readonly owner: string;
  readonly repository: string;
  readonly context: string;
  /** The drawn raw subject, a wildcard inserted somewhere. */
  readonly sub: string;
  readonly otherOwner: string;
  readonly otherRepository: string;
  readonly branch: string;
}

const GITHUB_CONTEXTS = fc.oneof(
  refName.map((b) => `ref:refs/heads/${b}`), refName.map((t) => `ref:refs/tags/${t}`), fc.constant('ref:refs/heads/'), fc.constant('ref:refs/tags/'),
  fc.constant('ref:refs/'), fc.constant('environment:'), environmentName.map((e) => `environment:${e.replace(/:/g, '%3A')}`), fc.constant('pull_request'),
  fc.constant(''), fc.constant('e'), fc.constant('ref:'), fc.constant('*:'), refName.map((b) => `ref:refs/*/${b}`),
);

const rawGitHub: fc.Arbitrary<RawGitHub> = fc.record({
  key: fc.constantFrom<GitHubKey>('repo', 'repo', 'repo-whole', 'repository', 'repository_owner', 'repository_id', 'repository_owner_id'),
  owner: gitHubOwner,
  repository: gitHubRepository,
  context: GITHUB_CONTEXTS,
  otherOwner: gitHubOwner,
  otherRepository: gitHubRepository,
  branch: refName,
  wildcard: fc.constantFrom('*', '?', '**', '*', ''),
  at: fc.nat(),
}).map(({ key, owner, repository, context, otherOwner, otherRepository, branch, wildcard, at }) => {
  const identity = key === 'repo' ? `repo:${owner}/${repository}` : key === 'repo-whole' ? `repo:${owner}/*`
    : key === 'repository' ? `repository:${owner}/${repository}` : key === 'repository_owner' ? `repository_owner:${owner}`
      : key === 'repository_id' ? 'repository_id:2002' : 'repository_owner_id:1001';
  const plain = `${identity}:${context}`;
  const i = at % (plain.length + 1);
  return { key, owner, repository, context, sub: `${plain.slice(0, i)}${wildcard}${plain.slice(i)}`, otherOwner, otherRepository, branch };
});

/** The subject template the token of a repository uses, so that its sub has the raw subject's first key. */
function templateKeys(key: GitHubKey): string[] {
  return key === 'repo' || key === 'repo-whole' ? ['repo', 'context'] : [key, 'context'];
}

function rawGitHubExpectations(raw: RawGitHub, subject: CiSubject): Expectation[] {
  const out: Expectation[] = [];
  const keys = templateKeys(raw.key);
  const named = { repository: `${raw.owner}/${raw.repository}`, ownerId: 1001, repositoryId: 2002, subjectClaimKeys: keys };
  const token = (run: GitHubRun) => gitHubToken(run);
  const risks = riskIds(subject);
  const singleRepository = raw.key === 'repo' || raw.key === 'repository' || raw.key === 'repository_id';

  // Never another owner: look-alike names and other ids, in every context.
  const contexts: Array<Partial<GitHubRun>> = [
    { ref: `refs/heads/${raw.branch}` }, { ref: 'refs/tags/v1' }, { environment: 'production' }, { event: 'pull_request' },
  ];
  for (const other of lookAlikes(raw.owner, raw.otherOwner).filter((o) => !o.includes('/'))) {
    for (const context of contexts) {
      out.push({ token: token({ ...named, repository: `${other}/${raw.repository}`, ownerId: 5555, repositoryId: 6666, ...context }), expected: 'DENIED', change: `owner ${other}` });
    }
  }
  if (singleRepository) {
    for (const other of lookAlikes(raw.repository, raw.otherRepository).filter((r) => !r.includes('/'))) {
      out.push({ token: token({ ...named, repository: `${raw.owner}/${other}`, repositoryId: 6666 }), expected: 'DENIED', change: `repository ${other}` });
    }
  }

  // The warnings say what the evaluator admits of the named repository, and never more.
  const every = (refs: string[]) => refs.map((ref) => ({ ...named, ref }));
  const branchWarned = risks.includes('anyBranch') || risks.includes('anyRefSubject');
  const tagWarned = risks.includes('anyTag') || risks.includes('anyRefSubject');
  out.push(...every(FRESH_REFS.map((r) => `refs/heads/${r}`)).map((run) => ({ token: token(run), expected: 'ALLOWED' as Decision, change: `fresh branch (${risks})` }))
    .filter(() => branchWarned));
  out.push(...every(FRESH_REFS.map((r) => `refs/tags/${r}`)).map((run) => ({ token: token(run), expected: 'ALLOWED' as Decision, change: `fresh tag (${risks})` }))
    .filter(() => tagWarned));
  // (A pull request warning may come from a customized template with more keys after the context: not checked this way.)
  return out;
}

/** What the evaluator admits that the warnings must mention: checked after the expectations. */
function rawGitHubWarnings(raw: RawGitHub, subject: CiSubject, policy: TrustPolicy): void {
  const risks = riskIds(subject);
  const named = { repository: `${raw.owner}/${raw.repository}`, ownerId: 1001, repositoryId: 2002, subjectClaimKeys: templateKeys(raw.key) };
  const admits = (run: GitHubRun) => {
    evaluated['GitHub raw subjects'] = (evaluated['GitHub raw subjects'] ?? 0) + 1;
    return decide(policy, gitHubToken(run)) === 'ALLOWED';
  };
  const fail = (what: string) => {
    throw new Error(`${raw.sub}: the evaluator admits ${what}, but the subject warns only ${JSON.stringify(risks)}`);
  };
  if (FRESH_REFS.every((r) => admits({ ...named, ref: `refs/heads/${r}` })) && !risks.some((id) => ['anyBranch', 'anyRefSubject'].includes(id))) {
    fail('every fresh branch');
  }
  if (FRESH_REFS.every((r) => admits({ ...named, ref: `refs/tags/${r}` })) && !risks.some((id) => ['anyTag', 'anyRefSubject'].includes(id))) {
    fail('every fresh tag');
  }
  if (admits({ ...named, event: 'pull_request' }) && !risks.includes('pullRequestSubject')) {
    fail('a pull request');
  }
  if (admits({ ...named, environment: FRESH_ENVIRONMENT })
    && !risks.some((id) => ['environmentPattern', 'pullRequestSubject', 'anyRefSubject'].includes(id))) {
    fail(`an environment named on the fly ('${FRESH_ENVIRONMENT}')`);
  }
  const branch = admits({ ...named, ref: `refs/heads/${raw.branch}` }) || FRESH_REFS.some((r) => admits({ ...named, ref: `refs/heads/${r}` }));
  const environment = admits({ ...named, environment: 'production' }) || admits({ ...named, environment: FRESH_ENVIRONMENT });
  if (branch && environment && !risks.some((id) => ['branchAndEnvironment', 'anyRefSubject'].includes(id))) {
    fail('a branch and an environment');
  }
}

// --- GitLab raw subjects ---

type GitLabKey = 'project_path' | 'project_path-whole' | 'project_id' | 'namespace_path';

interface RawGitLab {
  readonly key: GitLabKey;
  readonly group: string;
  readonly project: string;
  readonly sub: string;
  readonly otherGroup: string;
  readonly otherProject: string;
  readonly branch: string;
}

const gitLabSegment = stringFrom([...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''), '-', '_'], 1, 8).filter((s) => !s.startsWith('-'));

const rawGitLab: fc.Arbitrary<RawGitLab> = fc.record({
  key: fc.constantFrom<GitLabKey>('project_path', 'project_path', 'project_path-whole', 'project_id', 'namespace_path'),
  group: gitLabSegment,
  project: gitLabSegment,
  context: fc.oneof(
    refName.map((b) => `ref_type:branch:ref:${b}`), refName.map((t) => `ref_type:tag:ref:${t}`), fc.constant('ref_type:'), fc.constant('ref_type:b'),
    fc.constant('ref_type:t'), refName.map((b) => `ref:${b}`), fc.constant(''), refName.map((b) => `*:ref:${b}`),
  ),
  otherGroup: gitLabSegment,
  otherProject: gitLabSegment,
  branch: refName,
  wildcard: fc.constantFrom('*', '?', '**', '*', ''),
  at: fc.nat(),
}).map(({ key, group, project, context, otherGroup, otherProject, branch, wildcard, at }) => {
  const identity = key === 'project_path' ? `project_path:${group}/${project}` : key === 'project_path-whole' ? `project_path:${group}/*`
    : key === 'project_id' ? 'project_id:4242' : `namespace_path:${group}`;
  const plain = `${identity}:${context}`;
  const i = at % (plain.length + 1);
  return { key, group, project, sub: `${plain.slice(0, i)}${wildcard}${plain.slice(i)}`, otherGroup, otherProject, branch };
});

function gitLabComponents(key: GitLabKey): string[] {
  return key === 'project_id' ? ['project_id', 'ref_type', 'ref'] : key === 'namespace_path' ? ['namespace_path', 'ref_type', 'ref'] : ['project_path', 'ref_type', 'ref'];
}

function rawGitLabExpectations(raw: RawGitLab, subject: CiSubject): Expectation[] {
  const out: Expectation[] = [];
  const components = gitLabComponents(raw.key);
  const named: GitLabJob = { project: `${raw.group}/${raw.project}`, projectId: 4242, subClaimComponents: components };
  const risks = riskIds(subject);
  for (const other of lookAlikes(raw.group, raw.otherGroup).filter((g) => !g.includes('/'))) {
    for (const refType of ['branch', 'tag'] as const) {
      out.push({ token: gitLabToken({ ...named, project: `${other}/${raw.project}`, projectId: 9999, refType, ref: raw.branch }), expected: 'DENIED', change: `group ${other}` });
    }
  }
  if (raw.key === 'project_path' || raw.key === 'project_id') {
    for (const other of lookAlikes(raw.project, raw.otherProject).filter((p) => !p.includes('/'))) {
      out.push({ token: gitLabToken({ ...named, project: `${raw.group}/${other}`, projectId: 9999 }), expected: 'DENIED', change: `project ${other}` });
    }
  }
  if (risks.includes('anyBranch') || risks.includes('anyRefSubject')) {
    out.push(...FRESH_REFS.map((ref) => ({ token: gitLabToken({ ...named, ref }), expected: 'ALLOWED' as Decision, change: `fresh branch (${risks})` })));
  }
  if (risks.includes('anyTag') || risks.includes('anyRefSubject')) {
    out.push(...FRESH_REFS.map((ref) => ({ token: gitLabToken({ ...named, refType: 'tag', ref }), expected: 'ALLOWED' as Decision, change: `fresh tag (${risks})` })));
  }
  return out;
}

function rawGitLabWarnings(raw: RawGitLab, subject: CiSubject, policy: TrustPolicy): void {
  const risks = riskIds(subject);
  const named: GitLabJob = { project: `${raw.group}/${raw.project}`, projectId: 4242, subClaimComponents: gitLabComponents(raw.key) };
  const admits = (job: GitLabJob) => {
    evaluated['GitLab raw subjects'] = (evaluated['GitLab raw subjects'] ?? 0) + 1;
    return decide(policy, gitLabToken(job)) === 'ALLOWED';
  };
  const fail = (what: string) => {
    throw new Error(`${raw.sub}: the evaluator admits ${what}, but the subject warns only ${JSON.stringify(risks)}`);
  };
  if (FRESH_REFS.every((ref) => admits({ ...named, ref })) && !risks.some((id) => ['anyBranch', 'anyRefSubject'].includes(id))) {
    fail('every fresh branch');
  }
  if (FRESH_REFS.every((ref) => admits({ ...named, refType: 'tag', ref })) && !risks.some((id) => ['anyTag', 'anyRefSubject'].includes(id))) {
    fail('every fresh tag');
  }
  const both = [raw.branch, ...FRESH_REFS].some((ref) => admits({ ...named, ref }) && admits({ ...named, refType: 'tag', ref }));
  if (both && !risks.some((id) => ['refTypeNotFixed', 'anyRefSubject', 'anyBranch', 'anyTag'].includes(id))) {
    fail('a branch and a tag of the same name');
  }
}

// --- GitHub subject templates ---

type TemplateKind = 'branch' | 'tag' | 'environment';

interface TemplateConfig {
  readonly keys: string[];
  readonly kind: TemplateKind;
  readonly owner: string;
  readonly repository: string;
  readonly name: string;
  readonly ids: boolean;
  readonly otherOwner: string;
}

const TEMPLATE_KEYS = ['repo', 'context', 'repository', 'repository_id', 'repository_owner', 'repository_owner_id', 'repository_visibility',
  'ref', 'ref_type', 'job_workflow_ref', 'workflow_ref', 'workflow', 'event_name', 'runner_environment'];
const OWNER_KEYS = ['repo', 'repository', 'repository_id', 'repository_owner', 'repository_owner_id'];
const FREE_TEXT = ['workflow', 'job_workflow_ref', 'workflow_ref'];

const templateConfig: fc.Arbitrary<TemplateConfig> = fc.constantFrom<TemplateKind>('branch', 'tag', 'environment').chain((kind) => fc.record({
  keys: fc.shuffledSubarray(kind === 'environment' ? [...TEMPLATE_KEYS, 'environment'] : TEMPLATE_KEYS, { minLength: 1, maxLength: 5 }),
  kind: fc.constant(kind),
  owner: gitHubOwner,
  repository: gitHubRepository,
  name: kind === 'environment' ? environmentName : refName,
  ids: fc.boolean(),
  otherOwner: gitHubOwner,
}));

function templateRun(config: TemplateConfig): GitHubRun {
  return {
    repository: `${config.owner}/${config.repository}`,
    ownerId: 1001,
    repositoryId: 2002,
    subjectClaimKeys: config.keys,
    ...(config.kind === 'environment' ? { environment: config.name } : { ref: `refs/${config.kind === 'branch' ? 'heads' : 'tags'}/${config.name}` }),
  };
}

function templateValues(config: TemplateConfig): GitHubSubjectTemplateValues {
  const run = templateRun(config);
  const ref = run.ref ?? 'refs/heads/main';
  const workflowFile = `${run.repository}/.github/workflows/deploy.yml@${ref}`;
  const has = (...keys: string[]) => keys.some((key) => config.keys.includes(key));
  const values: Record<string, unknown> = {
    repository: has('repo', 'repository', 'repository_owner') ? run.repository : undefined,
    ownerId: has('repository_owner_id') || (config.ids && has('repo')) ? 1001 : undefined,
    repositoryId: has('repository_id') || (config.ids && has('repo')) ? 2002 : undefined,
    environment: config.kind === 'environment' && has('context', 'environment') ? config.name : undefined,
    branch: config.kind === 'branch' && has('context', 'ref', 'ref_type') ? config.name
      : config.kind === 'environment' && has('ref', 'ref_type') ? 'main' : undefined,
    tag: config.kind === 'tag' && has('context', 'ref', 'ref_type') ? config.name : undefined,
    jobWorkflowRef: has('job_workflow_ref') ? workflowFile : undefined,
    workflowRef: has('workflow_ref') ? workflowFile : undefined,
    workflow: has('workflow') ? 'deploy' : undefined,
    eventName: has('event_name') ? 'push' : undefined,
    visibility: has('repository_visibility') ? 'private' : undefined,
    runnerEnvironment: has('runner_environment') ? 'github-hosted' : undefined,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as GitHubSubjectTemplateValues;
}

function templateExpectations(config: TemplateConfig, subject: CiSubject): Expectation[] {
  const run = templateRun(config);
  const out: Expectation[] = [];
  const token = (change: string, r: GitHubRun, expected: Decision) => out.push({ token: gitHubToken(r), expected, change });
  token('the configured job', run, 'ALLOWED');
  if (config.keys.includes('repo') && config.ids) {
    token('the configured job, immutable subject', { ...run, immutableSubject: true }, 'ALLOWED');
  }
  // Another owner never matches; a recycled name with other ids neither, whenever the template uses the ids.
  for (const other of lookAlikes(config.owner, config.otherOwner).filter((o) => !o.includes('/'))) {
    token(`owner ${other}`, { ...run, repository: `${other}/${config.repository}`, ownerId: 5555, repositoryId: 6666 }, 'DENIED');
  }
  const values = templateValues(config);
  if (values.repositoryId !== undefined) {
    token('recycled repository name (other repository id)', { ...run, repositoryId: 6666 }, 'DENIED');
  }
  if (values.ownerId !== undefined) {
    token('recycled owner name (other owner id)', { ...run, ownerId: 5555 }, 'DENIED');
  }
  // An environment name with ':' has the sub of the one that spells it '%3A': the raw environment pin tells them apart on github.com.
  if (config.kind === 'environment' && config.name.includes(':') && values.environment !== undefined) {
    token('the %3A twin of the environment', { ...run, environment: config.name.replace(/:/g, '%3A') }, 'DENIED');
  }
  const risks = riskIds(subject);
  if (config.kind === 'environment') {
    if (config.keys.some((key) => ['context', 'environment'].includes(key))) {
      token('another environment', { ...run, environment: 'zz other' }, 'DENIED');
    }
    return out;
  }
  const otherRef = { ...run, ref: 'refs/heads/zk-9/w' };
  if (config.keys.some((key) => ['context', 'ref'].includes(key))) {
    token('another branch', otherRef, 'DENIED');
  } else if (!config.keys.some((key) => ['ref_type', 'job_workflow_ref', 'workflow_ref'].includes(key))) {
    // Nothing in the subject depends on the ref: any branch gets in, and the subject says so.
    token('another branch', otherRef, 'ALLOWED');
    if (!risks.includes('anyRefSubject')) {
      throw new Error(`template ${config.keys}: admits any branch without the anyRefSubject warning`);
    }
  }
  return out;
}

describe('escape hatches, decided by the IAM evaluator', () => {
  const started = Date.now();

  test('GitHub raw subjects: no other owner, no other repository, and the warnings tell what gets in', () => {
    fc.assert(fc.property(rawGitHub, (raw) => {
      const property = 'GitHub raw subjects';
      const subject = tryBuild(property, () => GitHubSubject.fromClaim(raw.sub));
      const reading = readSubject(raw.sub, /[*?]/.test(raw.sub));
      if (subject === undefined) {
        return;
      }
      if (reading.scopeProblem) {
        throw new Error(`${raw.sub}: accepted by fromClaim but an error for the guard (${reading.scopeProblem.why})`);
      }
      const policy = synthesize((scope) => ({ provider: new GitHubOidcProvider(scope, 'GitHub'), subjects: [subject] }));
      check(policy, rawGitHubExpectations(raw, subject), property, raw.sub);
      rawGitHubWarnings(raw, subject, policy);
    }), { numRuns: 320 * SCALE });
  });

  test('GitLab raw subjects: no other group, no other project, and the warnings tell what gets in', () => {
    fc.assert(fc.property(rawGitLab, (raw) => {
      const property = 'GitLab raw subjects';
      const subject = tryBuild(property, () => GitLabSubject.fromClaim(raw.sub));
      const reading = readSubject(raw.sub, /[*?]/.test(raw.sub));
      if (subject === undefined) {
        return;
      }
      if (reading.scopeProblem) {
        throw new Error(`${raw.sub}: accepted by fromClaim but an error for the guard (${reading.scopeProblem.why})`);
      }
      const policy = synthesize((scope) => ({ provider: new GitLabOidcProvider(scope, 'GitLab'), subjects: [subject] }));
      check(policy, rawGitLabExpectations(raw, subject), property, raw.sub);
      rawGitLabWarnings(raw, subject, policy);
    }), { numRuns: 260 * SCALE });
  });

  test('the guard calls an error whatever fromClaim refuses for its identity keys', () => {
    fc.assert(fc.property(rawGitHub, rawGitLab, (github, gitlab) => {
      const builders = [[github.sub, () => GitHubSubject.fromClaim(github.sub)], [gitlab.sub, () => GitLabSubject.fromClaim(gitlab.sub)]] as const;
      for (const [sub, build] of builders) {
        const problem = readSubject(sub, /[*?]/.test(sub)).scopeProblem;
        if (problem && tryBuild('refusals the guard reports', build) !== undefined) {
          throw new Error(`${sub}: the guard reports '${problem.why}', but fromClaim accepts it`);
        }
      }
    }), { numRuns: 300 * SCALE });
  });

  test('GitHub subject templates: the configured job only, never another owner or a recycled name', () => {
    fc.assert(fc.property(templateConfig, (config) => {
      const property = 'GitHub subject templates';
      const firstOwner = config.keys.findIndex((key) => OWNER_KEYS.includes(key));
      const template = tryBuild(property, () => GitHubSubjectTemplate.fromIncludeClaimKeys(config.keys));
      const mustRefuse = firstOwner === -1 || config.keys.slice(0, firstOwner).some((key) => FREE_TEXT.includes(key));
      if (mustRefuse !== (template === undefined)) {
        throw new Error(`template ${config.keys}: ${mustRefuse ? 'accepted' : 'refused'}`);
      }
      if (template === undefined) {
        return;
      }
      const subject = template.subject(templateValues(config));
      const policy = synthesize((scope) => ({ provider: new GitHubOidcProvider(scope, 'GitHub'), subjects: [subject] }));
      check(policy, templateExpectations(config, subject), property, `template ${config.keys}`);
    }), { numRuns: 420 * SCALE });
  });

  afterAll(() => {
    const total = Object.values(evaluated).reduce((a, b) => a + b, 0);
    const lines = Object.keys(generated).map((p) => `${p}: ${generated[p]} generated (${refused[p] ?? 0} refused), ${evaluated[p] ?? 0} tokens`);
    // eslint-disable-next-line no-console
    console.log(`escape hatch properties: ${total} tokens decided in ${((Date.now() - started) / 1000).toFixed(1)} s\n${lines.join('\n')}`);
    if (SCALE >= 1) {
      expect(total).toBeGreaterThanOrEqual(10_000);
    }
  });
});
