/**
 * Decides `sts:AssumeRoleWithWebIdentity` under a resource control policy: the role's trust
 * policy and the organization's RCPs (with AWS's `RCPFullAWSAccess` at the same level, as
 * Organizations attaches it), by the core engine of `@cloud-copilot/iam-simulate`, with the
 * request context STS builds from the token: the corpus evaluator's `evaluate` with the RCP levels.
 */
import { Decision, evaluate, EngineResult, TokenPayload, TrustPolicy } from './iam-evaluator';

/** The AWS managed RCP that every level of an organization carries once RCPs are enabled. */
const RCP_FULL_AWS_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };

/** The engine's result for a token against a trust policy under the given RCP (at the root). */
export function evaluateWithRcp(trustPolicy: TrustPolicy, rcp: unknown, token: TokenPayload): EngineResult {
  return evaluate(trustPolicy, token, [{
    orgIdentifier: 'r-root',
    policies: [{ name: 'RCPFullAWSAccess', document: RCP_FULL_AWS_ACCESS }, { name: 'Guardrail', document: rcp }],
  }]);
}

/** ALLOWED or DENIED. */
export function decideWithRcp(trustPolicy: TrustPolicy, rcp: unknown, token: TokenPayload): Decision {
  return evaluateWithRcp(trustPolicy, rcp, token) === 'Allowed' ? 'ALLOWED' : 'DENIED';
}
