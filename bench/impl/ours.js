'use strict';
/**
 * (a) This library, as users get it: the compiled JavaScript of cdk-ci-oidc.
 * One GitHubOidcProvider in the first stack, GitHubOidcProvider.fromAccount in the others.
 */
module.exports = {
  name: 'ours',
  label: 'cdk-ci-oidc',
  /** @param {{ libDir: string }} context */
  load(context) {
    return { ...require(context.libDir) };
  },
  /**
   * @param {any} m the loaded modules
   * @param {import('aws-cdk-lib').Stack} stack
   * @param {boolean} createProvider
   * @param {Array<any>} roles
   */
  build(m, stack, createProvider, roles, work) {
    if (work.platforms) {
      buildMixed(m, stack, createProvider, roles, work.platforms);
      return;
    }
    const provider = createProvider
      ? new m.GitHubOidcProvider(stack, 'GitHubProvider')
      : m.GitHubOidcProvider.fromAccount(stack, 'GitHubProvider');
    for (const role of roles) {
      const repository = m.GitHubRepository.of(`${role.owner}/${role.repo}`);
      new m.CiDeployRole(stack, role.id, {
        provider,
        subjects: role.subjects.map((subject) => subjectOf(repository, subject)),
      });
    }
  },
};

/** The mixed workload: one provider per platform in each stack, each role of its platform's subjects. */
function buildMixed(m, stack, createProvider, roles, platforms) {
  const providers = new Map(platforms.map((p) => [p.name, p.provider(m, stack, `${p.name}Provider`, createProvider)]));
  for (const role of roles) {
    new m.CiDeployRole(stack, role.id, {
      provider: providers.get(role.platform.name),
      subjects: role.subjects.map((choice) => role.platform.subject(m, role, choice)),
    });
  }
}

function subjectOf(repository, subject) {
  switch (subject.kind) {
    case 'branch': return repository.branch(subject.name);
    case 'tag': return repository.tag(subject.name);
    case 'environment': return repository.environment(subject.name);
    default: throw new Error(`unknown subject kind ${subject.kind}`);
  }
}
