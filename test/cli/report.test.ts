import * as fs from 'fs';
import * as path from 'path';
import { App, NestedStack, Stack, Stage, aws_iam as iam } from 'aws-cdk-lib';
import { CiDeployRole, GitHubOidcProvider, GitHubRepository, GitLabOidcProvider, GitLabProject } from '../../src';
import { main } from '../../src/cli/report';
import { temporaryDirectories } from '../fixtures/account-stack';

const GH = 'token.actions.githubusercontent.com';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(...argv: string[]): Run {
  let stdout = '';
  let stderr = '';
  const status = main(argv, { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; } });
  return { status, stdout, stderr };
}

const tempDir = temporaryDirectories('cdk-ci-oidc-report');

/** Synthesizes an app into a fresh directory and returns it. */
function synth(build: (app: App) => void): string {
  const outdir = tempDir();
  const app = new App({ outdir });
  build(app);
  app.synth();
  return outdir;
}

/** A clean app: one GitHub and one GitLab deploy role, with a policy each. */
function cleanApp(app: App): void {
  const stack = new Stack(app, 'Deploy');
  const github = new GitHubOidcProvider(stack, 'GitHub');
  const production = new CiDeployRole(stack, 'Production', {
    provider: github,
    subjects: [GitHubRepository.of('acme/api', { ownerId: 1234567, repositoryId: 89012345 }).environment('production')],
  });
  production.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 'cloudformation:DescribeStacks'], resources: ['*'] }));
  const gitlab = new GitLabOidcProvider(stack, 'GitLab');
  const release = new CiDeployRole(stack, 'Release', {
    provider: gitlab, requireProtectedRef: true, subjects: [GitLabProject.of('acme/platform/api').tag('v*')],
  });
  release.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
  new iam.Role(stack, 'Lambda', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

describe('report in Markdown', () => {
  test('lists each CI role with provider, subjects in plain words, pinned claims and permissions', () => {
    // GIVEN
    const assembly = synth(cleanApp);
    // WHEN
    const result = run('report', assembly);
    // THEN
    expect(result).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        '# CI OIDC access review',
        '',
        `Assembly \`${assembly}\`: 2 roles trusted by CI OIDC providers in 1 stack; 0 errors, 0 warnings.`,
        '',
        '## Stack Deploy',
        '',
        '### Deploy/Production',
        '',
        '- Provider: `token.actions.githubusercontent.com` (GitHub Actions), audience `sts.amazonaws.com`',
        '- Subjects:',
        '  - acme/api, environment production (StringEquals `repo:acme/api:environment:production` or `repo:acme@1234567/api@89012345:environment:production`)',
        '- Pinned claims: `repository_id` = `89012345`, `repository_owner_id` = `1234567`',
        '- Permissions: actions `cloudformation:DescribeStacks`, `s3:PutObject`',
        '- Findings: none',
        '',
        '### Deploy/Release',
        '',
        '- Provider: `gitlab.com` (GitLab CI/CD), audience `sts.amazonaws.com`',
        '- Subjects:',
        '  - acme/platform/api, tag v* (StringLike `project_path:acme/platform/api:ref_type:tag:ref:v*`)',
        '- Pinned claims: `ref_protected` = `true`',
        '- Permissions: managed policies `ReadOnlyAccess`',
        '- Findings: none',
        '',
      ].join('\n'),
    });
  });

  test('fails with status 1 and lists the findings of hand-written roles', () => {
    // GIVEN a role trusting GitHub with the audience only (Datadog Security Labs, 2023) and an admin role on a branch
    const assembly = synth((app) => {
      const stack = new Stack(app, 'Legacy');
      new iam.CfnRole(stack, 'OpenRole', {
        assumeRolePolicyDocument: {
          Statement: [{
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${GH}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } },
          }],
        },
        managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      });
    });
    // WHEN
    const result = run('report', assembly);
    // THEN
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(': 1 role trusted by CI OIDC providers in 1 stack; 1 error, 0 warnings.');
    expect(result.stdout.split('\n').slice(6)).toEqual([
      '### Legacy/OpenRole',
      '',
      '- Provider: `token.actions.githubusercontent.com` (GitHub Actions), audience `sts.amazonaws.com`',
      '- Subjects: none',
      '- Pinned claims: none',
      '- Permissions: **administrator-level** (managed policy AdministratorAccess); managed policies `AdministratorAccess`',
      '- Findings:',
      "  - **ERROR** `cdk-ci-oidc:guard:missingSub`: The statement trusts the GitHub Actions provider 'token.actions.githubusercontent.com' " +
      "without checking the token's subject: any job of any repository that can get a token from this issuer may assume the role. " +
      'Condition: `Statement[0] no condition on token.actions.githubusercontent.com:sub`. Fix: Add a subject condition, e.g. ' +
      '"StringEquals": { "token.actions.githubusercontent.com:sub": "repo:acme/api:environment:production" }, or build the role with CiDeployRole.',
      '',
    ]);
  });

  test('says so when no role trusts a CI provider', () => {
    const assembly = synth((app) => {
      const stack = new Stack(app, 'Plain');
      new iam.Role(stack, 'Lambda', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    });
    const result = run('report', assembly);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('0 roles trusted by CI OIDC providers in 1 stack; 0 errors, 0 warnings.\n\nNo IAM role in this assembly trusts a CI OIDC provider.\n');
  });
});

