'use strict';
/**
 * The access review at scale: generates 50 `aws iam get-account-authorization-details` exports
 * holding 10,000 roles in total (a CI role in four, a third of those misconfigured, the rest
 * service roles with inline and managed policies), then times `cdk-ci-oidc report` over the
 * directory in a fresh Node.js process per run, for each output format, and reports wall time
 * and peak memory (maxRSS). Writes bench/AUDIT.md (bench/out/AUDIT.quick.md with --quick).
 *
 *   node bench/audit-report.js [--quick] [--accounts N] [--roles N] [--runs N]
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensureLib } = require('./build-lib');

const ROOT = path.join(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const quick = args.includes('--quick');
const ACCOUNTS = flag('accounts', 50);
const ROLES = flag('roles', 10000);
const RUNS = flag('runs', quick ? 3 : 5);
const GH = 'token.actions.githubusercontent.com';

/** A deterministic pseudo-random sequence, so every run audits the same exports. */
function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function trust(account, issuer, condition) {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${issuer}` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
  };
}

/** The trust of the n-th CI role: clean ones (environment, protected GitLab tags) and the published misconfigurations. */
function ciTrust(account, n) {
  const repo = `acme/service-${n % 97}`;
  const aud = { [`${GH}:aud`]: 'sts.amazonaws.com' };
  switch (n % 9) {
    case 0: return trust(account, GH, { StringEquals: aud });
    case 1: return trust(account, GH, { StringEquals: aud, StringLike: { [`${GH}:sub`]: 'repo:acme*' } });
    case 2: return trust(account, GH, { 'StringEquals': aud, 'ForAllValues:StringLike': { [`${GH}:sub`]: `repo:${repo}:*` } });
    case 3: return trust(account, 'gitlab.com', { StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com' }, StringLike: { 'gitlab.com:sub': `project_path:${repo}:*` } });
    case 4: return trust(account, 'gitlab.com', {
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com', 'gitlab.com:ref_protected': 'true' },
      StringLike: { 'gitlab.com:sub': `project_path:${repo}:ref_type:tag:ref:v*` },
    });
    default: return trust(account, GH, { StringEquals: { ...aud, [`${GH}:sub`]: [`repo:${repo}:environment:production`, `repo:${repo}:environment:staging`] } });
  }
}

function serviceTrust(n) {
  const service = ['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com', 'states.amazonaws.com'][n % 4];
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] };
}

function exportOf(accountIndex, roleCount) {
  const account = String(100000000000 + accountIndex * 7919).padStart(12, '0');
  const next = random(accountIndex + 1);
  const customer = Array.from({ length: 30 }, (_, i) => ({
    PolicyName: `team-policy-${i}`,
    PolicyId: `ANPA${String(accountIndex * 100 + i).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${account}:policy/team-policy-${i}`,
    Path: '/', DefaultVersionId: 'v1', AttachmentCount: 1, PermissionsBoundaryUsageCount: 0, IsAttachable: true,
    CreateDate: '2024-01-01T00:00:00+00:00', UpdateDate: '2024-01-01T00:00:00+00:00',
    PolicyVersionList: [{
      Document: encodeURIComponent(JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: i % 10 === 0 ? 'iam:*' : [`s3:GetObject`, `s3:PutObject`, `dynamodb:Query`], Resource: i % 10 === 0 ? '*' : `arn:aws:s3:::bucket-${i}/*` }],
      })),
      VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2024-01-01T00:00:00+00:00',
    }],
  }));
  const roles = Array.from({ length: roleCount }, (_, n) => {
    const ci = n % 4 === 0;
    const name = ci ? `ci-deploy-${n}` : `service-${n}`;
    const attached = [];
    if (next() < 0.5) {
      const policy = customer[Math.floor(next() * customer.length)];
      attached.push({ PolicyName: policy.PolicyName, PolicyArn: policy.Arn });
    }
    if (next() < 0.1) {
      attached.push({ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
    }
    return {
      Path: '/', RoleName: name, RoleId: `AROA${String(accountIndex * 100000 + n).padStart(17, '0')}`,
      Arn: `arn:aws:iam::${account}:role/${name}`, CreateDate: '2024-01-01T00:00:00+00:00',
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(ci ? ciTrust(account, n / 4) : serviceTrust(n))),
      InstanceProfileList: [],
      RolePolicyList: [{
        PolicyName: 'inline',
        PolicyDocument: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }] })),
      }],
      AttachedManagedPolicies: attached, Tags: [], RoleLastUsed: {},
    };
  });
  return { UserDetailList: [], GroupDetailList: [], RoleDetailList: roles, Policies: customer };
}

function generate(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let a = 0; a < ACCOUNTS; a++) {
    const count = Math.floor(ROLES / ACCOUNTS) + (a < ROLES % ACCOUNTS ? 1 : 0);
    const text = JSON.stringify(exportOf(a, count), undefined, 2);
    bytes += text.length;
    fs.writeFileSync(path.join(dir, `account-${String(a).padStart(2, '0')}.json`), text);
  }
  return bytes;
}

/** One run in a fresh process: the in-process time of `main` and the whole process's wall time and maxRSS. */
function measure(libDir, dir, format) {
  const script = `
    const { main } = require(${JSON.stringify(path.join(libDir, 'cli', 'report.js'))});
    const start = process.hrtime.bigint();
    let bytes = 0;
    const status = main(['report', ${JSON.stringify(dir)}, '--format', ${JSON.stringify(format)}], { stdout: (t) => { bytes += t.length; }, stderr: () => undefined, env: {} });
    const reportMs = Number(process.hrtime.bigint() - start) / 1e6;
    process.stdout.write(JSON.stringify({ status, bytes, reportMs, maxRssKb: process.resourceUsage().maxRSS }));`;
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const processMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) {
    throw new Error(`the run failed: ${child.stderr}`);
  }
  return { ...JSON.parse(child.stdout), processMs };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function mainRun() {
  const libDir = ensureLib(console.error);
  const dir = path.join(ROOT, 'bench', 'out', 'audit-exports');
  const inputBytes = generate(dir);
  console.error(`${ACCOUNTS} exports, ${ROLES} roles, ${(inputBytes / 1e6).toFixed(1)} MB in ${dir}`);
  const rows = [];
  for (const format of ['json', 'markdown', 'sarif']) {
    measure(libDir, dir, format); // warm the file cache
    const runs = Array.from({ length: RUNS }, () => measure(libDir, dir, format));
    const row = {
      format,
      reportMs: median(runs.map((r) => r.reportMs)),
      processMs: median(runs.map((r) => r.processMs)),
      maxRssMb: median(runs.map((r) => r.maxRssKb)) / 1024,
      outputMb: runs[0].bytes / 1e6,
      status: runs[0].status,
    };
    rows.push(row);
    console.error(`${format}: report ${row.reportMs.toFixed(0)} ms, process ${row.processMs.toFixed(0)} ms, peak ${row.maxRssMb.toFixed(0)} MB`);
  }
  const ciRoles = Math.ceil(ROLES / 4);
  const lines = [
    '# The access review at scale',
    '',
    `\`node bench/audit-report.js${quick ? ' --quick' : ''}\`: ${ACCOUNTS} \`get-account-authorization-details\` exports (policy documents URL-encoded, as the API returns them), ` +
    `${ROLES.toLocaleString('en-US')} roles in total, ${ciRoles.toLocaleString('en-US')} of them trusting GitHub Actions or GitLab (a third misconfigured), ` +
    `${(inputBytes / 1e6).toFixed(1)} MB of JSON; \`cdk-ci-oidc report <dir>\` from the compiled \`lib/\`, one fresh Node.js ${process.version} process per run, ` +
    `median of ${RUNS} runs, on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB.`,
    '',
    '| format | report (in process) | process wall time | peak memory (maxRSS) | output | exit status |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.format} | ${(r.reportMs / 1000).toFixed(2)} s | ${(r.processMs / 1000).toFixed(2)} s | ${r.maxRssMb.toFixed(0)} MB | ${r.outputMb.toFixed(1)} MB | ${r.status} |`),
    '',
    'The report time covers reading and parsing every file, decoding the documents, the audit of every role and the rendering; the process time adds',
    'Node.js start-up and loading the library. Exit status 1: the misconfigured roles are errors.',
    '',
  ];
  const out = quick ? path.join(ROOT, 'bench', 'out', 'AUDIT.quick.md') : path.join(ROOT, 'bench', 'AUDIT.md');
  fs.writeFileSync(out, lines.join('\n'));
  console.error(`wrote ${out}`);
}

mainRun();
