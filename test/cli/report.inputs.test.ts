import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { INPUTS, oneRoleTemplate, report, tempDir, writeFiles } from './report-run';

const GH = 'token.actions.githubusercontent.com';

/** The findings every format must give for the fixture roles (test/fixtures/audit-inputs/README.md). */
const EXPECTED: Record<string, string[]> = {
  'ci-open': ['cdk-ci-oidc:guard:missingSub'],
  'ci-prefix': ['cdk-ci-oidc:guard:wildcardScope', 'cdk-ci-oidc:guard:adminTrustedByBranch'],
  'ci-forallvalues': ['cdk-ci-oidc:guard:unsafeOperator'],
  'ci-gitlab-any-ref': ['cdk-ci-oidc:anyRefSubject'],
  'ci-deploy': [],
};

interface JsonRole {
  readonly role: string;
  readonly source: Record<string, string>;
  readonly permissions: { administrator: boolean; assumableRoles: Array<{ description: string }>; managedPolicies: string[] };
  readonly findings: Array<{ id: string; severity: string }>;
}

interface JsonReport {
  readonly roles: JsonRole[];
  readonly problems: unknown[];
  readonly inputs: unknown[];
  readonly summary: Record<string, number>;
}

function json(argv: string[]): { status: number; document: JsonReport } {
  const result = report([...argv, '--json']);
  return { status: result.status, document: JSON.parse(result.stdout) };
}

/** The fixture template as a CDK app: its resources as CfnResources, synthesized. */
function fixtureAssembly(): string {
  const template = JSON.parse(fs.readFileSync(path.join(INPUTS, 'cloudformation', 'ci-roles.template.json'), 'utf8'));
  const outdir = tempDir();
  const app = new App({ outdir });
  const stack = new Stack(app, 'CiRoles');
  for (const [id, resource] of Object.entries(template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>)) {
    const properties = JSON.parse(JSON.stringify(resource.Properties).replace(/\{"Ref":"PrefixRole"\}/g, '"__PREFIX__"'));
    const cfn = new CfnResource(stack, id, { type: resource.Type, properties });
    cfn.overrideLogicalId(id);
  }
  // The policy's Roles reference the role, as in the template.
  (stack.node.findChild('DeployerPolicy') as CfnResource).addPropertyOverride('Roles', [{ Ref: 'PrefixRole' }]);
  app.synth();
  return outdir;
}