describe('report in JSON', () => {
  test('gives the same facts for tools', () => {
    const assembly = synth(cleanApp);
    const result = run('report', assembly, '--json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.summary).toEqual({ stacks: 1, roles: 2, errors: 0, warnings: 0 });
    expect(report.roles[0]).toEqual({
      stack: 'Deploy',
      role: 'Deploy/Production',
      logicalId: expect.stringMatching(/^Production[0-9A-F]{8}$/),
      trusts: [{
        statement: 0,
        provider: GH,
        platform: 'github',
        audiences: ['sts.amazonaws.com'],
        subjects: [
          { description: 'acme/api, environment production', operator: 'StringEquals', value: 'repo:acme/api:environment:production' },
          { description: 'acme/api, environment production', operator: 'StringEquals', value: 'repo:acme@1234567/api@89012345:environment:production' },
        ],
        pinnedClaims: [
          { claim: 'repository_id', operator: 'StringEquals', values: ['89012345'] },
          { claim: 'repository_owner_id', operator: 'StringEquals', values: ['1234567'] },
        ],
      }],
      permissions: { managedPolicies: [], actions: ['cloudformation:DescribeStacks', 's3:PutObject'], adminReasons: [] },
      findings: [],
    });
  });

  test('finds roles in stages, nested stacks and stacks that import the provider', () => {
    // GIVEN the provider in one stack, roles in a stage, in a nested stack and in a stack importing the provider
    const assembly = synth((app) => {
      const shared = new Stack(app, 'Shared');
      const provider = new GitHubOidcProvider(shared, 'GitHub');
      const consumer = new Stack(app, 'Consumer');
      new iam.Role(consumer, 'Imported', {
        assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, { StringLike: { [`${GH}:sub`]: 'repo:acme/*', [`${GH}:aud`]: 'sts.amazonaws.com' } }),
      });
      const stage = new Stage(app, 'Prod');
      const staged = new Stack(stage, 'App');
      new CiDeployRole(staged, 'Deploy', { provider: GitHubOidcProvider.fromAccount(staged, 'GitHub'), subjects: [GitHubRepository.of('acme/api').branch('main')] });
      const nested = new NestedStack(new Stack(app, 'Parent'), 'Child');
      new CiDeployRole(nested, 'Deploy', { provider: GitHubOidcProvider.fromAccount(nested, 'GitHub'), subjects: [GitHubRepository.of('acme/web').pullRequest()] });
    });
    // WHEN
    const report = JSON.parse(run('report', assembly, '--json').stdout);
    // THEN
    expect(report.roles.map((role: { role: string; trusts: Array<{ provider: string }>; findings: Array<{ id: string }> }) =>
      [role.role, role.trusts[0].provider, role.findings.map((f) => f.id)]).sort()).toEqual([
      ['Consumer/Imported', GH, ['cdk-ci-oidc:anyRefSubject', 'cdk-ci-oidc:pullRequestSubject', 'cdk-ci-oidc:wholeOwnerSubject']],
      ['Parent/Child/Deploy', GH, ['cdk-ci-oidc:pullRequestSubject']],
      ['Prod/App/Deploy', GH, []],
    ]);
    expect(report.summary).toEqual({ stacks: 5, roles: 3, errors: 0, warnings: 4 });
  });

  test('--gitlab-issuer recognizes a self-managed GitLab trust without a sub condition', () => {
    const assembly = synth((app) => {
      const stack = new Stack(app, 'SelfManaged');
      new iam.Role(stack, 'Role', {
        assumedBy: new iam.WebIdentityPrincipal('arn:aws:iam::123456789012:oidc-provider/gitlab.example.com', {
          StringEquals: { 'gitlab.example.com:aud': 'sts.amazonaws.com' },
        }),
      });
    });
    expect(JSON.parse(run('report', assembly, '--json').stdout).summary.roles).toBe(0);
    const result = run('report', '--json', '--gitlab-issuer', 'gitlab.example.com', assembly);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).roles[0].findings.map((f: { id: string }) => f.id)).toEqual(['cdk-ci-oidc:guard:missingSub']);
  });
});

