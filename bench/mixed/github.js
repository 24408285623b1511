'use strict';
/**
 * A platform of the mixed workload. Every platform file has this shape:
 * - `name`, `issuer` (host and path), `audience`: what the roles trust;
 * - `choices`: the subjects a role can trust (`pattern` marks the StringLike ones);
 * - `provider(m, stack, id, create)`: the library's provider, created in the first stack, imported in the others;
 * - `subject(m, role, choice)`: the library's subject; `claim(role, choice)`: the `sub` written by hand;
 * - `pins(role, choice)` (optional): the other claims the subject requires with `StringEquals`, e.g. `{ build_branch: 'main' }`.
 */
module.exports = {
  name: 'github',
  issuer: 'token.actions.githubusercontent.com',
  audience: 'sts.amazonaws.com',
  choices: [
    { kind: 'branch', name: 'main', pattern: false },
    { kind: 'environment', name: 'production', pattern: false },
    { kind: 'tag', name: 'v*', pattern: true },
  ],
  provider: (m, stack, id, create) => (create ? new m.GitHubOidcProvider(stack, id) : m.GitHubOidcProvider.fromAccount(stack, id)),
  subject: (m, role, c) => m.GitHubRepository.of(`${role.owner}/${role.repo}`)[c.kind](c.name),
  claim: (role, c) => (c.kind === 'environment'
    ? `repo:${role.owner}/${role.repo}:environment:${c.name}`
    : `repo:${role.owner}/${role.repo}:ref:refs/${c.kind === 'branch' ? 'heads' : 'tags'}/${c.name}`),
};