describe('the same roles in every format give the same findings', () => {
  const formats: Array<[string, () => string, string]> = [
    ['a cloud assembly', fixtureAssembly, 'cloud-assembly'],
    ['a CloudFormation JSON template', () => path.join(INPUTS, 'cloudformation', 'ci-roles.template.json'), 'cloudformation-json'],
    ['a CloudFormation YAML template with short-form intrinsics', () => path.join(INPUTS, 'cloudformation', 'ci-roles.template.yaml'), 'cloudformation-yaml'],
    ['an IAM export as the AWS CLI prints it', () => path.join(INPUTS, 'iam', 'account-111111111111.cli.json'), 'iam-authorization-details'],
    ['an IAM export as the API returns it (URL-encoded)', () => path.join(INPUTS, 'iam', 'account-111111111111.api.json'), 'iam-authorization-details'],
    ['a Terraform plan', () => path.join(INPUTS, 'terraform', 'plan.json'), 'terraform-plan'],
    ['a Terraform state', () => path.join(INPUTS, 'terraform', 'state.json'), 'terraform-state'],
  ];
  test.each(formats)('%s', (_name, input, format) => {
    // GIVEN
    const file = input();
    // WHEN
    const { status, document } = json([file]);
    // THEN each role, by name, has the expected finding ids
    expect(status).toBe(1);
    expect(document.inputs).toEqual([{ path: file, format }]);
    const byName = Object.fromEntries(document.roles.map((role) => [role.source.name, role.findings.map((f) => f.id).sort()]));
    expect(byName).toEqual(Object.fromEntries(Object.entries(EXPECTED).map(([name, ids]) => [name, [...ids].sort()])));
    // AND administrator-level access and the bootstrap role are read from the policies
    const roles = Object.fromEntries(document.roles.map((role) => [role.source.name, role]));
    expect(roles['ci-open'].permissions.administrator).toBe(true);
    expect(roles['ci-prefix'].permissions.administrator).toBe(true);
    expect(roles['ci-gitlab-any-ref'].permissions.administrator).toBe(false);
    expect(roles['ci-gitlab-any-ref'].permissions.managedPolicies).toEqual(['ReadOnlyAccess']);
    expect(roles['ci-deploy'].permissions.assumableRoles.map((r) => r.description)).toEqual([
      format === 'cloudformation-yaml'
        ? 'the CDK bootstrap deploy role of account 222222222222 in any region (qualifier hnb659fds)'
        : 'the CDK bootstrap deploy role of account 222222222222 in eu-west-1 (qualifier hnb659fds)',
    ]);
  });

  test('each finding names its source: the file and the account, stack and logical id, or the resource address', () => {
    const sources = (file: string): Record<string, string> => json([file]).document.roles.find((r) => r.source.name === 'ci-prefix')!.source;
    const iam = path.join(INPUTS, 'iam', 'account-111111111111.cli.json');
    expect(sources(iam)).toEqual({
      file: iam, format: 'iam-authorization-details', account: '111111111111', region: 'global', arn: 'arn:aws:iam::111111111111:role/ci-prefix', name: 'ci-prefix',
    });
    const state = path.join(INPUTS, 'terraform', 'state.json');
    expect(sources(state)).toEqual({
      file: state, format: 'terraform-state', address: 'aws_iam_role.ci_prefix', arn: 'arn:aws:iam::111111111111:role/ci-prefix', name: 'ci-prefix', account: '111111111111', region: 'global',
    });
    const yaml = path.join(INPUTS, 'cloudformation', 'ci-roles.template.yaml');
    expect(sources(yaml)).toEqual({ file: yaml, format: 'cloudformation-yaml', stack: 'ci-roles', logicalId: 'PrefixRole', name: 'ci-prefix' });
    // AND the module's roles keep their module address
    expect(json([state]).document.roles.map((r) => r.role)).toContain('module.ci.aws_iam_role.ci_deploy');
  });

  test('a plan names the role whose trust policy is known only after apply', () => {
    const plan = path.join(INPUTS, 'terraform', 'plan.json');
    const result = report([plan, '--no-diagram']);
    expect(result.stderr).toBe(`cdk-ci-oidc: '${plan}': aws_iam_role.ci_late: assume_role_policy is known only after apply: the role is not audited (audit the state after apply)\n`);
    expect(result.stdout).toContain(`## Inputs not read (or read in part)\n\n- \`${plan}\`: aws_iam_role.ci\\_late: assume\\_role\\_policy`.replace(/\\_/g, '_'));
    // AND --strict makes it stop the review
    expect(report([plan, '--strict']).status).toBe(2);
  });

  test('a directory of any mix: every account, template and state, files of other formats skipped', () => {
    // GIVEN the fixtures and a package.json
    const dir = tempDir();
    fs.cpSync(INPUTS, path.join(dir, 'inputs'), { recursive: true });
    fs.rmSync(path.join(dir, 'inputs', 'iam', 'account-111111111111.api.json'));
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "x" }');
    fs.writeFileSync(path.join(dir, '.gitlab-ci.yml'), 'job:\n  script: !reference [.setup, script]\n');
    // WHEN
    const { document } = json([dir]);
    // THEN 5 inputs, 5 roles each (the plan's late role is a problem), the package.json and the GitLab CI file skipped
    expect(document.summary).toEqual({ inputs: 5, stacks: 5, roles: 25, errors: 15, warnings: 10, acknowledged: 0, problems: 1 });
    expect((document as unknown as { skipped: string[] }).skipped).toEqual([path.join(dir, '.gitlab-ci.yml'), path.join(dir, 'package.json')]);
  });

  test('one account in several files: the managed policy of one page is read for the role of another', () => {
    const exported = JSON.parse(fs.readFileSync(path.join(INPUTS, 'iam', 'account-111111111111.cli.json'), 'utf8'));
    const dir = writeFiles({
      'page-1.json': JSON.stringify({ ...exported, Policies: [] }),
      'page-2.json': JSON.stringify({ RoleDetailList: [], Policies: exported.Policies }),
    });
    const prefix = json([dir]).document.roles.find((r) => r.source.name === 'ci-prefix')!;
    expect(prefix.permissions.administrator).toBe(true);
    expect(prefix.findings.map((f) => f.id)).toContain('cdk-ci-oidc:guard:adminTrustedByBranch');
  });
});

