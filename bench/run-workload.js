#!/usr/bin/env node
'use strict';
/**
 * One measured run: builds the workload with one implementation, synthesizes it and prints
 * the figures as one line of JSON. The driver (bench.js) runs each measurement in a fresh
 * node process, so module caches, JIT state and the heap never carry over.
 *
 *   node bench/run-workload.js --impl ours|raw|peer --roles 1000 [--roles-per-stack 200]
 *        [--seed N] [--lib DIR] [--outdir DIR] [--keep] [--workload github|mixed]
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { analyzeAssembly } = require('./analyze');
const { mixedWorkload, workload } = require('./workload');

const IMPLEMENTATIONS = { ours: './impl/ours', raw: './impl/raw', peer: './impl/peer' };

/** The account and region of every stack: concrete, as platform teams deploy. */
const ENV = { account: '123456789012', region: 'us-east-1' };

function parseArgs(argv) {
  const args = { impl: undefined, roles: 1, rolesPerStack: undefined, seed: undefined, lib: path.join(__dirname, '..', 'lib'), outdir: undefined, keep: false, workload: 'github' };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${name} needs a value`);
      return argv[++i];
    };
    switch (name) {
      case '--impl': args.impl = value(); break;
      case '--roles': args.roles = Number(value()); break;
      case '--roles-per-stack': args.rolesPerStack = Number(value()); break;
      case '--seed': args.seed = Number(value()); break;
      case '--lib': args.lib = path.resolve(value()); break;
      case '--outdir': args.outdir = path.resolve(value()); break;
      case '--keep': args.keep = true; break;
      case '--workload': args.workload = value(); break;
      default: throw new Error(`unknown argument ${name}`);
    }
  }
  if (!IMPLEMENTATIONS[args.impl]) {
    throw new Error(`--impl must be one of ${Object.keys(IMPLEMENTATIONS).join(', ')}, got '${args.impl}'`);
  }
  if (!['github', 'mixed'].includes(args.workload)) {
    throw new Error(`--workload must be github or mixed, got '${args.workload}'`);
  }
  if (args.workload === 'mixed' && args.impl === 'peer') {
    throw new Error('the mixed workload has roles of every platform: only ours and raw build it');
  }
  if (!Number.isInteger(args.roles) || args.roles < 1) {
    throw new Error(`--roles must be a whole number of at least 1, got '${args.roles}'`);
  }
  if (args.rolesPerStack !== undefined && (!Number.isInteger(args.rolesPerStack) || args.rolesPerStack < 1)) {
    throw new Error(`--roles-per-stack must be a whole number of at least 1, got '${args.rolesPerStack}'`);
  }
  return args;
}

/**
 * CPU time of the main thread alone, in ms (Linux: /proc, 10 ms ticks): unlike the process's
 * CPU time it leaves out the garbage collector's helper threads, and unlike wall time it hardly
 * moves when other processes compete for the cores. `undefined` where /proc is missing.
 */
function mainThreadCpuMs() {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function ms(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const impl = require(IMPLEMENTATIONS[args.impl]);
  const work = (args.workload === 'mixed' ? mixedWorkload : workload)(args.roles, { seed: args.seed, rolesPerStack: args.rolesPerStack });
  const outdir = args.outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), `cdk-ci-oidc-bench-${args.impl}-`));

  // Module loading is reported apart: it is mostly aws-cdk-lib's, the same for all three.
  const loadStart = process.hrtime.bigint();
  const modules = impl.load({ libDir: args.lib });
  const { App, Stack } = require('aws-cdk-lib');
  const loadMs = ms(loadStart);

  const cpuStart = process.cpuUsage();
  const mainCpuStart = mainThreadCpuMs();
  const start = process.hrtime.bigint();
  const app = new App({ outdir });
  work.stacks.forEach((roles, index) => {
    const stack = new Stack(app, `BenchStack${index}`, { env: ENV });
    impl.build(modules, stack, index === 0, roles, work);
  });
  const constructMs = ms(start);
  const synthStart = process.hrtime.bigint();
  const assembly = app.synth();
  const synthMs = ms(synthStart);
  const totalMs = ms(start);
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const mainCpuEnd = mainThreadCpuMs();
  const mainThreadMs = mainCpuStart === undefined || mainCpuEnd === undefined ? undefined : mainCpuEnd - mainCpuStart;
  const maxRssKb = process.resourceUsage().maxRSS;

  const figures = analyzeAssembly(assembly, work);
  if (!args.keep) {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify({
    impl: args.impl,
    workload: args.workload,
    roles: args.roles,
    stacks: work.stacks.length,
    loadMs,
    constructMs,
    synthMs,
    totalMs,
    cpuMs,
    mainThreadMs,
    maxRssKb,
    ...figures,
    outdir: args.keep ? outdir : undefined,
  }) + '\n');
}

main();
