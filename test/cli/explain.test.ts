import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { CiDeployRole, GitHubIssuer, GitHubOidcProvider, GitHubRepository, GitLabOidcProvider, GitLabProject } from '../../src';
import { explain } from '../../src/cli/explain';
import { temporaryDirectories } from '../fixtures/account-stack';
import { gitHubToken } from '../fixtures/tokens/github-token';
import { gitLabToken } from '../fixtures/tokens/gitlab-token';

const GH = 'token.actions.githubusercontent.com';
const IDS = { ownerId: 1234567, repositoryId: 89012345 };

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(...argv: string[]): Run {
  let stdout = '';
  let stderr = '';
  const status = explain(argv, { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; } });
  return { status, stdout, stderr };
}

const tempDir = temporaryDirectories('cdk-ci-oidc-explain');

function synth(build: (stack: Stack) => void): string {
  const outdir = tempDir();
  const app = new App({ outdir });
  build(new Stack(app, 'Deploy'));
  app.synth();
  return outdir;
}

/** A GitHub environment role and a GitLab tag role. */
function deployApp(stack: Stack): void {
  new CiDeployRole(stack, 'Production', {
    provider: new GitHubOidcProvider(stack, 'GitHub'),
    subjects: [GitHubRepository.of('acme/api', IDS).environment('production')],
  });
  new CiDeployRole(stack, 'Release', {
    provider: new GitLabOidcProvider(stack, 'GitLab'), requireProtectedRef: true, subjects: [GitLabProject.of('acme/platform/api').tag('v*')],
  });
}

