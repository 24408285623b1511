'use strict';
/** CircleCI in the mixed workload: one organization, a project per role, its project-id pinned; the shape is described in github.js. */
const ORGANIZATION = 'aa1b2c3d-1111-4a2b-8c3d-0123456789ab';
const USER = '????????-????-????-????-????????????';

/** A project id per role, a UUID made from the role's number. */
function projectId(role) {
  return `bb2c3d4e-2222-4b3c-9d4e-${role.id.replace(/\D/g, '').padStart(12, '0')}`;
}

module.exports = {
  name: 'circleci',
  issuer: `oidc.circleci.com/org/${ORGANIZATION}`,
  audience: ORGANIZATION,
  choices: [
    { kind: 'branch', name: 'main', pattern: true },
    { kind: 'tag', name: 'v*', pattern: true },
  ],
  provider: (m, stack, id, create) => (create
    ? new m.CircleCiOidcProvider(stack, id, { organizationId: ORGANIZATION })
    : m.CircleCiOidcProvider.fromAccount(stack, id, { organizationId: ORGANIZATION })),
  subject: (m, role, c) => m.CircleCiProject.of({ organizationId: ORGANIZATION, projectId: projectId(role), vcsOrigin: `github.com/${role.owner}/${role.repo}` })[c.kind](c.name),
  claim: (role, c) => `org/${ORGANIZATION}/project/${projectId(role)}/user/${USER}/vcs-origin/github.com/${role.owner}/${role.repo}` +
    `/vcs-ref/refs/${c.kind === 'branch' ? 'heads' : 'tags'}/${c.name}`,
  pins: (role) => ({ 'oidc.circleci.com/project-id': projectId(role) }),
};
