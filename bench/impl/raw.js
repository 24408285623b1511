'use strict';
/**
 * (b) Hand-written aws-cdk-lib: iam.OidcProviderNative + iam.Role + iam.WebIdentityPrincipal,
 * writing exactly the statements cdk-ci-oidc emits (the driver checks they are identical):
 * one statement for the exact subjects (StringEquals aud + sub) and one for the patterns
 * (StringEquals aud, StringLike sub), in the order of the role's first subject of each kind.
 * No validation at all: the floor a library cannot beat by much.
 */
const { ISSUER, AUDIENCE, subClaim } = require('../workload');

module.exports = {
  name: 'raw',
  label: 'aws-cdk-lib by hand',
  load() {
    return { cdk: require('aws-cdk-lib'), iam: require('aws-cdk-lib/aws-iam') };
  },
  build(m, stack, createProvider, roles, work) {
    if (work.platforms) {
      buildMixed(m, stack, createProvider, roles, work.platforms);
      return;
    }
    const { cdk, iam } = m;
    let providerArn;
    if (createProvider) {
      const provider = new iam.OidcProviderNative(stack, 'GitHubProvider', {
        url: `https://${ISSUER}`,
        clientIds: [AUDIENCE],
      });
      provider.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);
      providerArn = provider.oidcProviderArn;
    } else {
      providerArn = iam.OidcProviderNative.fromOidcProviderArn(stack, 'GitHubProvider', stack.formatArn({
        service: 'iam',
        region: '',
        resource: 'oidc-provider',
        resourceName: ISSUER,
        arnFormat: cdk.ArnFormat.SLASH_RESOURCE_NAME,
      })).oidcProviderArn;
    }
    for (const role of roles) {
      // Group the subjects by operator, in order of first appearance.
      const groups = new Map();
      for (const subject of role.subjects) {
        const operator = subject.pattern ? 'StringLike' : 'StringEquals';
        if (!groups.has(operator)) {
          groups.set(operator, []);
        }
        groups.get(operator).push(subClaim(role.owner, role.repo, subject));
      }
      const conditions = [...groups].map(([operator, subs]) => {
        const sub = subs.length === 1 ? subs[0] : subs;
        return operator === 'StringEquals'
          ? { StringEquals: { [`${ISSUER}:aud`]: AUDIENCE, [`${ISSUER}:sub`]: sub } }
          : { StringEquals: { [`${ISSUER}:aud`]: AUDIENCE }, StringLike: { [`${ISSUER}:sub`]: sub } };
      });
      const iamRole = new iam.Role(stack, role.id, {
        assumedBy: new iam.WebIdentityPrincipal(providerArn, conditions[0]),
        maxSessionDuration: cdk.Duration.hours(1),
      });
      for (const more of conditions.slice(1)) {
        iamRole.assumeRolePolicy.addStatements(new iam.PolicyStatement({
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [new iam.WebIdentityPrincipal(providerArn)],
          conditions: more,
        }));
      }
    }
  },
};

/** The provider of one issuer, created (retained) or imported by a partition-aware ARN. */
function providerArnOf(m, stack, id, issuer, audience, create) {
  const { cdk, iam } = m;
  if (create) {
    const provider = new iam.OidcProviderNative(stack, id, { url: `https://${issuer}`, clientIds: [audience] });
    provider.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);
    return provider.oidcProviderArn;
  }
  return iam.OidcProviderNative.fromOidcProviderArn(stack, id, stack.formatArn({
    service: 'iam', region: '', resource: 'oidc-provider', resourceName: issuer, arnFormat: cdk.ArnFormat.SLASH_RESOURCE_NAME,
  })).oidcProviderArn;
}

/**
 * A role trusting `subjects` of one issuer: one statement per operator and pinned claims (`StringEquals`,
 * sorted by claim), in order of first appearance.
 */
function writeRole(m, stack, id, providerArn, issuer, audience, subjects) {
  const { cdk, iam } = m;
  const groups = new Map();
  for (const { sub, pattern, pins } of subjects) {
    const operator = pattern ? 'StringLike' : 'StringEquals';
    const sorted = Object.entries(pins).sort(([a], [b]) => a.localeCompare(b));
    const key = JSON.stringify([operator, sorted]);
    if (!groups.has(key)) {
      groups.set(key, { operator, pins: sorted, subs: [] });
    }
    groups.get(key).subs.push(sub);
  }
  const conditions = [...groups.values()].map(({ operator, pins, subs }) => {
    const sub = subs.length === 1 ? subs[0] : subs;
    const equals = { [`${issuer}:aud`]: audience, ...Object.fromEntries(pins.map(([claim, value]) => [`${issuer}:${claim}`, value])) };
    return operator === 'StringEquals'
      ? { StringEquals: { ...equals, [`${issuer}:sub`]: sub } }
      : { StringEquals: equals, StringLike: { [`${issuer}:sub`]: sub } };
  });
  const role = new iam.Role(stack, id, {
    assumedBy: new iam.WebIdentityPrincipal(providerArn, conditions[0]),
    maxSessionDuration: cdk.Duration.hours(1),
  });
  for (const more of conditions.slice(1)) {
    role.assumeRolePolicy.addStatements(new iam.PolicyStatement({
      actions: ['sts:AssumeRoleWithWebIdentity'],
      principals: [new iam.WebIdentityPrincipal(providerArn)],
      conditions: more,
    }));
  }
}

/** The mixed workload by hand: one provider per platform in each stack, the same statements as cdk-ci-oidc. */
function buildMixed(m, stack, createProvider, roles, platforms) {
  const arns = new Map(platforms.map((p) => [p.name, providerArnOf(m, stack, `${p.name}Provider`, p.issuer, p.audience, createProvider)]));
  for (const role of roles) {
    const p = role.platform;
    writeRole(m, stack, role.id, arns.get(p.name), p.issuer, p.audience,
      role.subjects.map((choice) => ({ sub: p.claim(role, choice), pattern: choice.pattern, pins: p.pins?.(role, choice) ?? {} })));
  }
}
