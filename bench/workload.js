'use strict';
/**
 * The benchmark's workload: N GitHub deploy roles, each trusting 1 to 3 subjects of one
 * repository. Generated from a fixed seed, so every implementation and every run builds
 * exactly the same roles.
 */

/** Roles per stack: far below CloudFormation's 500-resource limit (one resource per role). */
const DEFAULT_ROLES_PER_STACK = 200;

const OWNERS = ['acme', 'globex', 'initech', 'umbrella-corp', 'hooli', 'stark-industries', 'wayne-enterprises', 'cyberdyne'];
const SERVICES = ['payments', 'billing', 'search', 'checkout', 'identity', 'catalog', 'shipping', 'analytics', 'notifications', 'ledger'];
const KINDS = ['api', 'web', 'worker', 'infra', 'data'];

/**
 * The subjects a role can trust. `pattern` marks the ones that need StringLike
 * (a branch or tag with `*`).
 */
const SUBJECT_CHOICES = [
  { kind: 'branch', name: 'main', pattern: false },
  { kind: 'environment', name: 'production', pattern: false },
  { kind: 'environment', name: 'staging', pattern: false },
  { kind: 'tag', name: 'v*', pattern: true },
  { kind: 'branch', name: 'release/*', pattern: true },
  { kind: 'branch', name: 'develop', pattern: false },
];

/** mulberry32: a small, fast, seedable PRNG (the same sequence on every machine). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param {number} roles how many roles
 * @param {{ seed?: number, rolesPerStack?: number }} [options]
 * @returns {{ seed: number, rolesPerStack: number, stacks: Array<Array<{ id: string, owner: string, repo: string, subjects: Array<{kind: string, name: string, pattern: boolean}> }>> }}
 */
function workload(roles, options = {}) {
  const seed = options.seed ?? 20260101;
  const rolesPerStack = options.rolesPerStack ?? DEFAULT_ROLES_PER_STACK;
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const stacks = [];
  for (let i = 0; i < roles; i++) {
    const owner = pick(OWNERS);
    const repo = `${pick(SERVICES)}-${pick(KINDS)}-${i}`;
    const count = 1 + Math.floor(random() * 3);
    const subjects = [];
    while (subjects.length < count) {
      const choice = pick(SUBJECT_CHOICES);
      if (!subjects.includes(choice)) {
        subjects.push(choice);
      }
    }
    const stackIndex = Math.floor(i / rolesPerStack);
    (stacks[stackIndex] ??= []).push({ id: `DeployRole${i}`, owner, repo, subjects });
  }
  return { seed, rolesPerStack, stacks };
}

/** The `sub` claim value GitHub puts in the token for a subject of `owner/repo`. */
function subClaim(owner, repo, subject) {
  switch (subject.kind) {
    case 'branch': return `repo:${owner}/${repo}:ref:refs/heads/${subject.name}`;
    case 'tag': return `repo:${owner}/${repo}:ref:refs/tags/${subject.name}`;
    case 'environment': return `repo:${owner}/${repo}:environment:${subject.name}`;
    default: throw new Error(`unknown subject kind ${subject.kind}`);
  }
}

/**
 * The mixed workload: N roles of every platform of `bench/mixed/platforms.js` in turn, each trusting
 * 1 to 3 subjects of one repository or project of its platform. Same seed, same roles, in every run.
 *
 * @returns {{ seed: number, rolesPerStack: number, platforms: Array<any>, stacks: Array<Array<{ id: string, platform: any, owner: string, repo: string, subjects: Array<any> }>> }}
 */
function mixedWorkload(roles, options = {}) {
  const platforms = require('./mixed/platforms');
  const seed = options.seed ?? 20260101;
  const rolesPerStack = options.rolesPerStack ?? DEFAULT_ROLES_PER_STACK;
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const stacks = [];
  for (let i = 0; i < roles; i++) {
    const platform = platforms[i % platforms.length];
    const owner = pick(OWNERS);
    const repo = `${pick(SERVICES)}-${pick(KINDS)}-${i}`;
    const count = 1 + Math.floor(random() * Math.min(3, platform.choices.length));
    const subjects = [];
    while (subjects.length < count) {
      const choice = pick(platform.choices);
      if (!subjects.includes(choice)) {
        subjects.push(choice);
      }
    }
    (stacks[Math.floor(i / rolesPerStack)] ??= []).push({ id: `DeployRole${i}`, platform, owner, repo, subjects });
  }
  return { seed, rolesPerStack, platforms, stacks };
}

module.exports = { workload, mixedWorkload, subClaim, DEFAULT_ROLES_PER_STACK, ISSUER: 'token.actions.githubusercontent.com', AUDIENCE: 'sts.amazonaws.com' };
