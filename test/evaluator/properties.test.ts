import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { decide, Decision, newStack, TokenPayload, TrustPolicy, trustPolicyOf } from './iam-evaluator';
import { CiDeployRole, CiDeployRoleProps, CiSubject, GitHubIssuer, GitHubOidcProvider, GitHubOwner, GitHubRepository, GitLabGroup, GitLabIssuer, GitLabOidcProvider, GitLabProject, GitLabSubjectFormat } from '../../src';
import {
  adversarial, environmentName, gitHubOwner, gitHubRepository, lookAlikes, maybeAdversarial, refName, stringFrom,
} from '../fixtures/generators';
import { dataResidencyIssuer, enterpriseIssuer, enterpriseServerIssuer, gitHubToken, GitHubRun, GITHUB_DOT_COM_ISSUER } from '../fixtures/tokens/github-token';
import { gitLabToken, GitLabJob } from '../fixtures/tokens/gitlab-token';

/**
 * Properties over generated roles: every configured subject is admitted, and no token
 * whose owner, repository or project, ref type, ref, environment, audience, issuer or
 * pinned id differs from the configuration is. One role (one stack) per generated
 * configuration, many tokens per role. The expected decision of each token comes from
 * what it changes, never from the library.
 *
 * PROPERTY_RUNS scales the number of configurations (default: enough for >= 10,000 tokens).
 */

const SCALE = Number(process.env.PROPERTY_RUNS ?? '1');
const STS = 'sts.amazonaws.com';

/** Tokens decided, per property, for the report. */
const evaluated: Record<string, number> = {};
/** Generated configurations the library refused at synthesis (adversarial input), per property. */
const refused: Record<string, number> = {};
/** Generated configurations, per property. */
const generated: Record<string, number> = {};
/** Environment names admitted because their sub equals the configured one's on an issuer without the environment key. */
let encodingTwins = 0;

interface Expectation {
  readonly token: TokenPayload;
  readonly expected: Decision;
  /** What the token changes, for the failure message. */
  readonly change: string;
}

/** Builds the role, or returns undefined when the library refuses the configuration. */
function synthesize(props: (scope: Construct) => CiDeployRoleProps, mustAccept: boolean, property: string): TrustPolicy | undefined {
  generated[property] = (generated[property] ?? 0) + 1;
  const stack = newStack();
  try {
    new CiDeployRole(stack, 'Role', props(stack));
    return trustPolicyOf(stack);
  } catch (error) {
    if (mustAccept) {
      throw error;
    }
    refused[property] = (refused[property] ?? 0) + 1;
    return undefined;
  }
}

function check(policy: TrustPolicy, expectations: Expectation[], property: string): void {
  for (const { token, expected, change } of expectations) {
    const got = decide(policy, token);
    evaluated[property] = (evaluated[property] ?? 0) + 1;
    if (got !== expected) {
      throw new Error(`${change}: expected ${expected}, got ${got}; sub ${token.sub}, aud ${token.aud}, iss ${token.iss}`);
    }
  }
}

/**
 * IAM's StringLike on one value: `*` is any run of characters (`/` and `:` included), `?`
 * exactly one; everything else literal and case-sensitive. A name without wildcards is exact.
 */
