import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { OrganizationStack } from '../../examples/organization-stack';
import { CiTrustGuard } from '../../src';
import { main } from '../../src/cli/report';

describe('the organization example', () => {
  let outdir: string;
  let stack: OrganizationStack;
  beforeAll(() => {
    // GIVEN the example stack with the guard on, as in examples/app.ts
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ci-oidc-organization-'));
    const app = new App({ outdir });
    stack = new OrganizationStack(app, 'OrganizationExample');
    Aspects.of(app).add(new CiTrustGuard());
    app.synth();
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('one StackSet for three OUs, the management account baseline and the guardrail', () => {
    const template = Template.fromStack(stack).toJSON();
    const types = Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type).sort();
    expect(types).toEqual([
      'AWS::CloudFormation::StackSet',
      'AWS::IAM::OIDCProvider', 'AWS::IAM::OIDCProvider',
      'AWS::IAM::Role',
      'AWS::Organizations::Policy',
    ]);
    const stackSet = Object.values(template.Resources as Record<string, any>).find((r) => r.Type === 'AWS::CloudFormation::StackSet');
    expect(stackSet.Properties.StackInstancesGroup.map((group: any) => group.ParameterOverrides[0].ParameterValue)).toEqual(['sandbox', 'workloads', 'production']);
    const inner = JSON.parse(stackSet.Properties.TemplateBody);
    const innerRoles = Object.values(inner.Resources as Record<string, any>).filter((r) => r.Type === 'AWS::IAM::Role');
    expect(innerRoles.map((role) => role.Condition === undefined ? 'every account' : inner.Conditions[role.Condition])).toEqual([
      'every account',
      { 'Fn::Equals': [{ Ref: 'AccountEnvironment' }, 'production'] },
      { 'Fn::Equals': [{ Ref: 'AccountEnvironment' }, 'production'] },
    ]);
  });

  test('passes the guard: no error, and the plan role\'s warning is acknowledged', () => {
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('the report lists the StackSet roles and the management account role', () => {
    let stdout = '';
    const status = main(['report', outdir, '--json'], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
    const report = JSON.parse(stdout);
    expect(status).toBe(0);
    expect(report.summary).toEqual({ inputs: 1, stacks: 2, roles: 4, errors: 0, warnings: 2, acknowledged: 0, problems: 0 });
    expect(report.roles.map((role: { role: string }) => role.role.replace(/[0-9A-F]{8}$/, ''))).toEqual([
      'OrganizationExample/ManagementAccount/Plan',
      'OrganizationExample/CiOidc/BaselinePlan',
      'OrganizationExample/CiOidc/BaselineDeploy',
      'OrganizationExample/CiOidc/BaselineGitLabDeploy',
    ]);
  });
});
