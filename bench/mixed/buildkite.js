'use strict';
/** Buildkite in the mixed workload: the sub carries the commit and step, and branches pin build_branch; the shape is described in github.js. */
module.exports = {
  name: 'buildkite',
  issuer: 'agent.buildkite.com',
  audience: 'sts.amazonaws.com',
  choices: [
    { kind: 'branch', name: 'main', pattern: true },
    { kind: 'tag', name: 'v*', pattern: true },
  ],
  provider: (m, stack, id, create) => (create ? new m.BuildkiteOidcProvider(stack, id) : m.BuildkiteOidcProvider.fromAccount(stack, id)),
  subject: (m, role, c) => m.BuildkitePipeline.of(role.owner, role.repo)[c.kind](c.name),
  claim: (role, c) => `organization:${role.owner}:pipeline:${role.repo}:ref:refs/${c.kind === 'branch' ? 'heads' : 'tags'}/${c.name}:commit:*:step:*`,
  pins: (role, c) => (c.kind === 'branch' ? { build_branch: c.name } : {}),
};
