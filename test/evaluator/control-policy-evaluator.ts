/**
 * Decides `sts:AssumeRoleWithWebIdentity` under a resource control policy: the role's trust
 * policy and the organization's RCPs (with AWS's `RCPFullAWSAccess` at the same level, as
 * Organizations attaches it), by the core engine of `@cloud-copilot/iam-simulate`, with the
 * request context STS builds from the token (`requestContext` of the corpus evaluator).
 */
import * as path from 'path';
import { ACCOUNT, Decision, issuerOf, providerArn, requestContext, TokenPayload, TrustPolicy } from './iam-evaluator';

/* eslint-disable @typescript-eslint/no-require-imports */
const simDir = path.dirname(require.resolve('@cloud-copilot/iam-simulate'));
const engine = {
  authorize: require(path.join(simDir, 'core_engine/CoreSimulatorEngine.js')).authorize,
  AwsRequestImpl: require(path.join(simDir, 'request/request.js')).AwsRequestImpl,
  RequestContextImpl: require(path.join(simDir, 'requestContext.js')).RequestContextImpl,
  DiscoveryContextKeyConstraints: require(path.join(simDir, 'context_keys/discoveryContextKeyConstraints.js')).DiscoveryContextKeyConstraints,
  loadPolicy: require(require.resolve('@cloud-copilot/iam-policy', { paths: [simDir] })).loadPolicy,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The AWS managed RCP that every level of an organization carries once RCPs are enabled. */
const RCP_FULL_AWS_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };

/** The engine's result for a token against a trust policy under the given RCP (at the root). */
export function evaluateWithRcp(trustPolicy: TrustPolicy, rcp: unknown, token: TokenPayload): string {
  const request = new engine.AwsRequestImpl(
    providerArn(issuerOf(token)),
    { resource: `arn:aws:iam::${ACCOUNT}:role/CiRole`, accountId: ACCOUNT },
    'sts:AssumeRoleWithWebIdentity',
    new engine.RequestContextImpl(requestContext(token)),
    false,
  );
  return engine.authorize({
    request,
    sessionPolicy: undefined,
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [{
      orgIdentifier: 'r-root',
      policies: [engine.loadPolicy(RCP_FULL_AWS_ACCESS, { name: 'RCPFullAWSAccess' }), engine.loadPolicy(rcp, { name: 'Guardrail' })],
    }],
    resourcePolicy: engine.loadPolicy(trustPolicy, { name: 'TrustPolicy' }),
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new engine.DiscoveryContextKeyConstraints([]) },
  }).result;
}

/** ALLOWED or DENIED. */
export function decideWithRcp(trustPolicy: TrustPolicy, rcp: unknown, token: TokenPayload): Decision {
  return evaluateWithRcp(trustPolicy, rcp, token) === 'Allowed' ? 'ALLOWED' : 'DENIED';
}
