import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { CiDeployRole, GenericOidcProvider, GenericSubject } from '../../src';
import { main } from '../../src/cli/report';

function run(...argv: string[]): { status: number; stdout: string } {
  let stdout = '';
  const status = main(argv, { stdout: (text) => { stdout += text; }, stderr: () => undefined });
  return { status, stdout };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function synth(build: (stack: Stack) => void): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ci-oidc-report-generic-'));
  dirs.push(outdir);
  const app = new App({ outdir });
  build(new Stack(app, 'Generic'));
  app.synth();
  return outdir;
}

describe('cdk-ci-oidc report and generic issuers', () => {
  test('a shared issuer known by name (Scalr) trusted without sub is reported', () => {
    const assembly = synth((stack) => new iam.Role(stack, 'Role', {
      assumedBy: new iam.WebIdentityPrincipal('arn:aws:iam::123456789012:oidc-provider/scalr.io', { StringEquals: { 'scalr.io:aud': 'scalr-aws' } }),
    }));
    const result = run('report', '--json', assembly);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.roles.map((r: { trusts: Array<{ provider: string; platform: string }>; findings: Array<{ id: string }> }) =>
      [r.trusts.map((t) => `${t.provider} ${t.platform}`), r.findings.map((f) => f.id)]))
      .toEqual([[['scalr.io generic'], ['cdk-ci-oidc:guard:missingSub']]]);
  });

  test('--generic-issuer names a team\'s own issuer: its roles are listed, its exact subjects read without a finding', () => {
    const assembly = synth((stack) => {
      const provider = new GenericOidcProvider(stack, 'Jenkins', { url: 'https://jenkins.example.com/oidc' });
      new CiDeployRole(stack, 'Deploy', { provider, subjects: [GenericSubject.exact('https://jenkins.example.com/job/deploy/')] });
    });
    expect(JSON.parse(run('report', '--json', assembly).stdout).summary.roles).toBe(0);
    const report = JSON.parse(run('report', '--json', '--generic-issuer', 'jenkins.example.com/oidc', assembly).stdout);
    expect(report.summary.roles).toBe(1);
    expect(report.roles[0].trusts.map((t: { provider: string; platform: string }) => [t.provider, t.platform])).toEqual([['jenkins.example.com/oidc', 'generic']]);
    expect(report.roles[0].findings).toEqual([]);
  });
});
