import { Stack } from 'aws-cdk-lib';
import { parse } from 'yaml';
import { CiDeployRole, CiDeployRoleProps, GitHubOidcProvider, GitHubRepository, GitLabGroup, GitLabOidcProvider, GitLabProject } from '../../src';
import { decide, TokenPayload, trustPolicyOf } from '../evaluator/iam-evaluator';
import { accountStack } from '../fixtures/account-stack';

/*
 * The rendered filter and the role agree: for each run a pipeline could start, the job runs
 * only if the independent IAM evaluator admits the token that run would get (never broader),
 * and, for the runs the filter can express exactly, it runs whenever the role admits it.
 * The filters are evaluated here by small interpreters of the forms GitHub and GitLab define.
 */


const stack = (): Stack => accountStack('eu-west-1');

// --- GitHub: on.push/pull_request and the job's if: ---

interface GitHubRun { readonly event: string; readonly ref: string }

/** GitHub's filter patterns: `**` any characters, `*` any but `/`, `\x` the character x. */
function globMatches(pattern: string, name: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      source += pattern[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') {
      source += '[^/]*';
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`).test(name);
}

/** Whether the workflow's `on:` starts for the run. */
function triggers(on: Record<string, { branches?: string[]; tags?: string[] } | null>, run: GitHubRun): boolean {
  if (!(run.event in on)) {
    return false;
  }
  const filter = on[run.event];
  if (run.event !== 'push' || filter === null || (filter.branches === undefined && filter.tags === undefined)) {
    return true;
  }
  const branch = run.ref.startsWith('refs/heads/') ? run.ref.slice('refs/heads/'.length) : undefined;
  const tag = run.ref.startsWith('refs/tags/') ? run.ref.slice('refs/tags/'.length) : undefined;
  return (branch !== undefined && (filter.branches ?? []).some((p) => globMatches(p, branch)))
    || (tag !== undefined && (filter.tags ?? []).some((p) => globMatches(p, tag)));
}

/** A GitHub expression of the forms the renderer writes; strings compare without case, as GitHub does. */
function evaluateGitHub(expression: string, run: GitHubRun): boolean {
  const tokens = expression.match(/'(?:[^']|'')*'|==|&&|\|\||!|\(|\)|,|[A-Za-z_.]+/g)!;
  let at = 0;
  const value = (): string | boolean => {
    const token = tokens[at++];
    if (token.startsWith("'")) {
      return token.slice(1, -1).replace(/''/g, "'");
    }
    if (token === 'github.ref') {
      return run.ref;
    }
    if (token === 'github.event_name') {
      return run.event;
    }
    if (token === 'false') {
      return false;
    }
    if (token === 'startsWith') {
      at++; // (
      const left = String(value());
      at++; // ,
      const right = String(value());
      at++; // )
      return left.toLowerCase().startsWith(right.toLowerCase());
    }
    if (token === '(') {
      const inner = or();
      at++; // )
      return inner;
    }
    if (token === '!') {
      return !value();
    }
    throw new Error(`unexpected token ${token} in ${expression}`);
  };
  const comparison = (): boolean => {
    const left = value();
    if (tokens[at] === '==') {
      at++;
      return String(left).toLowerCase() === String(value()).toLowerCase();
    }
    return left === true;
  };
  const and = (): boolean => {
    let result = comparison();
    while (tokens[at] === '&&') {
      at++;
      result = comparison() && result;
    }
    return result;
  };
  const or = (): boolean => {
    let result = and();
    while (tokens[at] === '||') {
      at++;
      result = and() || result;
    }
    return result;
  };
  const result = or();
  expect(at).toBe(tokens.length);
  return result;
}

function gitHubToken(run: GitHubRun): TokenPayload {
  // GitHub's default subject: pull_request for pull_request and pull_request_target runs, else the ref.
  const context = run.event.startsWith('pull_request') && !run.event.startsWith('pull_request_review') ? 'pull_request' : `ref:${run.ref}`;
  return {
    iss: 'https://token.actions.githubusercontent.com',
    aud: 'sts.amazonaws.com',
    sub: `repo:acme/api:${context}`,
    repository: 'acme/api',
    repository_owner: 'acme',
    repository_id: '2',
    repository_owner_id: '1',
    ref: run.ref,
    event_name: run.event,
  };
}

const GITHUB_RUNS: GitHubRun[] = [
  { event: 'push', ref: 'refs/heads/main' },
  { event: 'push', ref: 'refs/heads/MAIN' },
  { event: 'push', ref: 'refs/heads/mainline' },
  { event: 'push', ref: 'refs/heads/release/1.2' },
  { event: 'push', ref: 'refs/heads/release/1.2/hotfix' },
  { event: 'push', ref: 'refs/heads/releases/1' },
  { event: 'push', ref: 'refs/heads/feature' },
  { event: 'push', ref: 'refs/tags/v1.0' },
  { event: 'push', ref: 'refs/tags/v10.0.1' },
  { event: 'push', ref: 'refs/tags/x1' },
  { event: 'push', ref: 'refs/tags/main' },
  { event: 'pull_request', ref: 'refs/pull/1/merge' },
  { event: 'pull_request_target', ref: 'refs/heads/main' },
  { event: 'workflow_dispatch', ref: 'refs/heads/main' },
];

function gitHubRole(props: Partial<CiDeployRoleProps>): { role: CiDeployRole; stack: Stack } {
  const scope = stack();
  const role = new CiDeployRole(scope, 'DeployRole', { provider: GitHubOidcProvider.fromAccount(scope, 'GitHub'), roleName: 'ci-deploy', ...props } as CiDeployRoleProps);
  return { role, stack: scope };
}

describe('GitHub: the workflow runs the job only where the role admits its token', () => {
  const api = GitHubRepository.of('acme/api');

  test.each([
    ['a branch, a branch pattern, a tag pattern and pull requests', [api.branch('main'), api.branch('release/*'), api.tag('v*'), api.pullRequest()], true],
    ['a tag pattern without an exact filter, and a branch', [api.tag('v?.*'), api.branch('main')], false],
    ['any ref', [api.anyRef()], true],
  ])('%s', (_name, subjects, exact) => {
    // GIVEN
    const { role, stack: scope } = gitHubRole({ subjects });
    const workflow = parse(role.renderGitHubActionsJob());
    const policy = trustPolicyOf(scope);
    const condition: string | undefined = workflow.jobs.deploy.if;

    for (const run of GITHUB_RUNS) {
      // WHEN
      const runs = triggers(workflow.on, run) && (condition === undefined || evaluateGitHub(condition, run));
      const admitted = decide(policy, gitHubToken(run));
      const caseVariant = run.ref === 'refs/heads/MAIN';

      // THEN never broader (but for the case of names, which GitHub's expressions ignore and IAM does not) ...
      if (runs && !caseVariant) {
        expect({ run, admitted }).toEqual({ run, admitted: 'ALLOWED' });
      }
      // ... and, where the filter is exact, as broad as the role for push and pull_request runs
      if (exact && admitted === 'ALLOWED' && (run.event === 'push' || run.event === 'pull_request')) {
        expect({ run, runs }).toEqual({ run, runs: true });
      }
    }
  });

  test('a feature branch is outside the filter and refused by the role; pull_request_target on main is too', () => {
    const { role, stack: scope } = gitHubRole({ subjects: [api.branch('main')] });
    const workflow = parse(role.renderGitHubActionsJob());
    const policy = trustPolicyOf(scope);
    for (const run of [{ event: 'push', ref: 'refs/heads/feature' }, { event: 'pull_request_target', ref: 'refs/heads/main' }]) {
      expect(evaluateGitHub(workflow.jobs.deploy.if, run)).toBe(false);
      expect(decide(policy, gitHubToken(run))).toBe('DENIED');
    }
    expect(decide(policy, gitHubToken({ event: 'push', ref: 'refs/heads/main' }))).toBe('ALLOWED');
    expect(evaluateGitHub(workflow.jobs.deploy.if, { event: 'push', ref: 'refs/heads/main' })).toBe(true);
  });
});

describe('GitHub: an environment role\'s job declares the environment its token names', () => {
  test.each(['production', 'prod:eu'])('environment %p', (name) => {
    // GIVEN
    const { role, stack: scope } = gitHubRole({ subjects: [GitHubRepository.of('acme/api').environment(name)] });
    const job = parse(role.renderGitHubActionsJob()).jobs.deploy;
    const policy = trustPolicyOf(scope);
    // WHEN the job runs as rendered, on any ref: GitHub writes the declared environment into the sub, ':' as '%3A'
    const declared = (ref: string): TokenPayload => ({
      ...gitHubToken({ event: 'push', ref }), sub: `repo:acme/api:environment:${String(job.environment).replace(/:/g, '%3A')}`, environment: job.environment,
    });
    // THEN the role admits it, and refuses the same run without the environment, or with another one
    expect(job.environment).toBe(name);
    expect(job.if).toBeUndefined();
    for (const ref of ['refs/heads/main', 'refs/heads/feature', 'refs/tags/v1']) {
      expect(decide(policy, declared(ref))).toBe('ALLOWED');
      expect(decide(policy, gitHubToken({ event: 'push', ref }))).toBe('DENIED');
      expect(decide(policy, { ...declared(ref), sub: 'repo:acme/api:environment:staging', environment: 'staging' })).toBe('DENIED');
    }
  });
});

// --- GitLab: rules: ---

interface GitLabRun { readonly refType: 'branch' | 'tag'; readonly ref: string; readonly protectedRef: boolean }

/** A `rules:if` of the forms the renderer writes: `$VAR`, `== "x"` / `== 'x'`, `=~ /re/`, `&&`, `||`, parentheses. */
function evaluateGitLab(expression: string, variables: Record<string, string | undefined>): boolean {
  const tokens = expression.match(/"[^"]*"|'[^']*'|\/(?:\\.|[^/\\])*\/|==|=~|&&|\|\||\(|\)|\$[A-Z_]+/g)!;
  let at = 0;
  const primary = (): boolean => {
    const token = tokens[at++];
    if (token === '(') {
      const inner = or();
      at++; // )
      return inner;
    }
    const value = variables[token.slice(1)];
    if (tokens[at] === '==') {
      at++;
      return value === tokens[at++].slice(1, -1);
    }
    if (tokens[at] === '=~') {
      at++;
      const pattern = tokens[at++];
      return value !== undefined && new RegExp(pattern.slice(1, -1)).test(value);
    }
    return value !== undefined && value !== '';
  };
  const and = (): boolean => {
    let result = primary();
    while (tokens[at] === '&&') {
      at++;
      result = primary() && result;
    }
    return result;
  };
  const or = (): boolean => {
    let result = and();
    while (tokens[at] === '||') {
      at++;
      result = and() || result;
    }
    return result;
  };
  const result = or();
  expect(at).toBe(tokens.length);
  return result;
}

function gitLabRuns(rules: Array<{ if?: string; when?: string }>, run: GitLabRun): boolean {
  const variables = {
    CI_COMMIT_BRANCH: run.refType === 'branch' ? run.ref : undefined,
    CI_COMMIT_TAG: run.refType === 'tag' ? run.ref : undefined,
    CI_COMMIT_REF_PROTECTED: String(run.protectedRef),
  };
  return rules.some((rule) => rule.when !== 'never' && rule.if !== undefined && evaluateGitLab(rule.if, variables));
}

function gitLabToken(run: GitLabRun): TokenPayload {
  return {
    iss: 'https://gitlab.com',
    aud: 'sts.amazonaws.com',
    sub: `project_path:acme-group/api:ref_type:${run.refType}:ref:${run.ref}`,
    project_path: 'acme-group/api',
    project_id: '42',
    namespace_id: '7',
    ref_type: run.refType,
    ref: run.ref,
    ref_protected: String(run.protectedRef),
    pipeline_source: 'push',
  };
}

const GITLAB_RUNS: GitLabRun[] = ['main', 'Main', 'mainline', 'release/1.2', 'release/1.2/x', 'releases/1', 'feature', 'v1.0', 'main'].flatMap((ref, index) =>
  [true, false].map((protectedRef) => ({ refType: index < 7 ? 'branch' as const : 'tag' as const, ref, protectedRef })),
).concat([{ refType: 'tag', ref: 'v1.0.0', protectedRef: true }, { refType: 'tag', ref: 'v10', protectedRef: true }]);

describe('GitLab: the rules run the job only where the role admits its token', () => {
  const project = GitLabProject.of('acme-group/api');

  test.each([
    ['branches and patterns, protected refs', [project.branch('main'), GitLabGroup.of('acme-group').branch('release/*'), project.tag('v?.*')], true],
    ['the same without protected refs', [project.branch('main'), project.branch('release/*'), project.tag('v?.*')], false],
    ['any ref', [project.anyRef()], false],
  ])('%s', (_name, subjects, requireProtectedRef) => {
    // GIVEN
    const scope = stack();
    const role = new CiDeployRole(scope, 'DeployRole', {
      provider: GitLabOidcProvider.fromAccount(scope, 'GitLab'), roleName: 'gitlab-deploy', subjects, requireProtectedRef,
    });
    const rules = parse(role.renderGitLabCiJob()).deploy.rules;
    const policy = trustPolicyOf(scope);

    for (const run of GITLAB_RUNS) {
      // WHEN
      const runs = gitLabRuns(rules, run);
      const admitted = decide(policy, gitLabToken(run));
      // THEN exactly the pipelines the role admits (push pipelines; merge request pipelines are left out)
      expect({ run, runs }).toEqual({ run, runs: admitted === 'ALLOWED' });
    }
  });

  test('a tag named like the trusted branch is outside the rules and refused by the role', () => {
    const scope = stack();
    const role = new CiDeployRole(scope, 'DeployRole', {
      provider: GitLabOidcProvider.fromAccount(scope, 'GitLab'), roleName: 'gitlab-deploy', subjects: [project.branch('main')],
    });
    const rules = parse(role.renderGitLabCiJob()).deploy.rules;
    const run: GitLabRun = { refType: 'tag', ref: 'main', protectedRef: true };
    expect(gitLabRuns(rules, run)).toBe(false);
    expect(decide(trustPolicyOf(scope), gitLabToken(run))).toBe('DENIED');
  });
});