function iamLike(pattern: string, value: string): boolean {
  const regex = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${regex}$`, 's').test(value);
}

// --- GitHub ---

type GitHubKind = 'branch' | 'tag' | 'environment' | 'pullRequest';
type GitHubIssuerKind = 'github.com' | 'enterprise' | 'ghes' | 'ghe.com';

interface GitHubConfig {
  readonly owner: { value: string; clean: boolean };
  readonly repository: string;
  readonly wholeOwner: boolean;
  readonly kind: GitHubKind;
  readonly name: { value: string; clean: boolean };
  readonly ids: { ownerId: number; repositoryId: number } | undefined;
  readonly issuer: GitHubIssuerKind;
  readonly other: { owner: string; repository: string; ref: string; environment: string; audience: string };
}

const GITHUB_ISSUERS: Record<GitHubIssuerKind, { issuer: () => GitHubIssuer; url: string; passesIds: boolean }> = {
  'github.com': { issuer: () => GitHubIssuer.gitHubDotCom(), url: GITHUB_DOT_COM_ISSUER, passesIds: true },
  'enterprise': { issuer: () => GitHubIssuer.enterpriseCloud('acme-corp'), url: enterpriseIssuer('acme-corp'), passesIds: true },
  'ghes': { issuer: () => GitHubIssuer.enterpriseServer('github.example.com'), url: enterpriseServerIssuer('github.example.com'), passesIds: false },
  'ghe.com': { issuer: () => GitHubIssuer.dataResidency('octocorp'), url: dataResidencyIssuer('octocorp'), passesIds: false },
};
const OTHER_GITHUB_ISSUERS = [
  GITHUB_DOT_COM_ISSUER, enterpriseIssuer('acme-corp'), enterpriseIssuer('acme-corp2'), enterpriseIssuer('acme'),
  enterpriseServerIssuer('github.example.com'), enterpriseServerIssuer('github.example.com.evil.io'), dataResidencyIssuer('octocorp'),
  dataResidencyIssuer('octocorp2'), 'https://gitlab.com',
];

const gitHubConfig: fc.Arbitrary<GitHubConfig> = fc.constantFrom<GitHubKind>('branch', 'tag', 'environment', 'pullRequest').chain((kind) => fc.record({
  owner: maybeAdversarial(gitHubOwner),
  repository: gitHubRepository,
  wholeOwner: fc.boolean(),
  kind: fc.constant(kind),
  name: kind === 'environment' ? maybeAdversarial(environmentName) : kind === 'pullRequest' ? fc.constant({ value: '', clean: true }) : maybeAdversarial(refName),
  ids: fc.option(
    fc.record({ ownerId: fc.integer({ min: 1, max: 99_999_999 }), repositoryId: fc.integer({ min: 1, max: 999_999_999 }) }),
    { nil: undefined },
  ),
  issuer: fc.constantFrom<GitHubIssuerKind>('github.com', 'github.com', 'enterprise', 'ghes', 'ghe.com'),
  other: fc.record({
    owner: gitHubOwner,
    repository: gitHubRepository,
    ref: refName,
    environment: environmentName,
    audience: fc.oneof(stringFrom(['s', 't', '.', 'a', 'm', 'z', 'o', 'n', 'S', ':', '/'], 1, 20), fc.constant('https://github.com/acme')),
  }),
}));

function gitHubSubject(config: GitHubConfig): CiSubject {
  const pinIds = GITHUB_ISSUERS[config.issuer].passesIds;
  const scope = config.wholeOwner
    ? GitHubOwner.of(config.owner.value, config.ids ? { ownerId: config.ids.ownerId, pinIds } : {})
    : GitHubRepository.of(`${config.owner.value}/${config.repository}`, config.ids ? { ...config.ids, pinIds } : {});
  switch (config.kind) {
    case 'branch': return scope.branch(config.name.value);
    case 'tag': return scope.tag(config.name.value);
    case 'environment': return scope.environment(config.name.value);
    case 'pullRequest': return scope.pullRequest();
  }
}

/** The token of a run that matches the configuration, with `change` applied. */
function gitHubExpectations(config: GitHubConfig): Expectation[] {
  const owner = config.owner.value;
  const name = config.name.value;
  const ids = config.ids ?? { ownerId: 77, repositoryId: 88 };
  const base: GitHubRun = {
    repository: `${owner}/${config.repository}`,
    ...ids,
    issuer: GITHUB_ISSUERS[config.issuer].url,
    ...(config.kind === 'branch' ? { ref: `refs/heads/${name}` } : {}),
    ...(config.kind === 'tag' ? { ref: `refs/tags/${name}` } : {}),
    ...(config.kind === 'environment' ? { environment: name, ref: `refs/heads/${config.other.ref}` } : {}),
    ...(config.kind === 'pullRequest' ? { event: 'pull_request' } : {}),
  };
  const out: Expectation[] = [];
  const expect = (change: string, run: GitHubRun, expected: Decision) => out.push({ token: gitHubToken(run), expected, change });
  const encode = (value: string) => value.replace(/:/g, '%3A');

  // Configured subjects are admitted, in every form the configuration covers.
  expect('the configured subject', base, 'ALLOWED');
  if (config.ids) {
    expect('the configured subject, immutable form', { ...base, immutableSubject: true }, 'ALLOWED');
  }
  if (config.kind === 'branch' || config.kind === 'tag') {
    expect('another event on the same ref', { ...base, event: 'workflow_dispatch' }, 'ALLOWED');
  }
  if (config.kind === 'environment') {
    expect('the environment from another ref (not part of the subject)', { ...base, ref: 'refs/tags/v1' }, 'ALLOWED');
  }
  if (config.kind === 'pullRequest') {
    expect('pull_request_target (GitHub writes the same subject)', { ...base, event: 'pull_request_target' }, 'ALLOWED');
  }

  // Owner and repository.
  for (const other of lookAlikes(owner, config.other.owner).filter((o) => !o.includes('/'))) {
    expect(`owner ${other}`, { ...base, repository: `${other}/${config.repository}` }, 'DENIED');
  }
  for (const other of lookAlikes(config.repository, config.other.repository).filter((r) => !r.includes('/'))) {
    expect(`repository ${other}`, { ...base, repository: `${owner}/${other}` }, config.wholeOwner ? 'ALLOWED' : 'DENIED');
  }

  // Ref type and ref.
  if (config.kind === 'branch' || config.kind === 'tag') {
    const flipped = config.kind === 'branch' ? `refs/tags/${name}` : `refs/heads/${name}`;
    expect(`ref type flipped (${flipped})`, { ...base, ref: flipped }, 'DENIED');
    const prefix = config.kind === 'branch' ? 'refs/heads/' : 'refs/tags/';
    for (const other of lookAlikes(name, config.other.ref)) {
      // An adversarial name with '*' or '?' is a pattern the library accepted on purpose.
      expect(`ref ${prefix}${other}`, { ...base, ref: `${prefix}${other}` }, iamLike(name, other) ? 'ALLOWED' : 'DENIED');
    }
    expect('the same ref in a job that names an environment', { ...base, environment: config.other.environment }, 'DENIED');
    expect('a pull request', { ...base, event: 'pull_request' }, 'DENIED');
  }

  // Environment.
  if (config.kind === 'environment') {
    // The encoded twin of a name with ':' (and the decoded twin of one with '%3A') gives the same sub.
    const twins = [name.replace(/:/g, '%3A'), name.replace(/%3A/g, ':')].filter((twin) => twin !== name);
    for (const other of [...lookAlikes(name, config.other.environment), ...twins]) {
      // GitHub writes ':' as '%3A' and leaves '%' alone, so two names can give one sub; where IAM
      // receives the environment claim (github.com, enterprise slug) the role pins it and tells them apart.
      const sameSub = encode(other) === encode(name);
      const admitted = sameSub && !GITHUB_ISSUERS[config.issuer].passesIds;
      if (admitted) {
        encodingTwins++;
      }
      expect(`environment ${other}`, { ...base, environment: other }, admitted ? 'ALLOWED' : 'DENIED');
    }
    expect('no environment', { ...base, environment: undefined }, 'DENIED');
  }
  if (config.kind === 'pullRequest') {
    expect('a push', { ...base, event: 'push' }, 'DENIED');
  }

  // Audience and issuer.
  for (const audience of [config.other.audience, `${STS}x`, STS.toUpperCase(), `https://github.com/${owner}`].filter((a) => a !== STS)) {
    expect(`audience ${audience}`, { ...base, audience }, 'DENIED');
  }
  for (const issuer of OTHER_GITHUB_ISSUERS.filter((url) => url !== base.issuer)) {
    expect(`issuer ${issuer}`, { ...base, issuer }, 'DENIED');
  }

  // Ids: pinned as condition keys where the issuer passes them, and in the immutable form.
  if (config.ids) {
    const pinned = GITHUB_ISSUERS[config.issuer].passesIds;
    expect('another owner id, legacy form', { ...base, ownerId: ids.ownerId + 1 }, pinned ? 'DENIED' : 'ALLOWED');
    expect('another owner id, immutable form', { ...base, ownerId: ids.ownerId + 1, immutableSubject: true }, 'DENIED');
    if (!config.wholeOwner) {
      expect('another repository id, legacy form', { ...base, repositoryId: ids.repositoryId + 1 }, pinned ? 'DENIED' : 'ALLOWED');
      expect('another repository id, immutable form', { ...base, repositoryId: ids.repositoryId * 10, immutableSubject: true }, 'DENIED');
    }
  } else {
    expect('immutable form of a role without ids', { ...base, immutableSubject: true }, 'DENIED');
  }
  return out;
}

