import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { BitbucketOidcProvider, BitbucketRepository, CiDeployRole, CircleCiOidcProvider, CircleCiProject } from '../../src';
import { main } from '../../src/cli/report';
import { ENVIRONMENT, REPOSITORY, WORKSPACE_UUID } from '../fixtures/tokens/bitbucket-token';
import { ORG, PROJECT } from '../fixtures/tokens/circleci-token';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** The report of an app with a CircleCI and a Bitbucket role, in the given format. */
function report(format: 'markdown' | 'json'): { status: number; stdout: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ci-oidc-report-'));
  dirs.push(outdir);
  const app = new App({ outdir });
  const stack = new Stack(app, 'Deploy');
  const circleci = new CircleCiOidcProvider(stack, 'CircleCi', { organizationId: ORG });
  const api = CircleCiProject.of({ organizationId: ORG, projectId: PROJECT, vcsOrigin: 'github.com/acme/api' });
  const release = new CiDeployRole(stack, 'Release', { provider: circleci, subjects: [api.tag('v*')] });
  release.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
  const bitbucket = new BitbucketOidcProvider(stack, 'Bitbucket', { workspace: 'acme', workspaceUuid: WORKSPACE_UUID });
  new CiDeployRole(stack, 'Production', { provider: bitbucket, subjects: [BitbucketRepository.of(REPOSITORY).environment(ENVIRONMENT)] });
  app.synth();
  let stdout = '';
  const status = main(['report', outdir, ...(format === 'json' ? ['--json'] : [])], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
  return { status, stdout };
}

describe('report on CircleCI and Bitbucket roles', () => {
  test('names the platform, the provider, the audience and the subjects in plain words; the admin finding for a tag trust', () => {
    // WHEN
    const { status, stdout } = report('markdown');

    // THEN
    expect(status).toBe(0);
    expect(stdout).toContain([
      '### Deploy/Release',
      '',
      `- Provider: \`oidc.circleci.com/org/${ORG}\` (CircleCI), audience \`${ORG}\``,
      '- Subjects:',
      `  - CircleCI project ${PROJECT} (github.com/acme/api), tag v* (StringLike ` +
        `\`org/${ORG}/project/${PROJECT}/user/????????-????-????-????-????????????/vcs-origin/github.com/acme/api/vcs-ref/refs/tags/v*\`)`,
      `- Pinned claims: \`oidc.circleci.com/project-id\` = \`${PROJECT}\``,
    ].join('\n'));
    expect(stdout).toContain([
      '### Deploy/Production',
      '',
      '- Provider: `api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc` (Bitbucket Pipelines), ' +
        `audience \`ari:cloud:bitbucket::workspace/${WORKSPACE_UUID}\``,
      '- Subjects:',
      `  - Bitbucket repository ${REPOSITORY}, environment ${ENVIRONMENT} (StringLike \`${REPOSITORY}${ENVIRONMENT}:{????????-????-????-????-????????????}\`)`,
    ].join('\n'));
    expect(stdout).toContain('cdk-ci-oidc:guard:adminTrustedByBranch');
  });

  test('the JSON report gives each trust its platform id', () => {
    const { stdout } = report('json');
    const roles = JSON.parse(stdout).roles;
    expect(roles.map((r: any) => [r.role, r.trusts.map((t: any) => t.platform)])).toEqual([
      ['Deploy/Release', ['circleci']],
      ['Deploy/Production', ['bitbucket']],
    ]);
  });
});
