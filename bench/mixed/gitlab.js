'use strict';
/** GitLab (gitlab.com) in the mixed workload; the shape is described in github.js. */
module.exports = {
  name: 'gitlab',
  issuer: 'gitlab.com',
  audience: 'sts.amazonaws.com',
  choices: [
    { kind: 'branch', name: 'main', pattern: false },
    { kind: 'tag', name: 'v*', pattern: true },
    { kind: 'branch', name: 'release/*', pattern: true },
  ],
  provider: (m, stack, id, create) => (create ? new m.GitLabOidcProvider(stack, id) : m.GitLabOidcProvider.fromAccount(stack, id)),
  subject: (m, role, c) => m.GitLabProject.of(`${role.owner}/${role.repo}`)[c.kind](c.name),
  claim: (role, c) => `project_path:${role.owner}/${role.repo}:ref_type:${c.kind}:ref:${c.name}`,
};
