import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { PlatformStack } from '../../examples/platform-stack';
import { CiTrustGuard } from '../../src';
import { main } from '../../src/cli/report';

describe('the platform example', () => {
  let outdir: string;
  let stack: PlatformStack;
  beforeAll(() => {
    // GIVEN the example stack with the guard on, as in examples/app.ts
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ci-oidc-platform-'));
    const app = new App({ outdir });
    stack = new PlatformStack(app, 'PlatformExample');
    Aspects.of(app).add(new CiTrustGuard());
    app.synth();
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('has one provider per platform and twenty roles', () => {
    const template = Template.fromStack(stack);
    expect(Object.values(template.findResources('AWS::IAM::OIDCProvider')).map((r) => r.Properties.Url).sort())
      .toEqual(['https://gitlab.com', 'https://token.actions.githubusercontent.com']);
    template.resourceCountIs('AWS::IAM::Role', 20);
  });

  test('passes the guard: no error, and the one warning is acknowledged', () => {
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('the report lists every role, and the acknowledged pull request warning', () => {
    let stdout = '';
    const status = main(['report', outdir, '--json'], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
    const report = JSON.parse(stdout);
    expect(status).toBe(0);
    expect(report.summary).toEqual({ inputs: 1, stacks: 1, roles: 20, errors: 0, warnings: 1, acknowledged: 0, problems: 0 });
    expect(report.roles.flatMap((role: { role: string; findings: Array<{ id: string }> }) => role.findings.map((f) => [role.role, f.id])))
      .toEqual([['PlatformExample/storefront-preview', 'cdk-ci-oidc:pullRequestSubject']]);
  });
});