describe('report command line', () => {
  test('fails with status 2 if the assembly directory does not exist', () => {
    const missing = path.join(tempDir(), 'cdk.out');
    expect(run('report', missing)).toEqual({
      status: 2,
      stdout: '',
      stderr: `cdk-ci-oidc: No cloud assembly at '${missing}': the directory does not exist. Run 'cdk synth' first, or pass the assembly directory (e.g. cdk.out).\n`,
    });
  });

  test('fails with status 2 if the directory has no manifest.json', () => {
    const dir = tempDir();
    expect(run('report', dir)).toEqual({
      status: 2,
      stdout: '',
      stderr: `cdk-ci-oidc: '${dir}' is not a cloud assembly: manifest.json is missing. Run 'cdk synth' first, or pass the assembly directory (e.g. cdk.out).\n`,
    });
  });

  test('fails with status 2 if manifest.json is malformed', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{ "artifacts": ');
    const result = run('report', dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^cdk-ci-oidc: '${escape(path.join(dir, 'manifest.json'))}' is malformed: .+\\.\\n$`));
  });

  test('fails with status 2 if manifest.json has no artifacts', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{ "version": "44.0.0" }');
    expect(run('report', dir).stderr).toBe(`cdk-ci-oidc: '${path.join(dir, 'manifest.json')}' is not a cloud assembly manifest: it has no "artifacts" object.\n`);
  });

  test('fails with status 2 if a template is malformed', () => {
    const assembly = synth(cleanApp);
    fs.writeFileSync(path.join(assembly, 'Deploy.template.json'), '[1, 2');
    const result = run('report', assembly);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cdk-ci-oidc: '.*Deploy\.template\.json' is malformed: /);
  });

  test('fails with status 2, not 1, if the assembly cannot be read for another reason', () => {
    // GIVEN a template whose Resources is no object
    const assembly = synth(cleanApp);
    fs.writeFileSync(path.join(assembly, 'Deploy.template.json'), '{ "Resources": { "Role": null } }');
    const result = run('report', assembly);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cdk-ci-oidc: internal error while reading '.*', please report it: TypeError: /);
  });

  test.each([
    [[], 'no command given'],
    [['audit'], "unknown command 'audit'"],
    [['report', '--yaml'], "unknown option '--yaml'"],
    [['report', 'a', 'b'], "more than one assembly directory given ('a', 'b')"],
    [['report', '--gitlab-issuer'], '--gitlab-issuer needs a value, e.g. --gitlab-issuer gitlab.example.com'],
  ])('fails with status 2 and the usage for arguments %j', (argv, message) => {
    const result = run(...argv);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^cdk-ci-oidc: ${escape(message)}\\n\\nUsage: cdk-ci-oidc report `));
  });

  test('prints the usage for --help', () => {
    const result = run('report', '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: cdk-ci-oidc report \[ASSEMBLY_DIR\] \[--json\]/);
  });

  test('reads cdk.out in the working directory by default', () => {
    const assembly = synth(cleanApp);
    const cwd = process.cwd();
    const parent = tempDir();
    fs.renameSync(assembly, path.join(parent, 'cdk.out'));
    try {
      process.chdir(parent);
      expect(run('report').status).toBe(0);
      const result = run('report', '--json');
      expect(JSON.parse(result.stdout).assembly).toBe('cdk.out');
    } finally {
      process.chdir(cwd);
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
