'use strict';
/** Bitbucket Pipelines in the mixed workload: one workspace, a repository per role (UUIDs); the shape is described in github.js. */
const WORKSPACE = 'acme';
const WORKSPACE_UUID = '{0a1b2c3d-1111-4a2b-8c3d-0123456789ab}';
const ENVIRONMENT = '{2b3c4d5e-2222-4b3c-9d4e-123456789abc}';
const STEP = '{????????-????-????-????-????????????}';

/** A repository UUID per role, made from the role's number. */
function repositoryUuid(role) {
  return `{1a2b3c4d-1111-4a2b-8c3d-${role.id.replace(/\D/g, '').padStart(12, '0')}}`;
}

module.exports = {
  name: 'bitbucket',
  issuer: `api.bitbucket.org/2.0/workspaces/${WORKSPACE}/pipelines-config/identity/oidc`,
  audience: `ari:cloud:bitbucket::workspace/${WORKSPACE_UUID.slice(1, -1)}`,
  choices: [
    { kind: 'environment', pattern: true },
    { kind: 'anyStep', pattern: true },
  ],
  provider: (m, stack, id, create) => (create
    ? new m.BitbucketOidcProvider(stack, id, { workspace: WORKSPACE, workspaceUuid: WORKSPACE_UUID })
    : m.BitbucketOidcProvider.fromAccount(stack, id, { workspace: WORKSPACE, workspaceUuid: WORKSPACE_UUID })),
  subject: (m, role, c) => (c.kind === 'environment'
    ? m.BitbucketRepository.of(repositoryUuid(role)).environment(ENVIRONMENT)
    : m.BitbucketRepository.of(repositoryUuid(role)).anyStep()),
  claim: (role, c) => `${repositoryUuid(role)}${c.kind === 'environment' ? ENVIRONMENT : ''}:${STEP}`,
};