/** Writes a token file: claims as JSON, or any text. */
function tokenFile(content: Record<string, unknown> | string): string {
  const file = path.join(tempDir(), 'token');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** A JWT of the claims, with a signature nobody checks. */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'test' })}.${part(claims)}.${Buffer.from('not a real signature').toString('base64url')}`;
}

const productionToken = gitHubToken({ repository: 'acme/api', ...IDS, environment: 'production' });
const mainToken = gitHubToken({ repository: 'acme/api', ...IDS });

describe('explain --claims', () => {
  test('says which role admits the token, and that the other trusts another provider', () => {
    // GIVEN
    const assembly = synth(deployApp);
    // WHEN
    const result = run('--claims', tokenFile(productionToken), assembly);
    // THEN
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').slice(13)).toEqual([
      'Deploy/Production: ADMITTED (Statement[0] allows it)',
      `  Statement[0] Allow, provider ${GH}: applies`,
      '',
      'Deploy/Release: REFUSED (no Allow statement applies to it)',
      `  Statement[0] Allow, provider gitlab.com: does not apply (the statement trusts the provider 'gitlab.com', but the token's issuer is '${GH}' (STS picks the provider by the token's iss))`,
      '',
      `Admitted by 1 of 2 CI roles in '${assembly}'.`,
      '',
    ]);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([
      `Token of ${GH} (github.com)`,
      '  sub                  repo:acme/api:environment:production',
      '  aud                  sts.amazonaws.com',
    ]);
  });

  test('fails with status 1 and names the failing condition and what the token would have needed', () => {
    // GIVEN a push to main, no environment
    const assembly = synth(deployApp);
    // WHEN
    const result = run('--claims', tokenFile(mainToken), assembly);
    // THEN
    expect(result.status).toBe(1);
    const production = result.stdout.slice(result.stdout.indexOf('Deploy/Production:'), result.stdout.indexOf('Deploy/Release:'));
    expect(production.split('\n')).toEqual([
      'Deploy/Production: REFUSED (no Allow statement applies to it)',
      `  Statement[0] Allow, provider ${GH}: does not apply`,
      `    ok     StringEquals ${GH}:aud: the token has "sts.amazonaws.com", as required`,
      `    ok     StringEquals ${GH}:repository_id: the token has "89012345", as required`,
      `    ok     StringEquals ${GH}:repository_owner_id: the token has "1234567", as required`,
      `    FAILED StringEquals ${GH}:sub: the token has "repo:acme/api:ref:refs/heads/main"; it would have needed to equal ` +
        '"repo:acme/api:environment:production" or "repo:acme@1234567/api@89012345:environment:production"',
      '',
      '',
    ]);
    expect(result.stdout).toContain(`Admitted by 0 of 2 CI roles in '${assembly}'.`);
  });

  test('a claim STS does not pass for the issuer is missing: the condition fails, and explain says why', () => {
    // GIVEN a hand-written GHES role that pins repository_id, which AWS passes only for github.com
    const ghes = 'github.example.com/_services/token';
    const assembly = synth((stack) => {
      new iam.CfnRole(stack, 'Ghes', {
        assumeRolePolicyDocument: {
          Statement: [{
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ghes}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { [`${ghes}:aud`]: 'sts.amazonaws.com', [`${ghes}:sub`]: 'repo:acme/api:ref:refs/heads/main', [`${ghes}:repository_id`]: '89012345' },
            },
          }],
        },
      });
    });
    const token = gitHubToken({ repository: 'acme/api', ...IDS, issuer: `https://${ghes}` });
    // WHEN
    const result = run('--claims', tokenFile(token), assembly);
    // THEN
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`    FAILED StringEquals ${ghes}:repository_id: the key is missing: STS does not pass the claim 'repository_id' ` +
      `for GitHub Enterprise Server ('${ghes}') (it passes aud, sub), so no token of this issuer meets the condition. ` +
      'The token would have needed \'repository_id\' to equal "89012345"');
    expect(result.stdout).toContain(`    ok     StringEquals ${ghes}:sub: the token has "repo:acme/api:ref:refs/heads/main", as required`);
  });

  test('an explicit Deny wins over the Allow', () => {
    // GIVEN
    const assembly = synth((stack) => {
      const role = new CiDeployRole(stack, 'Any', {
        provider: new GitHubOidcProvider(stack, 'GitHub'), subjects: [GitHubRepository.of('acme/api').branch('*')],
      });
      role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.FederatedPrincipal(`arn:aws:iam::123456789012:oidc-provider/${GH}`)],
        actions: ['sts:AssumeRoleWithWebIdentity'],
        conditions: { StringLike: { [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/experiment/*' } },
      }));
    });
    // WHEN
    const denied = run('--claims', tokenFile(gitHubToken({ repository: 'acme/api', ref: 'refs/heads/experiment/x' })), assembly);
    const admitted = run('--claims', tokenFile(gitHubToken({ repository: 'acme/api', ref: 'refs/heads/feature' })), assembly);
    // THEN
    expect(denied.status).toBe(1);
    expect(denied.stdout).toContain('Deploy/Any: REFUSED (Statement[1] denies it explicitly)');
    expect(admitted.status).toBe(0);
    expect(admitted.stdout).toContain('Deploy/Any: ADMITTED (Statement[0] allows it)');
  });

  test('status 3 when the decision needs more than the token tells (a global condition key)', () => {
    // GIVEN a role that also requires a source IP range
    const assembly = synth((stack) => {
      new iam.CfnRole(stack, 'Ip', {
        assumeRolePolicyDocument: {
          Statement: [{
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${GH}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/api:ref:refs/heads/main' },
              IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
            },
          }],
        },
      });
    });
    // WHEN
    const result = run('--claims', tokenFile(mainToken), assembly);
    // THEN
    expect(result.status).toBe(3);
    expect(result.stdout).toContain('Deploy/Ip: CANNOT DECIDE (the decision depends on Statement[0], which cannot be evaluated from the token alone)');
    expect(result.stdout).toContain('    ??     IpAddress aws:SourceIp: the operator IpAddress is not evaluated here (only the string operators and Null)');
  });

  test('reads a JWT without checking its signature, and says so', () => {
    // GIVEN
    const assembly = synth(deployApp);
    // WHEN
    const text = run('--claims', tokenFile(jwt(productionToken)), assembly);
    const json = run('--claims', tokenFile(`  ${jwt(productionToken)}\n`), assembly, '--json');
    const endpointResponse = run('--claims', tokenFile({ count: 1, value: jwt(productionToken) }), assembly);
    // THEN
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe("Note: The JWT's signature was not checked: explain only reads its claims. " +
      'STS checks the signature, the expiry and the audience list of the provider too.');
    expect(JSON.parse(json.stdout).token).toMatchObject({ form: 'jwt', signatureChecked: false, issuer: GH, platform: 'github' });
    expect(endpointResponse.stdout).toContain("The JWT's signature was not checked");
    // and decoded claims carry no such note
    expect(run('--claims', tokenFile(productionToken), assembly).stdout).not.toContain('signature');
  });

  test('prints JSON with a summary and every check', () => {
    // GIVEN
    const assembly = synth(deployApp);
    const token = gitLabToken({ project: 'acme/platform/api', ref: 'v1.2.0', refType: 'tag', refProtected: false });
    // WHEN
    const result = run('--claims', tokenFile(token), assembly, '--json');
    // THEN
    expect(result.status).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(document.summary).toEqual({ roles: 2, admitted: 0, refused: 2, unknown: 0 });
    const release = document.roles.find((r: { role: string }) => r.role === 'Deploy/Release');
    expect(release.verdict).toBe('refused');
    expect(release.statements[0].conditions.filter((c: { result: string }) => c.result === 'failed')).toEqual([{
      operator: 'StringEquals',
      key: 'gitlab.com:ref_protected',
      values: ['true'],
      actual: 'false',
      result: 'failed',
      why: 'the token has "false"; it would have needed to equal "true"',
    }]);
  });

  test('--role limits the decision to one role and its exit status', () => {
    // GIVEN
    const assembly = synth(deployApp);
    const file = tokenFile(productionToken);
    // WHEN
    const production = run('--claims', file, '--role', 'Deploy/Production', assembly);
    const release = run('--claims', file, '--role', 'Deploy/Release', assembly);
    // THEN
    expect(production.status).toBe(0);
    expect(production.stdout).not.toContain('Deploy/Release');
    expect(release.status).toBe(1);
    expect(release.stdout).toContain(`Admitted by 0 of 1 CI role in '${assembly}'.`);
  });

  test('escapes control characters of the template and the token', () => {
    // GIVEN a subject and a token claim with an ANSI escape sequence and a line break
    const assembly = synth((stack) => {
      new iam.CfnRole(stack, 'Odd', {
        assumeRolePolicyDocument: {
          Statement: [{
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${GH}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/api:\u001b[31mred\nnext' } },
          }],
        },
      });
    });
    const token = { ...mainToken, sub: 'repo:acme/api:\u001b]0;title\u0007' };
    // WHEN
    const claims = run('--claims', tokenFile(token), assembly);
    const wants = run('--role', 'Deploy/Odd', assembly);
    // THEN
    for (const output of [claims.stdout, wants.stdout]) {
      expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    }
    expect(claims.stdout).toContain('\\u001b]0;title\\u0007');
    expect(wants.stdout).toContain('"repo:acme/api:\\u001b[31mred\\nnext"');
  });
});

describe('explain --role', () => {
  test('lists the claims the role wants, with the subjects in plain words', () => {
    // GIVEN
    const assembly = synth(deployApp);
    // WHEN
    const result = run('--role', 'Deploy/Release', assembly);
    // THEN
    expect(result).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        'Deploy/Release admits a web identity token when one Allow statement applies and no Deny statement does:',
        '  Statement[0] Allow: tokens of gitlab.com',
        '    aud                  StringEquals "sts.amazonaws.com"',
        '    ref_protected        StringEquals "true"',
        '    sub                  StringLike "project_path:acme/platform/api:ref_type:tag:ref:v*" (acme/platform/api, tag v*)',
        '',
      ].join('\n'),
    });
  });

  test('says when a wanted claim is never passed for the issuer, and prints JSON', () => {
    // GIVEN a GHE.com role whose statement pins a claim AWS does not pass for GHE.com
    const issuer = 'token.actions.octocorp.ghe.com';
    const assembly = synth((stack) => {
      const role = new CiDeployRole(stack, 'Residency', {
        provider: new GitHubOidcProvider(stack, 'GitHub', { issuer: GitHubIssuer.dataResidency('octocorp') }),
        subjects: [GitHubRepository.of('acme/api').branch('main')],
      });
      (role.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition.StringEquals', {
        [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: 'repo:acme/api:ref:refs/heads/main', [`${issuer}:repository_id`]: '1',
      });
    });
    // WHEN
    const text = run('--role', 'Deploy/Residency', assembly);
    const json = run('--role', 'Deploy/Residency', assembly, '--json');
    // THEN
    expect(text.stdout).toContain("    repository_id        StringEquals \"1\"\n                         never met: STS does not pass the claim 'repository_id' " +
      'for GHE.com (data residency) (only aud, sub)');
    expect(JSON.parse(json.stdout)).toMatchObject({
      role: 'Deploy/Residency',
      statements: [{ index: 0, effect: 'Allow', provider: issuer, issuerFamily: 'GHE.com (data residency)' }],
    });
  });
});

describe('explain: usage and bad input', () => {
  test.each([
    [[], 'give --claims FILE (is the token admitted?) or --role PATH (what does the role want?)'],
    [['--claims'], '--claims needs a value, e.g. --claims token.json (or - for standard input)'],
    [['--role'], '--role needs a value, e.g. --role Deploy/DeployRole'],
    [['--role', '--json'], '--role needs a value, e.g. --role Deploy/DeployRole'],
    [['--claims', 'a', '--bogus'], "unknown option '--bogus'"],
  ])('fails with status 2 for %j', (argv, message) => {
    const result = run(...argv);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith(`cdk-ci-oidc explain: ${message}\n\nUsage: cdk-ci-oidc explain --claims FILE`)).toBe(true);
  });

  test('prints the usage, with the exit codes, for --help', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: cdk-ci-oidc explain --claims FILE \[INPUT\.\.\.\]/);
    expect(result.stdout).toContain('Examples:\n  cdk-ci-oidc explain --claims claims.json cdk.out\n');
    expect(result.stdout).toContain('A JWT\'s signature is NOT checked');
    expect(result.stdout).toContain('Exit status: 0 a role admits the token');
  });

  test.each([
    ['no file', undefined, "cannot read the token from '"],
    ['neither JWT nor JSON', 'hello', 'the token is neither a JWT (header.payload.signature) nor a JSON object of claims'],
    ['broken JSON', '{"iss": ', 'the token is neither a JWT nor valid JSON: '],
    ['an encrypted JWT', 'a.b.c.d.e', 'the token is an encrypted JWT (JWE, five parts)'],
    ['a JWT whose payload is no JSON', `eyJhbGciOiJSUzI1NiJ9.${Buffer.from('nope').toString('base64url')}.c2ln`, "the JWT's payload is not base64url-encoded JSON"],
    ['claims without iss', JSON.stringify({ sub: 'repo:acme/api:ref:refs/heads/main', aud: 'sts.amazonaws.com' }), "the token has no https issuer ('iss' is missing)"],
    ['an http issuer', JSON.stringify({ iss: 'http://gitlab.example.com', sub: 'x' }), 'the token has no https issuer (\'iss\' is "http://gitlab.example.com")'],
  ])('fails with status 2 for a token that is %s', (_name, content, message) => {
    const assembly = synth(deployApp);
    const file = content === undefined ? path.join(tempDir(), 'missing.json') : tokenFile(content);
    const result = run('--claims', file, assembly);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`cdk-ci-oidc explain: ${message}`);
  });

  test('fails with status 2 for an unknown role, and lists the CI roles', () => {
    const assembly = synth(deployApp);
    const result = run('--role', 'Deploy/Nope', assembly);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`cdk-ci-oidc explain: no CI role 'Deploy/Nope' in '${assembly}'. CI roles: Deploy/Production, Deploy/Release.\n`);
  });

  test('fails with status 2 for a missing assembly', () => {
    const result = run('--role', 'Deploy/Production', path.join(tempDir(), 'cdk.out'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cdk-ci-oidc explain: No input at '.*': no such file or directory/);
  });

  test('fails with status 2 for a directory given as the token file', () => {
    const dir = tempDir();
    const result = run('--claims', dir, synth(deployApp));
    expect(result).toEqual({ status: 2, stdout: '', stderr: `cdk-ci-oidc explain: '${dir}' is a directory: --claims takes a file holding the token (or - for standard input)\n` });
  });

  test('the cdk-ci-oidc command runs explain, with its exit status, reading the token from standard input', () => {
    // GIVEN
    const assembly = synth(deployApp);
    // WHEN the command's source runs in its own Node.js process (tsx compiles it)
    const refused = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'explain', '--claims', '-', assembly],
      { encoding: 'utf8', cwd: path.join(__dirname, '..', '..'), input: jwt(mainToken) });
    // THEN
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('Deploy/Production: REFUSED');
    expect(refused.stdout).toContain("The JWT's signature was not checked");
  });
});
