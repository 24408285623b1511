/** IAM's default quota for the length of a role trust policy, in characters. */
export const DEFAULT_TRUST_POLICY_QUOTA = 2048;

/** The largest quota AWS grants on request. */
export const MAX_TRUST_POLICY_QUOTA = 4096;

/** The longest partition name, for the ARN of a provider whose partition is not known. */
const LONGEST_PARTITION = 'aws-us-gov';

/**
 * The length IAM counts for a trust policy, or a little more: the minified JSON in UTF-8 bytes.
 *
 * IAM skips white space and counts characters; counting the spaces inside values and the
 * bytes of non-ASCII Latin-1 characters can only overestimate, so a policy that passes
 * here never fails the quota at deployment.
 *
 * A provider ARN that is still a CloudFormation expression (a `Ref`, a `Fn::Join`) is
 * counted at its longest deployed length, `arn:<partition>:iam::<12 digits>:oidc-provider/<issuer>`.
 */
export function trustPolicySize(
  resolvedPolicy: unknown, issuerByArnExpression: (expression: unknown) => string | undefined, partition?: string,
): number {
  const withArns = replaceFederatedExpressions(resolvedPolicy, issuerByArnExpression, partition ?? LONGEST_PARTITION);
  return Buffer.byteLength(JSON.stringify(withArns), 'utf8');
}

function replaceFederatedExpressions(policy: unknown, issuerOf: (expression: unknown) => string | undefined, partition: string): unknown {
  const document = policy as { Statement?: Array<{ Principal?: { Federated?: unknown } }> };
  if (!document || !Array.isArray(document.Statement)) {
    return policy;
  }
  return {
    ...document,
    Statement: document.Statement.map((statement) => {
      const federated = statement.Principal?.Federated;
      if (federated === undefined || typeof federated === 'string') {
        return statement;
      }
      const issuer = issuerOf(federated);
      const arn = issuer === undefined ? federated : `arn:${partition}:iam::123456789012:oidc-provider/${issuer}`;
      return { ...statement, Principal: { ...statement.Principal, Federated: arn } };
    }),
  };
}