// --- GitLab ---

interface GitLabConfig {
  readonly groups: string[];
  readonly project: string;
  readonly wholeGroup: boolean;
  readonly kind: 'branch' | 'tag';
  readonly name: { value: string; clean: boolean };
  readonly projectId: number | undefined;
  readonly byId: boolean;
  readonly selfManaged: boolean;
  readonly requireProtectedRef: boolean;
  readonly other: { segment: string; ref: string };
}

const gitLabSegment = fc.tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')), stringFrom([...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''), '-', '_'], 0, 6))
  .map(([first, rest]) => `${first}${rest}`).filter((s) => !s.endsWith('-') && !s.endsWith('_'));

const gitLabConfig: fc.Arbitrary<GitLabConfig> = fc.record({
  groups: fc.array(gitLabSegment, { minLength: 1, maxLength: 3 }),
  project: gitLabSegment,
  wholeGroup: fc.boolean(),
  kind: fc.constantFrom<'branch' | 'tag'>('branch', 'tag'),
  name: maybeAdversarial(refName),
  projectId: fc.option(fc.integer({ min: 1, max: 99_999_999 }), { nil: undefined }),
  byId: fc.boolean(),
  selfManaged: fc.boolean(),
  requireProtectedRef: fc.boolean(),
  other: fc.record({ segment: gitLabSegment, ref: refName }),
}).map((config) => ({
  ...config,
  // A whole group has no project id; the project_id form needs one; ref_protected comes from gitlab.com only.
  byId: config.byId && config.projectId !== undefined && !config.wholeGroup,
  requireProtectedRef: config.requireProtectedRef && !config.selfManaged,
}));