describe('bad input is named with its path and does not stop the rest', () => {
  const good = (): string => path.join(INPUTS, 'cloudformation', 'ci-roles.template.json');
  test.each([
    ['malformed JSON', 'broken.json', '{ "Resources": ', /^'.*broken\.json' is malformed JSON: /],
    ['malformed YAML', 'broken.yaml', 'Resources:\n  A: [x\n', /^'.*broken\.yaml' is malformed YAML: /],
    ['an unknown YAML tag', 'tag.yaml', 'Resources:\n  A: !Bogus x\n', /^'.*tag\.yaml' is malformed YAML: Unresolved tag: !Bogus at line 2/],
    ['an unknown format', 'other.json', '{ "name": "x" }', /^'.*other\.json' is of an unknown format: not a cloud assembly, a CloudFormation template/],
    ['a raw Terraform state', 'terraform.tfstate.json', '{ "version": 4, "terraform_version": "1.9.5", "resources": [] }', /^'.*terraform\.tfstate\.json' is a raw Terraform state file: pass the output of 'terraform show -json' instead\.$/],
  ])('%s', (_name, file, content, message) => {
    const bad = path.join(writeFiles({ [file]: content }), file);
    const result = report([bad, good(), '--json']);
    // The good input is audited (status 1: its findings), the bad one named on stderr and in the report
    expect(result.status).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(document.summary.roles).toBe(5);
    expect(document.problems).toEqual([{ path: bad, message: expect.stringMatching(message) }]);
    expect(result.stderr).toMatch(new RegExp(`^cdk-ci-oidc: ${message.source.slice(1).replace(/\$$/, '\n$')}`));
    // AND --strict stops the review with status 2
    expect(report([bad, good(), '--json', '--strict']).status).toBe(2);
  });

  test('a file given as the acknowledgements that is a directory is named as such', () => {
    const dir = tempDir();
    expect(report([good(), '--acknowledgements', dir])).toEqual({
      status: 2, stdout: '', stderr: `cdk-ci-oidc: '${dir}' is a directory: --acknowledgements takes a JSON file\n`,
    });
  });

  test('the manifest.json of a cloud assembly stands for its directory', () => {
    const assembly = fixtureAssembly();
    const { document } = json([path.join(assembly, 'manifest.json')]);
    expect(document.inputs).toEqual([{ path: assembly, format: 'cloud-assembly' }]);
    expect(document.summary.roles).toBe(5);
  });
});

