'use strict';
/**
 * (c) aws-cdk-github-oidc, the most used peer: GithubActionsIdentityProvider in the first
 * stack (an iam.OpenIdConnectProvider, i.e. a Lambda-backed custom resource),
 * GithubActionsIdentityProvider.fromAccount in the others, one GithubActionsRole per role.
 *
 * Its nearest API: a role takes one owner/repo and one `filter` (the part of `sub` after
 * `repo:owner/repo:`), always under StringLike. The 2nd and 3rd subjects of a role are
 * added as its users must: more statements of the same shape on the trust policy.
 */
const { ISSUER, AUDIENCE } = require('../workload');

module.exports = {
  name: 'peer',
  label: 'aws-cdk-github-oidc',
  load() {
    return { cdk: require('aws-cdk-lib'), iam: require('aws-cdk-lib/aws-iam'), peer: require('aws-cdk-github-oidc') };
  },
  build(m, stack, createProvider, roles) {
    const { cdk, iam, peer } = m;
    const provider = createProvider
      ? new peer.GithubActionsIdentityProvider(stack, 'GitHubProvider')
      : peer.GithubActionsIdentityProvider.fromAccount(stack, 'GitHubProvider');
    for (const role of roles) {
      const [first, ...more] = role.subjects;
      const iamRole = new peer.GithubActionsRole(stack, role.id, {
        provider,
        owner: role.owner,
        repo: role.repo,
        filter: filterOf(first),
        maxSessionDuration: cdk.Duration.hours(1),
      });
      for (const subject of more) {
        iamRole.assumeRolePolicy.addStatements(new iam.PolicyStatement({
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [new iam.WebIdentityPrincipal(provider.openIdConnectProviderArn)],
          conditions: {
            StringLike: { [`${ISSUER}:sub`]: `repo:${role.owner}/${role.repo}:${filterOf(subject)}` },
            StringEquals: { [`${ISSUER}:aud`]: AUDIENCE },
          },
        }));
      }
    }
  },
};

function filterOf(subject) {
  switch (subject.kind) {
    case 'branch': return `ref:refs/heads/${subject.name}`;
    case 'tag': return `ref:refs/tags/${subject.name}`;
    case 'environment': return `environment:${subject.name}`;
    default: throw new Error(`unknown subject kind ${subject.kind}`);
  }
}