const GITLAB_DOT_COM = 'https://gitlab.com';
const SELF_MANAGED = 'https://gitlab.example.com';

function gitLabProps(config: GitLabConfig): (scope: Construct) => CiDeployRoleProps {
  const groupPath = config.groups.join('/');
  return (scope) => {
    const scopeObject = config.wholeGroup
      ? GitLabGroup.of(groupPath)
      : GitLabProject.of(`${groupPath}/${config.project}`, {
        projectId: config.projectId,
        subjectFormat: config.byId ? GitLabSubjectFormat.PROJECT_ID : GitLabSubjectFormat.PROJECT_PATH,
        pinIds: !config.selfManaged,
      });
    return {
      provider: new GitLabOidcProvider(scope, 'GitLab', config.selfManaged ? { issuer: GitLabIssuer.selfManaged(SELF_MANAGED) } : {}),
      subjects: [config.kind === 'branch' ? scopeObject.branch(config.name.value) : scopeObject.tag(config.name.value)],
      requireProtectedRef: config.requireProtectedRef,
    };
  };
}

function gitLabExpectations(config: GitLabConfig): Expectation[] {
  const groupPath = config.groups.join('/');
  const projectId = config.projectId ?? 4242;
  const base: GitLabJob = {
    project: `${groupPath}/${config.project}`,
    projectId,
    refType: config.kind,
    ref: config.name.value,
    refProtected: true,
    issuer: config.selfManaged ? SELF_MANAGED : GITLAB_DOT_COM,
    subClaimComponents: config.byId ? ['project_id', 'ref_type', 'ref'] : undefined,
  };
  const out: Expectation[] = [];
  const expect = (change: string, job: GitLabJob, expected: Decision) => out.push({ token: gitLabToken(job), expected, change });
  const idPinned = config.projectId !== undefined && !config.wholeGroup && !config.selfManaged;
  const identifiedById = config.byId;

  expect('the configured subject', base, 'ALLOWED');
  expect('a merge request pipeline of the same project and ref',
    { ...base, pipelineSource: 'merge_request_event', refProtected: false }, config.requireProtectedRef ? 'DENIED' : 'ALLOWED');
  expect('an unprotected ref', { ...base, refProtected: false }, config.requireProtectedRef ? 'DENIED' : 'ALLOWED');

  // Group, subgroups and project.
  const [topGroup, ...subgroups] = config.groups;
  for (const other of lookAlikes(topGroup, config.other.segment).filter((g) => !g.includes('/'))) {
    const project = [other, ...subgroups, config.project].join('/');
    // A project_id subject does not name the path: only the id counts.
    expect(`top group ${other}`, { ...base, project }, identifiedById ? 'ALLOWED' : 'DENIED');
  }
  for (const other of lookAlikes(config.project, config.other.segment).filter((p) => !p.includes('/'))) {
    expect(`project ${other}`, { ...base, project: `${groupPath}/${other}`, projectId: projectId + 1 }, config.wholeGroup ? 'ALLOWED' : 'DENIED');
  }
  expect('the project moved one subgroup down', { ...base, project: `${groupPath}/${config.other.segment}/${config.project}`, projectId: projectId + 2 },
    config.wholeGroup ? 'ALLOWED' : 'DENIED');
  expect('a fork outside the group', {
    ...base,
    pipelineSource: 'merge_request_event',
    refProtected: false,
    forkSource: { project: `${config.other.segment}-fork/${config.project}`, projectId: projectId + 3, namespaceId: 99 },
  }, 'DENIED');

  // Ref type and ref.
  expect('ref type flipped', { ...base, refType: config.kind === 'branch' ? 'tag' : 'branch' }, 'DENIED');
  for (const other of lookAlikes(config.name.value, config.other.ref)) {
    expect(`ref ${other}`, { ...base, ref: other }, iamLike(config.name.value, other) ? 'ALLOWED' : 'DENIED');
  }

  // Audience and issuer.
  for (const audience of [GITLAB_DOT_COM, `${STS}x`, 'https://vault.example.com']) {
    expect(`audience ${audience}`, { ...base, audience }, 'DENIED');
  }
  for (const issuer of [GITLAB_DOT_COM, SELF_MANAGED, 'https://gitlab.example.com.evil.io', 'https://gitlab.com/acme', GITHUB_DOT_COM_ISSUER]
    .filter((url) => url !== base.issuer)) {
    expect(`issuer ${issuer}`, { ...base, issuer }, 'DENIED');
  }

  // The project id: in the subject (project_id form) or pinned (gitlab.com), else not checked.
  if (!config.wholeGroup) {
    expect('a re-created project of the same path (other id)', { ...base, projectId: projectId + 100 },
      idPinned || identifiedById ? 'DENIED' : 'ALLOWED');
  }
  return out;
}

