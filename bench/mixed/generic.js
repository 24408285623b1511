'use strict';
/** A generic issuer (Azure DevOps service connections) in the mixed workload; the shape is described in github.js. */
const URL = 'https://vstoken.dev.azure.com/8d5e5f0c-1a2b-4c3d-9e8f-0a1b2c3d4e5f';
const AUDIENCE = 'api://AzureADTokenExchange';

module.exports = {
  name: 'generic',
  issuer: URL.slice('https://'.length),
  audience: AUDIENCE,
  choices: [
    { kind: 'exact', name: 'aws-deploy', pattern: false },
    { kind: 'exact', name: 'aws-read', pattern: false },
    { kind: 'pattern', name: 'deploy/*', pattern: true },
  ],
  provider: (m, stack, id, create) => (create
    ? new m.GenericOidcProvider(stack, id, { url: URL, audience: AUDIENCE })
    : m.GenericOidcProvider.fromAccount(stack, id, { url: URL, audience: AUDIENCE })),
  subject: (m, role, c) => (c.pattern ? m.GenericSubject.pattern(claim(role, c)) : m.GenericSubject.exact(claim(role, c))),
  claim,
};

/** `sc://<organization>/<project>/<service connection>`, the sub of Azure DevOps service-connection tokens. */
function claim(role, c) {
  return `sc://${role.owner}/${role.repo}/${c.name}`;
}