describe('--fail-on, acknowledgements and the exit status', () => {
  const warningOnly = (): string => path.join(writeFiles({
    'warning.json': oneRoleTemplate({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:acme/api:pull_request' } }),
  }), 'warning.json');

  test.each([
    [[], 0],
    [['--fail-on', 'error'], 0],
    [['--fail-on', 'warning'], 1],
    [['--fail-on', 'never'], 0],
  ])('a warning with %j exits with %d', (argv, status) => {
    expect(report([warningOnly(), ...argv as string[]]).status).toBe(status);
  });

  test('errors fail unless --fail-on never', () => {
    const file = path.join(INPUTS, 'cloudformation', 'ci-roles.template.json');
    expect(report([file]).status).toBe(1);
    expect(report([file, '--fail-on', 'never']).status).toBe(0);
  });

  test('an acknowledged warning is shown as acknowledged, with its reason, and no longer fails --fail-on warning', () => {
    // GIVEN
    const file = warningOnly();
    const acks = path.join(writeFiles({
      'acks.json': JSON.stringify({ acknowledgements: [{ role: 'ci-role', id: 'cdk-ci-oidc:pullRequestSubject', reason: 'read-only preview role, reviewed 2026-11' }] }),
    }), 'acks.json');
    // WHEN
    const result = report([file, '--acknowledgements', acks, '--fail-on', 'warning', '--no-diagram']);
    // THEN
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('0 errors, 0 warnings, 1 acknowledged warning.');
    expect(result.stdout).toContain('  - **ACKNOWLEDGED WARNING** (reason: read-only preview role, reviewed 2026-11) `cdk-ci-oidc:pullRequestSubject`: ');
    const document = JSON.parse(report([file, '--acknowledgements', acks, '--json']).stdout);
    expect(document.roles[0].findings.map((f: { acknowledged: unknown }) => f.acknowledged)).toEqual([{ reason: 'read-only preview role, reviewed 2026-11' }]);
  });

  test('an error cannot be acknowledged: the acknowledgement is named as matching no warning', () => {
    const file = path.join(writeFiles({ 'open.json': oneRoleTemplate({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } }) }), 'open.json');
    const acks = path.join(writeFiles({
      'acks.json': JSON.stringify({ acknowledgements: [{ role: 'ci-role', id: 'cdk-ci-oidc:guard:missingSub', reason: 'trust me' }] }),
    }), 'acks.json');
    const result = report([file, '--acknowledgements', acks, '--json']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).problems).toEqual([{
      path: acks, message: "the acknowledgement of 'cdk-ci-oidc:guard:missingSub' for 'ci-role' matches no warning of the review (errors cannot be acknowledged)",
    }]);
  });

  test('fails with status 2 for an acknowledgement without a reason', () => {
    const acks = path.join(writeFiles({ 'acks.json': JSON.stringify({ acknowledgements: [{ role: 'ci-role', id: 'cdk-ci-oidc:anyBranch' }] }) }), 'acks.json');
    expect(report([warningOnly(), '--acknowledgements', acks])).toEqual({
      status: 2,
      stdout: '',
      stderr: `cdk-ci-oidc: acknowledgements[0] in '${acks}' has no "reason": each entry names the role, the warning id and the reason it is accepted\n`,
    });
  });
});

describe('--step-summary, the progress line and --version', () => {
  test('--step-summary appends the Markdown report, diagram included, to $GITHUB_STEP_SUMMARY', () => {
    // GIVEN a summary file with a line of an earlier step
    const summary = path.join(tempDir(), 'summary.md');
    fs.writeFileSync(summary, 'earlier step\n');
    const file = path.join(INPUTS, 'cloudformation', 'ci-roles.template.json');
    // WHEN
    const result = report([file, '--format', 'sarif', '--step-summary'], { env: { GITHUB_STEP_SUMMARY: summary } });
    // THEN standard output has the SARIF, the summary the Markdown after the earlier line
    expect(JSON.parse(result.stdout).version).toBe('2.1.0');
    const markdown = report([file]).stdout;
    expect(fs.readFileSync(summary, 'utf8')).toBe(`earlier step\n${markdown}`);
    expect(markdown).toContain('```mermaid\nflowchart LR\n');
  });

  test('fails with status 2 for --step-summary outside GitHub Actions', () => {
    const result = report([path.join(INPUTS, 'terraform', 'state.json'), '--step-summary']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cdk-ci-oidc: --step-summary writes to \$GITHUB_STEP_SUMMARY, which is not set/);
  });

  test('a progress line on a terminal for many files, none when standard error is not one', () => {
    const template = fs.readFileSync(path.join(INPUTS, 'cloudformation', 'ci-roles.template.json'), 'utf8');
    const dir = writeFiles(Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`t${String(i).padStart(2, '0')}.json`, template])));
    const onTerminal = report([dir, '--json'], { stderrIsTty: true });
    expect(onTerminal.stderr).toContain('\rcdk-ci-oidc: reading 1/25 files');
    expect(onTerminal.stderr).toContain('\rcdk-ci-oidc: reading 24/25 files');
    expect(onTerminal.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(report([dir, '--json'], { stderrIsTty: false }).stderr).toBe('');
  });

  test('--version prints the package version', () => {
    const version = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
    expect(report(['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });
});