// --- the properties ---

describe('properties of generated roles', () => {
  const started = Date.now();

  test('GitHub: configured subjects are admitted, look-alikes of every part are not', () => {
    fc.assert(fc.property(gitHubConfig, (config) => {
      const mustAccept = config.owner.clean && config.name.clean;
      const policy = synthesize((scope) => ({
        provider: new GitHubOidcProvider(scope, 'GitHub', { issuer: GITHUB_ISSUERS[config.issuer].issuer() }),
        subjects: [gitHubSubject(config)],
      }), mustAccept, 'GitHub');
      if (policy) {
        check(policy, gitHubExpectations(config), 'GitHub');
      }
    }), { numRuns: 330 * SCALE });
  });

  test('GitLab: configured subjects are admitted, look-alikes of every part are not', () => {
    fc.assert(fc.property(gitLabConfig, (config) => {
      const policy = synthesize(gitLabProps(config), config.name.clean, 'GitLab');
      if (policy) {
        check(policy, gitLabExpectations(config), 'GitLab');
      }
    }), { numRuns: 220 * SCALE });
  });

  test('GitHub branch patterns: everything under the fixed prefix, nothing else', () => {
    fc.assert(fc.property(refName, refName, refName, (prefix, inside, outside) => {
      const policy = synthesize((scope) => ({
        provider: new GitHubOidcProvider(scope, 'GitHub'),
        subjects: [GitHubRepository.of('acme/api').branch(`${prefix}/*`)],
      }), true, 'GitHub patterns');
      const run = (ref: string): GitHubRun => ({ repository: 'acme/api', ref });
      const expectations: Expectation[] = [
        { change: 'a branch under the prefix', token: gitHubToken(run(`refs/heads/${prefix}/${inside}`)), expected: 'ALLOWED' },
        { change: 'the prefix without a slash', token: gitHubToken(run(`refs/heads/${prefix}`)), expected: 'DENIED' },
        { change: 'a tag under the prefix', token: gitHubToken(run(`refs/tags/${prefix}/${inside}`)), expected: 'DENIED' },
        { change: 'the prefix extended', token: gitHubToken(run(`refs/heads/${prefix}x/${inside}`)), expected: 'DENIED' },
        { change: 'another repository', token: gitHubToken({ repository: 'acme/api-x', ref: `refs/heads/${prefix}/${inside}` }), expected: 'DENIED' },
      ];
      if (!`${outside}/`.startsWith(`${prefix}/`)) {
        expectations.push({ change: 'a branch outside the prefix', token: gitHubToken(run(`refs/heads/${outside}`)), expected: 'DENIED' });
      }
      check(policy!, expectations, 'GitHub patterns');
    }), { numRuns: 60 * SCALE });
  });

  test('adversarial literal parts are refused at synthesis, never turned into patterns', () => {
    fc.assert(fc.property(adversarial(environmentName), (environment) => {
      const hasWildcard = /[*?]/.test(environment) || environment.includes('${');
      let accepted: CiSubject | undefined;
      try {
        accepted = GitHubRepository.of('acme/api').environment(environment);
      } catch {
        accepted = undefined;
      }
      if (hasWildcard) {
        return accepted === undefined;
      }
      return accepted === undefined || !accepted.isPattern;
    }), { numRuns: 200 * SCALE });
  });

  afterAll(() => {
    const total = Object.values(evaluated).reduce((a, b) => a + b, 0);
    const lines = Object.keys(generated).map((p) =>
      `${p}: ${generated[p]} roles (${refused[p] ?? 0} refused at synthesis), ${evaluated[p] ?? 0} tokens`);
    // eslint-disable-next-line no-console
    console.log(`property tests: ${total} generated tokens decided in ${((Date.now() - started) / 1000).toFixed(1)} s\n${lines.join('\n')}\n` +
      `environment names admitted as encoding twins of the configured one (same sub): ${encodingTwins}`);
    if (SCALE >= 1) {
      expect(total).toBeGreaterThanOrEqual(10_000);
    }
  });
});
