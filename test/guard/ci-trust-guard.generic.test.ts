import { App, Aspects, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match } from 'aws-cdk-lib/assertions';
import { CiDeployRole, CiTrustGuard, CiTrustGuardProps, GenericOidcProvider, GenericSubject } from '../../src';

/*
 * The guard on roles that trust issuers without a platform of their own: the shared issuers of IAM's
 * identity-provider controls are known by name, a team's own issuers by `genericIssuers`.
 */

interface GuardResult {
  /** `<path> <id>` of every error and warning. */
  readonly findings: string[];
  readonly texts: string[];
}

function guard(build: (stack: Stack) => void, props?: CiTrustGuardProps): GuardResult {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  build(stack);
  Aspects.of(app).add(new CiTrustGuard(props));
  const annotations = AssertAnnotations.fromStack(stack);
  const all = [...annotations.findError('*', Match.anyValue()), ...annotations.findWarning('*', Match.anyValue())]
    .map((m) => ({ path: m.id, data: String(m.entry.data) }));
  return {
    findings: all.map((e) => `${e.path} ${/^\[([^\]]+)\]/.exec(e.data)?.[1] ?? /\[ack: ([^\]]+)\]$/.exec(e.data)?.[1]}`),
    texts: all.map((e) => e.data),
  };
}

const CODEFRESH_ARN = 'arn:aws:iam::123456789012:oidc-provider/oidc.codefresh.io';

function handWritten(stack: Stack, federated: string, condition: Record<string, unknown>): void {
  new iam.CfnRole(stack, 'Role', {
    assumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: federated }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
    },
  });
}

describe('CiTrustGuard and generic issuers', () => {
  test('a shared issuer known by name (Codefresh) trusted without sub is an error', () => {
    const result = guard((stack) => handWritten(stack, CODEFRESH_ARN, { StringEquals: { 'oidc.codefresh.io:aud': 'sts.amazonaws.com' } }));
    expect(result.findings).toEqual(['/Stack/Role cdk-ci-oidc:guard:missingSub']);
  });

  test('a shared issuer trusted with StringNotEquals on sub is an error', () => {
    const result = guard((stack) => handWritten(stack, CODEFRESH_ARN, {
      StringEquals: { 'oidc.codefresh.io:aud': 'sts.amazonaws.com' },
      StringNotEquals: { 'oidc.codefresh.io:sub': 'account:evil:pipeline:x' },
    }));
    expect(result.findings).toContain('/Stack/Role cdk-ci-oidc:guard:unsafeOperator');
  });

  test('a hand-written role of a generic provider of the app is audited: no aud is an error', () => {
    const result = guard((stack) => {
      const provider = new GenericOidcProvider(stack, 'Jenkins', { url: 'https://jenkins.example.com/oidc/' });
      new iam.Role(stack, 'Role', { assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, { StringEquals: { 'jenkins.example.com/oidc/:sub': 'x:y' } }) });
    });
    expect(result.findings).toEqual(['/Stack/Role/Resource cdk-ci-oidc:guard:missingAudience']);
  });

  test('a team\'s own issuer is audited once named in genericIssuers: no aud is an error', () => {
    const build = (stack: Stack): void => handWritten(stack, 'arn:aws:iam::123456789012:oidc-provider/jenkins.example.com/oidc', {
      StringEquals: { 'jenkins.example.com/oidc:sub': 'https://jenkins.example.com/job/deploy/' },
    });
    expect(guard(build).findings).toEqual([]);
    expect(guard(build, { genericIssuers: ['jenkins.example.com/oidc'] }).findings).toEqual(['/Stack/Role cdk-ci-oidc:guard:missingAudience']);
  });

  test('a library role of a generic provider of the app is audited without genericIssuers, and is clean', () => {
    const result = guard((stack) => {
      const provider = new GenericOidcProvider(stack, 'Jenkins', { url: 'https://jenkins.example.com/oidc' });
      new CiDeployRole(stack, 'Role', { provider, subjects: [GenericSubject.exact('https://jenkins.example.com/job/deploy/')] });
    });
    expect(result.findings).toEqual([]);
  });

  test('a hand-written pattern is held to the rule of GenericSubject.pattern: org:* is an error, two fixed parts a warning', () => {
    const role = (sub: string) => (stack: Stack): void => handWritten(stack, CODEFRESH_ARN, {
      StringEquals: { 'oidc.codefresh.io:aud': 'sts.amazonaws.com' },
      StringLike: { 'oidc.codefresh.io:sub': sub },
    });
    expect(guard(role('account:*')).findings).toEqual(['/Stack/Role cdk-ci-oidc:guard:wildcardScope']);
    expect(guard(role('account:5f30ebd30312313ae7f17948:pipeline:*')).findings).toEqual(['/Stack/Role cdk-ci-oidc:rawPatternSubject']);
  });
});
