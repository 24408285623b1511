import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { BitbucketOidcProvider, BitbucketRepository, CiDeployRole, CircleCiOidcProvider, CircleCiProject } from '../../src';
import { explain } from '../../src/cli/explain';
import { bitbucketToken, ENVIRONMENT, OTHER_ENVIRONMENT, REPOSITORY, WORKSPACE_UUID } from '../fixtures/tokens/bitbucket-token';
import { circleCiToken, ORG, PROJECT } from '../fixtures/tokens/circleci-token';

const CIRCLECI = `oidc.circleci.com/org/${ORG}`;
const BITBUCKET = 'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ci-oidc-explain-'));
  dirs.push(dir);
  return dir;
}

/** A CircleCI branch role and a Bitbucket environment role, synthesized. */
function assembly(): string {
  const outdir = tempDir();
  const app = new App({ outdir });
  const stack = new Stack(app, 'Deploy');
  new CiDeployRole(stack, 'Main', {
    provider: new CircleCiOidcProvider(stack, 'CircleCi', { organizationId: ORG }),
    subjects: [CircleCiProject.of({ organizationId: ORG, projectId: PROJECT, vcsOrigin: 'github.com/acme/api' }).branch('main')],
  });
  new CiDeployRole(stack, 'Production', {
    provider: new BitbucketOidcProvider(stack, 'Bitbucket', { workspace: 'acme', workspaceUuid: WORKSPACE_UUID }),
    subjects: [BitbucketRepository.of(REPOSITORY).environment(ENVIRONMENT)],
  });
  app.synth();
  return outdir;
}

function run(token: Record<string, unknown>, dir: string): { status: number; stdout: string } {
  const file = path.join(tempDir(), 'token');
  fs.writeFileSync(file, JSON.stringify(token));
  let stdout = '';
  const status = explain(['--claims', file, dir], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
  return { status, stdout };
}

describe('explain with CircleCI and Bitbucket tokens', () => {
  const dir = assembly();

  test('a CircleCI push to main is admitted by the CircleCI role: STS passes the project id, the sub matches', () => {
    const result = run(circleCiToken(), dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Token of ${CIRCLECI} (CircleCI (per-organization issuer))`);
    expect(result.stdout).toContain('Deploy/Main: ADMITTED (Statement[0] allows it)');
    // The claims STS passes for the issuer: the project id besides sub and aud.
    expect(result.stdout).toContain(`  oidc.circleci.com/project-id ${PROJECT}\n`);
    expect(result.stdout).toContain('Admitted by 1 of 2 CI roles');
  });

  test("a fork's branch spelling the trusted origin is refused, and explain names the sub condition", () => {
    const result = run(circleCiToken({ vcsOrigin: 'github.com/evil/api', vcsRef: 'refs/heads/x/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/main' }), dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Deploy/Main: REFUSED (no Allow statement applies to it)');
    expect(result.stdout).toContain(`    FAILED StringLike ${CIRCLECI}:sub:`);
  });

  test('a Bitbucket step deploying to another environment is refused', () => {
    expect(run(bitbucketToken({ environmentUuid: ENVIRONMENT }), dir).stdout).toContain('Deploy/Production: ADMITTED (Statement[0] allows it)');
    const refused = run(bitbucketToken({ environmentUuid: OTHER_ENVIRONMENT }), dir);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain(`    FAILED StringLike ${BITBUCKET}:sub:`);
  });
});
