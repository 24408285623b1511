import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main, ReportIo } from '../../src/cli/report';

/** The fixtures of test/fixtures/audit-inputs. */
export const INPUTS = path.join(__dirname, '..', 'fixtures', 'audit-inputs');

export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `cdk-ci-oidc report ...` in memory. */
export function report(argv: string[], io: Partial<ReportIo> = {}): Run {
  let stdout = '';
  let stderr = '';
  const status = main(['report', ...argv], { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; }, env: {}, ...io });
  return { status, stdout, stderr };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A fresh directory, removed after the tests. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ci-oidc-inputs-'));
  dirs.push(dir);
  return dir;
}

/** Writes files (name → content) into a fresh directory and returns it. */
export function writeFiles(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** A CloudFormation template of one role with the given trust conditions (GitHub Actions). */
export function oneRoleTemplate(condition: Record<string, unknown>): string {
  return JSON.stringify({
    Resources: {
      CiRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: 'ci-role',
          AssumeRolePolicyDocument: {
            Statement: [{
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: condition,
            }],
          },
        },
      },
    },
  });
}
