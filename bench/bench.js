#!/usr/bin/env node
'use strict';
/**
 * The benchmark driver: runs every implementation on every workload size, alternating,
 * each run a fresh node process (run-workload.js), and writes bench/RESULTS.md.
 *
 *   node bench/bench.js [--runs 11] [--warmup 1] [--sizes 1,100,1000] [--roles-per-stack 200]
 *                       [--impls ours,raw,peer] [--quick] [--no-build] [--out bench/RESULTS.md]
 *
 * Environment: BENCH_RUNS, BENCH_WARMUP and BENCH_SIZES set the same as the flags.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensureLib, ROOT } = require('./build-lib');
const { summarize, renderResults, LABELS, fmt } = require('./report');
const { MIXED_NOTES, NOTES } = require('./notes');

function parseArgs(argv) {
  const env = process.env;
  const args = {
    runs: Number(env.BENCH_RUNS ?? 11),
    warmup: Number(env.BENCH_WARMUP ?? 1),
    sizes: (env.BENCH_SIZES ?? '1,100,1000').split(',').map(Number),
    rolesPerStack: undefined,
    impls: undefined,
    build: true,
    out: undefined,
    workload: 'github',
  };
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${name} needs a value`);
      return argv[++i];
    };
    switch (name) {
      case '--runs': args.runs = Number(value()); break;
      case '--warmup': args.warmup = Number(value()); break;
      case '--sizes': args.sizes = value().split(',').map(Number); break;
      case '--roles-per-stack': args.rolesPerStack = Number(value()); break;
      case '--impls': args.impls = value().split(','); break;
      case '--quick': args.runs = 3; args.warmup = 1; args.sizes = [1, 100, 1000]; quick = true; break;
      case '--workload': args.workload = value(); break;
      case '--no-build': args.build = false; break;
      case '--out': args.out = path.resolve(value()); break;
      default: throw new Error(`unknown argument ${name}`);
    }
  }
  if (!['github', 'mixed'].includes(args.workload)) throw new Error(`--workload must be github or mixed, got '${args.workload}'`);
  const mixed = args.workload === 'mixed';
  // The peer library has GitHub roles only: the mixed workload compares with aws-cdk-lib by hand.
  args.impls ??= mixed ? ['ours', 'raw'] : ['ours', 'raw', 'peer'];
  const results = `RESULTS${mixed ? '.mixed' : ''}${quick ? '.quick' : ''}.md`;
  args.out ??= quick ? path.join(ROOT, 'bench', 'out', results) : path.join(__dirname, results);
  if (mixed && args.impls.includes('peer')) throw new Error('the mixed workload has roles of every platform: only ours and raw build it');
  if (!Number.isInteger(args.runs) || args.runs < 1) throw new Error(`--runs must be at least 1, got ${args.runs}`);
  if (!Number.isInteger(args.warmup) || args.warmup < 0) throw new Error(`--warmup must be 0 or more, got ${args.warmup}`);
  for (const impl of args.impls) {
    if (!LABELS[impl]) throw new Error(`unknown implementation '${impl}' (ours, raw, peer)`);
  }
  return args;
}

const log = (message) => process.stderr.write(`${message}\n`);

function runOnce(impl, roles, args, libDir) {
  const argv = [path.join(__dirname, 'run-workload.js'), '--impl', impl, '--roles', String(roles), '--lib', libDir];
  argv.push('--workload', args.workload);
  if (args.rolesPerStack !== undefined) {
    argv.push('--roles-per-stack', String(args.rolesPerStack));
  }
  const start = process.hrtime.bigint();
  let stdout;
  try {
    stdout = execFileSync(process.execPath, argv, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (error) {
    throw new Error(`the ${impl} run with ${roles} roles failed (its output is above): node ${argv.map((arg) => (path.isAbsolute(arg) ? path.relative(ROOT, arg) || '.' : arg)).join(' ')}`);
  }
  const processMs = Number(process.hrtime.bigint() - start) / 1e6;
  return { ...JSON.parse(stdout.trim().split('\n').pop()), processMs };
}

/** Each round runs every implementation once, starting with a different one each round. */
function rotated(impls, round) {
  return impls.map((_, i) => impls[(i + round) % impls.length]);
}

function versionOf(pkg) {
  try {
    return require(`${pkg}/package.json`).version;
  } catch {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  }
}

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit}, src/ modified` : commit;
  } catch {
    return 'unknown';
  }
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const loadBefore = os.loadavg().map((load) => load.toFixed(2)).join(' ');
  const libDir = args.build ? ensureLib(log) : path.join(ROOT, 'lib');

  const runsBySize = {};
  for (const size of args.sizes) {
    const byImpl = Object.fromEntries(args.impls.map((impl) => [impl, []]));
    for (let round = 0; round < args.warmup + args.runs; round++) {
      const warm = round < args.warmup;
      for (const impl of rotated(args.impls, round)) {
        const result = runOnce(impl, size, args, libDir);
        if (!warm) {
          byImpl[impl].push(result);
        }
        log(`${String(size).padStart(5)} roles  ${impl.padEnd(4)} ${warm ? 'warm-up' : `run ${round - args.warmup + 1}/${args.runs}`}  ` +
          `${fmt.ms(result.totalMs)} ms (main thread ${fmt.ms(result.mainThreadMs ?? result.cpuMs)} ms cpu)  ${fmt.mb(result.maxRssKb)} MB`);
      }
    }
    runsBySize[size] = byImpl;
  }

  const summary = summarize(runsBySize);
  const meta = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    versions: {
      awsCdkLib: versionOf('aws-cdk-lib'),
      constructs: versionOf('constructs'),
      ours: JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
      peer: versionOf('aws-cdk-github-oidc'),
    },
    commit: gitCommit(),
    runs: args.runs,
    warmup: args.warmup,
    workload: args.workload,
    loadBefore,
    loadAfter: os.loadavg().map((load) => load.toFixed(2)).join(' '),
    elapsedS: Math.round((Date.now() - started) / 1000),
    notes: args.workload === 'mixed' ? MIXED_NOTES : NOTES,
  };
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, renderResults(summary, meta));
  fs.mkdirSync(path.join(ROOT, 'bench', 'out'), { recursive: true });
  const runsFile = path.join(ROOT, 'bench', 'out', args.workload === 'mixed' ? 'runs.mixed.json' : 'runs.json');
  fs.writeFileSync(runsFile, JSON.stringify({ meta, runsBySize }, null, 1));
  log(`\nwrote ${path.relative(process.cwd(), args.out)} (all runs: ${path.relative(process.cwd(), runsFile)}) in ${meta.elapsedS} s`);
  for (const [size, s] of Object.entries(summary)) {
    const peer = s.impls.peer ? [`ours/peer ${fmt.x(s.vsPeer.time)}`, `ours/peer ${fmt.x(s.vsPeer.cpu)}`] : ['', ''];
    log(`${String(size).padStart(5)} roles: wall ours/raw ${fmt.x(s.vsRaw.time)}${peer[0] && `, ${peer[0]}`}; ` +
      `main-thread cpu ours/raw ${fmt.x(s.vsRaw.cpu)}${peer[1] && `, ${peer[1]}`}; trust policies ours = raw: ${s.sameTrustAsRaw}`);
  }
  if (Object.values(summary).some((s) => s.sameTrustAsRaw === false)) {
    log('ERROR: the hand-written roles no longer write the same trust policies as cdk-ci-oidc; update bench/impl/raw.js.');
    process.exitCode = 1;
  }
}

main();
