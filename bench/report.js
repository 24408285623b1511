'use strict';
/**
 * Statistics over the measured runs and the Markdown of bench/RESULTS.md.
 */

const IMPL_ORDER = ['ours', 'raw', 'peer'];
const LABELS = { ours: 'cdk-ci-oidc', raw: 'aws-cdk-lib by hand', peer: 'aws-cdk-github-oidc' };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median, min and max of one figure over runs. */
function spread(runs, figure) {
  const values = runs.map((run) => run[figure]);
  if (values.some((value) => typeof value !== 'number')) {
    return undefined;
  }
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * @param {Record<string, Record<string, any[]>>} runsBySize size -> impl -> runs
 */
function summarize(runsBySize) {
  const sizes = {};
  for (const [size, byImpl] of Object.entries(runsBySize)) {
    const impls = {};
    for (const impl of IMPL_ORDER.filter((name) => byImpl[name]?.length)) {
      const runs = byImpl[impl];
      impls[impl] = {
        runs: runs.length,
        totalMs: spread(runs, 'totalMs'),
        constructMs: spread(runs, 'constructMs'),
        synthMs: spread(runs, 'synthMs'),
        cpuMs: spread(runs, 'cpuMs'),
        mainThreadMs: spread(runs, 'mainThreadMs'),
        processMs: spread(runs, 'processMs'),
        maxRssKb: spread(runs, 'maxRssKb'),
        figures: runs[0],
        deterministic: runs.every((run) => run.trustPolicyHash === runs[0].trustPolicyHash && run.templateBytes === runs[0].templateBytes),
      };
    }
    const ratio = (other, pick) => (impls.ours && impls[other] ? pick(impls.ours) / pick(impls[other]) : undefined);
    // Main-thread CPU time where /proc has it, the process's otherwise.
    const cpu = (r) => (r.mainThreadMs ?? r.cpuMs).median;
    const ratios = (other) => ({
      time: ratio(other, (r) => r.totalMs.median),
      timeMin: ratio(other, (r) => r.totalMs.min),
      cpu: ratio(other, cpu),
      rss: ratio(other, (r) => r.maxRssKb.median),
      templateBytes: ratio(other, (r) => r.figures.templateBytesPerRole),
      trustChars: ratio(other, (r) => r.figures.trustCharsPerSubject),
    });
    sizes[size] = {
      impls,
      vsRaw: ratios('raw'),
      vsPeer: ratios('peer'),
      sameTrustAsRaw: impls.ours && impls.raw ? impls.ours.figures.trustPolicyHash === impls.raw.figures.trustPolicyHash : undefined,
    };
  }
  return sizes;
}

const fmt = {
  ms: (value) => `${Math.round(value).toLocaleString('en-US')}`,
  mb: (kb) => `${(kb / 1024).toFixed(0)}`,
  x: (value) => (value === undefined || Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)}x`),
  n: (value, digits = 0) => Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }),
};

function spreadCell(s, unit = fmt.ms) {
  return `${unit(s.median)} (${unit(s.min)}–${unit(s.max)})`;
}

function stackSummary(perStack) {
  const [first, ...rest] = perStack;
  if (rest.length === 0) {
    return `${first}`;
  }
  const restText = Math.min(...rest) === Math.max(...rest) ? `${rest[0]}` : `${Math.min(...rest)}–${Math.max(...rest)}`;
  return `${first} + ${rest.length} × ${restText}`;
}

function listResources(types) {
  return Object.entries(types).map(([type, count]) => `${count} ${type}`).join(', ') || 'none';
}

/** Where the library lands against the targets, at the largest size. */
function targets(summary) {
  const sizes = Object.keys(summary).map(Number);
  const size = String(Math.max(...sizes));
  const s = summary[size];
  const ours = s.impls.ours?.figures;
  if (!ours) {
    return [];
  }
  const mark = (ok) => (ok === undefined ? 'n/a' : ok ? 'met' : '**missed**');
  const deployed = ours.lambdaFunctions + ours.customResources + ours.assets;
  return [
    `## Targets at ${fmt.n(size)} roles`,
    '',
    '| target | result | |',
    '|---|---|---|',
    `| construct + synth within 1.10x of hand-written aws-cdk-lib | ${fmt.x(s.vsRaw.time)} (median), ${fmt.x(s.vsRaw.timeMin)} (fastest run), ${fmt.x(s.vsRaw.cpu)} (main-thread CPU) | ${mark(s.vsRaw.time === undefined ? undefined : s.vsRaw.time <= 1.10)} |`,
    ...(s.impls.peer ? [`| no slower than aws-cdk-github-oidc | ${fmt.x(s.vsPeer.time)} (median), ${fmt.x(s.vsPeer.timeMin)} (fastest run), ${fmt.x(s.vsPeer.cpu)} (main-thread CPU) | ${mark(s.vsPeer.time === undefined ? undefined : s.vsPeer.time <= 1)} |`] : []),
    `| zero Lambda functions, custom resources and assets | ${ours.lambdaFunctions} / ${ours.customResources} / ${ours.assets} | ${mark(deployed === 0)} |`,
    `| trust-policy characters per subject no more than by hand | ${fmt.n(ours.trustCharsPerSubject, 1)} vs ${s.impls.raw ? fmt.n(s.impls.raw.figures.trustCharsPerSubject, 1) : 'n/a'} | ${mark(s.vsRaw.trustChars === undefined ? undefined : s.vsRaw.trustChars <= 1)} |`,
    '',
  ];
}

