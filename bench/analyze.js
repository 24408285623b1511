'use strict';
/**
 * Figures read from a synthesized cloud assembly (not timed): template sizes, resources,
 * Lambda functions, custom resources, assets and trust-policy lengths.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { ISSUER } = require('./workload');

/** The provider ARN IAM sees once deployed, in place of a CloudFormation expression. */
const PROVIDER_ARN = `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`;

/**
 * @param {import('aws-cdk-lib/cx-api').CloudAssembly} assembly
 * @param {ReturnType<typeof import('./workload').workload>} work
 */
function analyzeAssembly(assembly, work) {
  const roleSubjects = new Map();
  for (const roles of work.stacks) {
    for (const role of roles) {
      roleSubjects.set(role.id, role.subjects.length);
    }
  }

  let templateBytes = 0;
  let roleResourceBytes = 0;
  let trustChars = 0;
  let maxTrustChars = 0;
  let subjects = 0;
  let statements = 0;
  const resourcesPerStack = [];
  const resourceTypes = {};
  /** Every resource that is not one of the workload's roles: what the implementation adds. */
  const otherResources = {};
  let lambdaFunctions = 0;
  let customResources = 0;
  let assets = 0;
  const hash = crypto.createHash('sha256');

  for (const stack of assembly.stacks) {
    const templateFile = path.join(assembly.directory, stack.templateFile);
    templateBytes += fs.statSync(templateFile).size;
    const resources = stack.template.Resources ?? {};
    resourcesPerStack.push(Object.keys(resources).length);
    for (const [logicalId, resource] of Object.entries(resources)) {
      resourceTypes[resource.Type] = (resourceTypes[resource.Type] ?? 0) + 1;
      if (resource.Type === 'AWS::Lambda::Function' || resource.Type === 'AWS::Serverless::Function') {
        lambdaFunctions++;
      }
      if (resource.Type.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource') {
        customResources++;
      }
      const roleId = logicalId.match(/^(DeployRole\d+)[0-9A-F]{8}$/)?.[1];
      if (resource.Type !== 'AWS::IAM::Role' || roleId === undefined || !roleSubjects.has(roleId)) {
        otherResources[resource.Type] = (otherResources[resource.Type] ?? 0) + 1;
        continue;
      }
      roleResourceBytes += JSON.stringify(resource).length;
      const policy = withLiteralProviderArn(resource.Properties.AssumeRolePolicyDocument);
      const text = JSON.stringify(policy);
      const chars = text.replace(/\s/g, '').length;
      trustChars += chars;
      maxTrustChars = Math.max(maxTrustChars, chars);
      subjects += roleSubjects.get(roleId);
      statements += policy.Statement.length;
      hash.update(`${roleId}=${text}\n`);
    }
  }
  assets += countAssets(assembly);

  const roles = roleSubjects.size;
  return {
    templateBytes,
    templateBytesPerRole: templateBytes / roles,
    roleResourceBytesPerRole: roleResourceBytes / roles,
    resourcesPerStack,
    resourceTypes,
    otherResources,
    lambdaFunctions,
    customResources,
    assets,
    trustChars,
    trustCharsPerSubject: trustChars / subjects,
    maxTrustChars,
    statementsPerRole: statements / roles,
    subjects,
    trustPolicyHash: hash.digest('hex'),
  };
}

/** The policy with every provider ARN expression (Ref, Fn::GetAtt, Fn::Join) written out. */
function withLiteralProviderArn(policy) {
  return {
    ...policy,
    Statement: policy.Statement.map((statement) => {
      const federated = statement.Principal?.Federated;
      return federated === undefined || typeof federated === 'string'
        ? statement
        : { ...statement, Principal: { ...statement.Principal, Federated: PROVIDER_ARN } };
    }),
  };
}

/** File and container image assets, not counting the stack templates themselves. */
function countAssets(assembly) {
  let count = 0;
  for (const artifact of assembly.artifacts) {
    if (artifact.manifest.type !== 'cdk:asset-manifest') {
      continue;
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(assembly.directory, artifact.manifest.properties.file), 'utf8'));
    for (const file of Object.values(manifest.files ?? {})) {
      if (!String(file.source?.path ?? '').endsWith('.template.json')) {
        count++;
      }
    }
    count += Object.keys(manifest.dockerImages ?? {}).length;
  }
  return count;
}

module.exports = { analyzeAssembly };
