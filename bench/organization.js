#!/usr/bin/env node
'use strict';
/**
 * The organization rollout's cost: synthesis time and template bytes for 1, 20 and 100 roles per
 * account, and how both grow with the number of target OUs and accounts (one StackSet serves any
 * number, so the instance template should not grow). Writes bench/ORGANIZATION.md.
 *
 *   node bench/organization.js [--runs 7] [--no-build] [--out bench/ORGANIZATION.md]
 *
 * Reported, not asserted. Each measurement is the median of `runs` in-process syntheses of a
 * fresh app (after one warm-up), with the compiled lib/.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensureLib, ROOT } = require('./build-lib');

function parseArgs(argv) {
  const args = { runs: 7, build: true, out: path.join(__dirname, 'ORGANIZATION.md') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') args.runs = Number(argv[++i]);
    else if (argv[i] === '--no-build') args.build = false;
    else if (argv[i] === '--out') args.out = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const libDir = args.build ? ensureLib(console.error) : path.join(ROOT, 'lib');
const lib = require(libDir);
const cdk = require('aws-cdk-lib');

/** `count` GitHub deploy roles of distinct repositories, ids pinned, environment subjects, read-only. */
function roles(github, count) {
  return Array.from({ length: count }, (_, i) => ({
    id: `Service${i}`,
    provider: github,
    subjects: [lib.GitHubRepository.of(`acme/service-${i}`, { ownerId: 1234567, repositoryId: 89000000 + i }).environment('production')],
    managedPolicies: [cdk.aws_iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
  }));
}

function ouId(i) {
  return `ou-ab12-${String(i).padStart(8, '0')}`;
}

/** One synthesis of a management stack with a rollout; returns bytes, or the size from the limit's error. */
function synthOnce({ roleCount, targets }) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ci-oidc-bench-org-'));
  try {
    // Construction counts too: the instance template's constructs are built there.
    const start = process.hrtime.bigint();
    const app = new cdk.App({ outdir });
    const stack = new cdk.Stack(app, 'Organization', { env: { account: '111111111111', region: 'us-east-1' } });
    const github = lib.CiOidcBaselineProvider.gitHub();
    const rollout = new lib.CiOidcOrganizationRollout(stack, 'Rollout', { providers: [github], roles: roles(github, roleCount), targets: targets() });
    let templateBytes;
    let outerBytes;
    let fits = true;
    try {
      app.synth();
      templateBytes = Buffer.byteLength(rollout.templateBody, 'utf8');
      outerBytes = fs.statSync(path.join(outdir, 'Organization.template.json')).size;
    } catch (error) {
      const match = / is (\d+) bytes, over the 51200 bytes/.exec(error.message);
      if (!match) throw error;
      templateBytes = Number(match[1]);
      fits = false;
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return { ms, templateBytes, outerBytes, fits };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(workload) {
  synthOnce(workload);
  const runs = Array.from({ length: args.runs }, () => synthOnce(workload));
  return { ...runs[0], ms: median(runs.map((r) => r.ms)), min: Math.min(...runs.map((r) => r.ms)), max: Math.max(...runs.map((r) => r.ms)) };
}

/** The most roles of this shape that fit into one TemplateBody (bisection on the byte count). */
function mostRolesThatFit() {
  let low = 1;
  let high = 100;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (synthOnce({ roleCount: mid, targets: () => [lib.CiOidcRolloutTarget.organizationalUnits([ouId(0)])] }).fits) low = mid; else high = mid - 1;
  }
  return low;
}

const threeOus = () => [0, 1, 2].map((i) => lib.CiOidcRolloutTarget.organizationalUnits([ouId(i)]));
const byRoles = [1, 20, 100].map((roleCount) => ({ roleCount, ...measure({ roleCount, targets: threeOus }) }));
const byOus = [1, 10, 100, 1000].map((count) => ({
  count,
  ...measure({ roleCount: 20, targets: () => Array.from({ length: count }, (_, i) => lib.CiOidcRolloutTarget.organizationalUnits([ouId(i)], { environment: i % 2 ? 'a' : 'b' })) }),
}));
const byAccounts = [1, 100, 1000].map((count) => ({
  count,
  ...measure({ roleCount: 20, targets: () => [lib.CiOidcRolloutTarget.accountsIn([ouId(0)], Array.from({ length: count }, (_, i) => String(200000000000 + i)))] }),
}));
const fit = mostRolesThatFit();

const fmt = (n) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const ms = (r) => `${r.ms.toFixed(0)} ms (${r.min.toFixed(0)}–${r.max.toFixed(0)})`;
const lines = [
  '# Organization rollout: synthesis cost',
  '',
  `Measured by \`node bench/organization.js\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0].model.trim()}).`,
  `Each figure is the median of ${args.runs} in-process syntheses of a fresh app (range in parentheses), after one warm-up; reported, not asserted.`,
  'A measurement is the construction and `app.synth()` of a management-account stack holding one `CiOidcOrganizationRollout`: the',
  'instance template is built and synthesized in its own app, serialized into `TemplateBody` and size-checked, then the outer stack is written.',
  '',
  '## Roles per account',
  '',
  'GitHub deploy roles of distinct repositories (environment subject, owner and repository ids pinned, one managed policy), one provider, three OU targets.',
  '',
  '| roles per account | synthesis | TemplateBody | outer template | fits in 51,200 bytes |',
  '|---:|---:|---:|---:|:---|',
  ...byRoles.map((r) => `| ${r.roleCount} | ${ms(r)}${r.fits ? '' : ' (until it fails)'} | ${fmt(r.templateBytes)} bytes | ${r.outerBytes === undefined ? '—' : `${fmt(r.outerBytes)} bytes`} | ${r.fits ? 'yes' : 'no: synthesis fails with the size and what to do'} |`),
  '',
  `At about ${fmt((byRoles[1].templateBytes - byRoles[0].templateBytes) / 19)} bytes per role of this shape, at most **${fit} roles** fit into one StackSet template;`,
  'more need a split (a second rollout for some roles, or customer managed policies instead of repeated statements).',
  '',
  '## Target OUs and accounts (20 roles per account)',
  '',
  'One StackSet serves any number of accounts: the instance template does not change (but for the environment names its parameter allows, here two);',
  'only the outer template grows, by the ids and parameter values in `StackInstancesGroup`, and its synthesis with it.',
  '',
  '| targets | synthesis | TemplateBody | outer template |',
  '|---|---:|---:|---:|',
  ...byOus.map((r) => `| ${fmt(r.count)} OU${r.count === 1 ? '' : 's'}, one instance set each | ${ms(r)} | ${fmt(r.templateBytes)} bytes | ${fmt(r.outerBytes)} bytes |`),
  ...byAccounts.map((r) => `| ${fmt(r.count)} account${r.count === 1 ? '' : 's'} of one OU (\`accountsIn\`) | ${ms(r)} | ${fmt(r.templateBytes)} bytes | ${fmt(r.outerBytes)} bytes |`),
  '',
  'The accounts an OU holds cost nothing at synthesis: StackSets resolve OU membership at deployment.',
  '',
];
fs.writeFileSync(args.out, `${lines.join('\n')}`);
console.log(JSON.stringify({ byRoles, byOus, byAccounts, fit }, null, 1));
console.error(`wrote ${path.relative(ROOT, args.out)}`);