/** The Markdown of RESULTS.md. */
function renderResults(summary, meta) {
  const lines = [];
  const push = (...more) => lines.push(...more);
  push(
    `# Benchmark results${meta.workload === 'mixed' ? ': the mixed workload' : ''}`,
    '',
    `Generated by \`node bench/bench.js${meta.workload === 'mixed' ? ' --workload mixed' : ''}\` on ${meta.date}. [README.md](README.md) says how to run it and what each figure means.`,
    '',
    '## Machine and versions',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${meta.cpu}, ${meta.cores} cores |`,
    `| memory | ${meta.memoryGb} GiB |`,
    `| OS | ${meta.os} |`,
    `| node | ${meta.node} |`,
    `| aws-cdk-lib | ${meta.versions.awsCdkLib} |`,
    `| constructs | ${meta.versions.constructs} |`,
    `| cdk-ci-oidc | ${meta.versions.ours} (commit ${meta.commit}; the compiled lib/) |`,
    `| aws-cdk-github-oidc | ${meta.versions.peer} |`,
    `| runs | ${meta.runs} measured per implementation and size after ${meta.warmup} warm-up, in rotating order, each in a fresh node process |`,
    `| load average | ${meta.loadBefore} before, ${meta.loadAfter} after |`,
    `| whole run | ${meta.elapsedS} s |`,
    '',
    ...targets(summary),
    '## Construct + synth time and peak memory',
    '',
    'Milliseconds from `new App()` to the end of `app.synth()`: median (min–max) of wall time, and the median CPU time',
    'of the main thread over the same span, which other processes on the machine hardly move; peak RSS of the process in MB.',
    '',
    '| roles | implementation | construct + synth ms | main-thread CPU ms | construct ms | synth ms | whole process ms | peak RSS MB |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const [size, s] of Object.entries(summary)) {
    for (const [impl, r] of Object.entries(s.impls)) {
      push(`| ${fmt.n(size)} | ${LABELS[impl]} | ${spreadCell(r.totalMs)} | ${fmt.ms((r.mainThreadMs ?? r.cpuMs).median)} | ${fmt.ms(r.constructMs.median)} | ` +
        `${fmt.ms(r.synthMs.median)} | ${fmt.ms(r.processMs.median)} | ${spreadCell(r.maxRssKb, fmt.mb)} |`);
    }
  }
  push(
    '',
    '## Ratios',
    '',
    'cdk-ci-oidc divided by the other implementation: below 1.00x is smaller or faster.',
    '',
    '| roles | versus | time (medians) | time (fastest runs) | main-thread CPU (medians) | peak RSS | template bytes per role | trust-policy chars per subject |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const [size, s] of Object.entries(summary)) {
    for (const [name, r] of [['raw', s.vsRaw], ['peer', s.vsPeer]]) {
      if (r.time !== undefined) {
        push(`| ${fmt.n(size)} | ${LABELS[name]} | ${fmt.x(r.time)} | ${fmt.x(r.timeMin)} | ${fmt.x(r.cpu)} | ${fmt.x(r.rss)} | ${fmt.x(r.templateBytes)} | ${fmt.x(r.trustChars)} |`);
      }
    }
  }
  const sameness = Object.entries(summary).filter(([, s]) => s.sameTrustAsRaw !== undefined)
    .map(([size, s]) => `${fmt.n(size)} role${Number(size) === 1 ? '' : 's'}: ${s.sameTrustAsRaw ? 'identical' : '**different**'}`);
  if (sameness.length) {
    push('', `Trust policies of cdk-ci-oidc and the hand-written roles, compared role by role: ${sameness.join(', ')}.`);
  }
  push(
    '',
    '## What is deployed',
    '',
    'Read from the synthesized templates; the same in every run (checked).',
    '',
    '| roles | implementation | stacks | resources per stack (first + others) | resources besides the roles | Lambda functions | custom resources | assets | template bytes per role | bytes per role resource | trust-policy chars per subject | longest trust policy | statements per role |',
    '|---:|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const [size, s] of Object.entries(summary)) {
    for (const [impl, r] of Object.entries(s.impls)) {
      const f = r.figures;
      push(`| ${fmt.n(size)} | ${LABELS[impl]} | ${f.stacks} | ${stackSummary(f.resourcesPerStack)} | ${listResources(f.otherResources)} | ` +
        `${f.lambdaFunctions} | ${f.customResources} | ${f.assets} | ${fmt.n(f.templateBytesPerRole)} | ${fmt.n(f.roleResourceBytesPerRole)} | ` +
        `${fmt.n(f.trustCharsPerSubject, 1)} | ${fmt.n(f.maxTrustChars)} | ${fmt.n(f.statementsPerRole, 2)} |`);
    }
  }
  const notDeterministic = Object.entries(summary).flatMap(([size, s]) =>
    Object.entries(s.impls).filter(([, r]) => !r.deterministic).map(([impl]) => `${LABELS[impl]} at ${size} roles`));
  if (notDeterministic.length) {
    push('', `**Warning:** the templates differed between runs of ${notDeterministic.join(', ')}.`);
  }
  push('', ...meta.notes);
  return lines.join('\n') + '\n';
}

module.exports = { summarize, renderResults, median, LABELS, IMPL_ORDER, fmt };
