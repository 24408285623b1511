import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, NagSuppressions } from 'cdk-nag';
import { CdkBootstrapRole, CiDeployRole, GitHubOidcProvider, GitHubRepository } from '../../src';
import { assumeRoleDecision } from '../fixtures/assume-role-decision';

const ACCOUNT = '123456789012';

function deployRole(stack: Stack): CiDeployRole {
  const provider = GitHubOidcProvider.fromAccount(stack, 'GitHub');
  return new CiDeployRole(stack, 'DeployRole', {
    provider,
    subjects: [GitHubRepository.of('acme/api').environment('production')],
  });
}

function envStack(region = 'eu-west-1', context: Record<string, unknown> = {}): Stack {
  return new Stack(new App({ context }), 'Stack', { env: { account: ACCOUNT, region } });
}

/** The role's identity policy, resolved. */
function policyDocument(stack: Stack): unknown {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  const [policy] = Object.values(policies);
  return (policy as { Properties: { PolicyDocument: unknown } }).Properties.PolicyDocument;
}

/** `arn:${AWS::Partition}:iam::<account>:role/<name>` as CloudFormation writes it. */
/** The region shapes of the commercial partition by direction (issue 11: no '*' in the region part). */
const FAMILIES = ['??-central-?', '??-east-?', '??-north-?', '??-northeast-?', '??-south-?', '??-southeast-?', '??-west-?'];

/** The deny statement that comes with organization paths, for the qualifier. */
function pathDeny(qualifier = 'hnb659fds'): unknown {
  return { Effect: 'Deny', Action: 'sts:AssumeRole', Resource: partitionArn('*', `*cdk-${qualifier}-*/*`) };
}

function partitionArn(account: string, name: string): unknown {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:role/${name}`]] };
}

describe('allowCdkDeploy', () => {
  describe('accounts and regions', () => {
    test('defaults: the four bootstrap roles of the stack account, every region family of the partition', () => {
      // GIVEN
      const stack = envStack();
      const role = deployRole(stack);

      // WHEN
      role.allowCdkDeploy();

      // THEN
      expect(policyDocument(stack)).toEqual({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Resource: ['deploy', 'file-publishing', 'image-publishing', 'lookup']
            .flatMap((kind) => FAMILIES.map((family) => partitionArn(ACCOUNT, `cdk-hnb659fds-${kind}-role-${ACCOUNT}-${family}`))),
        }, pathDeny()],
      });
    });

    test('accounts x roles x regions are listed, without any wildcard', () => {
      // GIVEN
      const stack = envStack();
      const role = deployRole(stack);

      // WHEN
      role.allowCdkDeploy({
        qualifier: 'acme01',
        accounts: ['111111111111', '222222222222'],
        regions: ['eu-west-1', 'us-east-1'],
        roles: [CdkBootstrapRole.DEPLOY, CdkBootstrapRole.FILE_PUBLISHING],
      });

      // THEN
      const names = ['111111111111', '222222222222'].flatMap((account) =>
        ['deploy', 'file-publishing'].flatMap((kind) =>
          ['eu-west-1', 'us-east-1'].map((region) => partitionArn(account, `cdk-acme01-${kind}-role-${account}-${region}`))));
      expect(policyDocument(stack)).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: names }],
      });
      expect(JSON.stringify(policyDocument(stack))).not.toContain('*');
    });

    test('duplicate accounts, regions and roles are listed once', () => {
      // GIVEN
      const stack = envStack();
      const role = deployRole(stack);

      // WHEN
      const statement = role.allowCdkDeploy({
        accounts: [ACCOUNT, ACCOUNT],
        regions: ['eu-west-1', 'eu-west-1'],
        roles: [CdkBootstrapRole.LOOKUP, CdkBootstrapRole.LOOKUP],
      });

      // THEN
      expect(stack.resolve(statement.resources)).toEqual([partitionArn(ACCOUNT, `cdk-hnb659fds-lookup-role-${ACCOUNT}-eu-west-1`)]);
    });

    test('the qualifier defaults to the context value DefaultStackSynthesizer uses', () => {
      // GIVEN
      const stack = envStack('eu-west-1', { '@aws-cdk/core:bootstrapQualifier': 'ctxqual' });
      const role = deployRole(stack);

      // WHEN
      const statement = role.allowCdkDeploy({ roles: [CdkBootstrapRole.DEPLOY], regions: ['eu-west-1'] });

      // THEN
      expect(stack.resolve(statement.resources)).toEqual([partitionArn(ACCOUNT, `cdk-ctxqual-deploy-role-${ACCOUNT}-eu-west-1`)]);
    });

    test('allowSessionTags adds sts:TagSession', () => {
      // GIVEN
      const stack = envStack();
      const role = deployRole(stack);

      // WHEN
      const statement = role.allowCdkDeploy({ allowSessionTags: true, regions: ['eu-west-1'], roles: [CdkBootstrapRole.DEPLOY] });

      // THEN
      expect(stack.resolve(statement.toStatementJson())).toEqual({
        Effect: 'Allow',
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Resource: partitionArn(ACCOUNT, `cdk-hnb659fds-deploy-role-${ACCOUNT}-eu-west-1`),
      });
    });
  });

  describe('partitions', () => {
    test('an environment-agnostic stack uses AWS::Partition and AWS::AccountId', () => {
      // GIVEN
      const stack = new Stack(new App(), 'Stack');
      const role = deployRole(stack);

      // WHEN
      const statement = role.allowCdkDeploy({ roles: [CdkBootstrapRole.DEPLOY] });

      // THEN
      expect(stack.resolve(statement.resources)).toEqual([{
        'Fn::Join': ['', [
          'arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/cdk-hnb659fds-deploy-role-', { Ref: 'AWS::AccountId' }, '-??-central-?',
        ]],
      }, ...FAMILIES.slice(1).map(() => expect.anything())]);
    });

    test.each([
      ['cn-north-1', 'aws-cn'],
      ['us-gov-west-1', 'aws-us-gov'],
      ['eu-west-1', 'aws'],
    ])('a stack in %s writes partition %s when partition literals are enabled', (region, partition) => {
      // GIVEN
      const stack = envStack(region, { '@aws-cdk/core:enablePartitionLiterals': true });
      const role = deployRole(stack);

      // WHEN
      const statement = role.allowCdkDeploy({ regions: [region], roles: [CdkBootstrapRole.DEPLOY] });

      // THEN
      expect(stack.resolve(statement.resources)).toEqual([`arn:${partition}:iam::${ACCOUNT}:role/cdk-hnb659fds-deploy-role-${ACCOUNT}-${region}`]);
    });

    test('fails if a region is in another partition than the stack', () => {
      // GIVEN
      const role = deployRole(envStack('cn-north-1'));

      // THEN
      expect(() => role.allowCdkDeploy({ regions: ['cn-northwest-1', 'eu-west-1'] })).toThrow(
        "Invalid CdkDeployAccessOptions.regions 'cn-northwest-1, eu-west-1': cn-north-1 is in partition aws-cn and eu-west-1 in aws, " +
        "and a role cannot assume roles across partitions. Allowed form: regions of the partition of the role's stack.",
      );
    });

    test('fails if the regions span partitions in an environment-agnostic stack', () => {
      // GIVEN
      const role = deployRole(new Stack(new App(), 'Stack'));

      // THEN
      expect(() => role.allowCdkDeploy({ regions: ['us-gov-west-1', 'us-east-1'] })).toThrow(
        'us-gov-west-1 is in partition aws-us-gov and us-east-1 in aws',
      );
    });
  });

  describe('organization paths', () => {
    test('any account below the paths: wildcard account bounded by aws:ResourceOrgPaths', () => {
      // GIVEN
      const stack = envStack();
      const role = deployRole(stack);

      // WHEN
      role.allowCdkDeploy({
        organizationPaths: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111', 'o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/ou-ab12-33333333/'],
        regions: ['eu-west-1'],
        roles: [CdkBootstrapRole.DEPLOY, CdkBootstrapRole.FILE_PUBLISHING],
      });

      // THEN
      expect(policyDocument(stack)).toEqual({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Resource: [
            partitionArn('*', 'cdk-hnb659fds-deploy-role-????????????-eu-west-1'),
            partitionArn('*', 'cdk-hnb659fds-file-publishing-role-????????????-eu-west-1'),
          ],
          Condition: {
            'ForAnyValue:StringLike': {
              'aws:ResourceOrgPaths': [
                'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*',
                'o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/ou-ab12-33333333/*',
              ],
            },
          },
        }, pathDeny()],
      });
    });

    test('an independent evaluator: roles below the path are allowed; siblings, outsiders and other roles are not', () => {
      // GIVEN
      const stack = envStack('eu-west-1', { '@aws-cdk/core:enablePartitionLiterals': true });
      const role = deployRole(stack);
      role.allowCdkDeploy({ organizationPaths: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111'], regions: ['eu-west-1'], roles: [CdkBootstrapRole.DEPLOY] });
      const policy = policyDocument(stack);
      const deployRoleIn = (account: string, qualifier = 'hnb659fds', kind = 'deploy', region = 'eu-west-1') =>
        `arn:aws:iam::${account}:role/cdk-${qualifier}-${kind}-role-${account}-${region}`;

      // THEN
      const decide = (arn: string, paths?: string[]) => assumeRoleDecision(policy, arn, paths);
      expect(decide(deployRoleIn('333333333333'), ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'])).toBe('Allowed');
      expect(decide(deployRoleIn('333333333333'), ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-44444444/'])).toBe('Allowed');
      expect(decide(deployRoleIn('333333333333'), ['o-a1b2c3d4e5/r-ab12/ou-ab12-111111112/'])).toBe('ImplicitlyDenied');
      expect(decide(deployRoleIn('333333333333'), ['o-a1b2c3d4e5/r-ab12/'])).toBe('ImplicitlyDenied');
      expect(decide(deployRoleIn('333333333333'), undefined)).toBe('ImplicitlyDenied');
      expect(decide(deployRoleIn('333333333333', 'other'), ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'])).toBe('ImplicitlyDenied');
      expect(decide(deployRoleIn('333333333333', 'hnb659fds', 'lookup'), ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'])).toBe('ImplicitlyDenied');
      expect(decide(deployRoleIn('333333333333', 'hnb659fds', 'deploy', 'us-east-1'), ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'])).toBe('ImplicitlyDenied');
      expect(decide('arn:aws:iam::333333333333:role/Admin', ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'])).toBe('ImplicitlyDenied');
    });

    test('a whole organization: the root path', () => {
      // GIVEN
      const stack = envStack();
      const role = deployRole(stack);

      // WHEN
      const statement = role.allowCdkDeploy({ organizationPaths: ['o-a1b2c3d4e5/r-ab12/'], roles: [CdkBootstrapRole.LOOKUP] });

      // THEN
      expect(stack.resolve(statement.toStatementJson())).toEqual({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: FAMILIES.map((family) => partitionArn('*', `cdk-hnb659fds-lookup-role-????????????-${family}`)),
        Condition: { 'ForAnyValue:StringLike': { 'aws:ResourceOrgPaths': ['o-a1b2c3d4e5/r-ab12/*'] } },
      });
    });

    test.each([
      ['o-a1b2c3d4e5', 'no root'],
      ['o-a1b2c3d4e5/*', 'a wildcard'],
      ['o-a1b2c3d4e5/r-ab12/ou-ab12-1111*', 'a wildcard in an OU'],
      ['r-ab12/ou-ab12-11111111/', 'no organization'],
      ['o-a1b2c3d4e5/r-ab12/123456789012/', 'an account instead of an OU'],
      ['o-a1b2c3d4e5/r-ab12//', 'an empty part'],
      ['O-A1B2C3D4E5/r-ab12/', 'upper case'],
    ])('fails if an organization path has %s (%s)', (orgPath) => {
      // GIVEN
      const role = deployRole(envStack());

      // THEN
      expect(() => role.allowCdkDeploy({ organizationPaths: [orgPath] })).toThrow(
        `Invalid CdkDeployAccessOptions.organizationPaths '${orgPath}': it is not an AWS Organizations path ` +
        '(no wildcards: every account below the path is included). ' +
        "Allowed form: 'o-<org id>/r-<root id>/' or 'o-<org id>/r-<root id>/ou-<ou id>/...', e.g. 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'.",
      );
    });

    test('fails if accounts and organization paths are both given', () => {
      // GIVEN
      const role = deployRole(envStack());

      // THEN
      expect(() => role.allowCdkDeploy({ accounts: [ACCOUNT], organizationPaths: ['o-a1b2c3d4e5/r-ab12/'] })).toThrow(
        `Invalid CdkDeployAccessOptions.organizationPaths 'o-a1b2c3d4e5/r-ab12/': it is given with accounts (${ACCOUNT}), and one statement would require both at once.`,
      );
    });
  });

  describe('validation', () => {
    test.each([
      ['a', true], ['hnb659fds', true], ['Ab_-09xyzQ', true],
      ['', false], ['abcdefghijk', false], ['acme*', false], ['acme.1', false], ['ac me', false],
    ])('qualifier %p is accepted: %p', (qualifier, ok) => {
      // GIVEN
      const role = deployRole(envStack());

      // WHEN
      const attempt = () => role.allowCdkDeploy({ qualifier });

      // THEN
      if (ok) {
        expect(attempt).not.toThrow();
      } else {
        expect(attempt).toThrow(
          `Invalid CdkDeployAccessOptions.qualifier '${qualifier}': it is not what \`cdk bootstrap --qualifier\` accepts. ` +
          "Allowed form: 1 to 10 of A-Z a-z 0-9 _ -, e.g. 'hnb659fds'.",
        );
      }
    });

    test.each(['12345678901', '1234567890123', '*', '12345678901*', 'account'])('fails if an account is %p', (account) => {
      // GIVEN
      const role = deployRole(envStack());

      // THEN
      expect(() => role.allowCdkDeploy({ accounts: [account] })).toThrow(
        `Invalid CdkDeployAccessOptions.accounts '${account}': it is not an account id. Allowed form: 12 digits, e.g. '123456789012'.`,
      );
    });

    test.each(['*', 'eu-*', 'EU-WEST-1', 'eu-west', 'euwest1', ''])('fails if a region is %p', (region) => {
      // GIVEN
      const role = deployRole(envStack());

      // THEN
      expect(() => role.allowCdkDeploy({ regions: [region] })).toThrow(
        `Invalid CdkDeployAccessOptions.regions '${region}': it is not a region name. ` +
        "Allowed form: a region such as 'eu-west-1' (leave regions out for every region).",
      );
    });

    test.each(['accounts', 'regions', 'organizationPaths', 'roles'])('fails if %s is an empty list', (property) => {
      // GIVEN
      const role = deployRole(envStack());

      // THEN
      expect(() => role.allowCdkDeploy({ [property]: [] })).toThrow(
        `Invalid CdkDeployAccessOptions.${property} '[]': it is empty. Allowed form: at least one value, or leave ${property} out for the default.`,
      );
    });

    test('a token account is accepted', () => {
      // GIVEN
      const stack = envStack();
      const role = deployRole(stack);

      // WHEN
      const statement = role.allowCdkDeploy({ accounts: [stack.resolve(Stack.of(role).account) as string], roles: [CdkBootstrapRole.DEPLOY] });

      // THEN
      expect(stack.resolve(statement.resources)).toEqual(FAMILIES.map((family) => partitionArn(ACCOUNT, `cdk-hnb659fds-deploy-role-${ACCOUNT}-${family}`)));
    });

    test('the size check: the last list that fits and the first that does not', () => {
      // GIVEN 4 roles x 4 regions = 16 ARNs of about 94 characters per account
      const regions = ['eu-west-1', 'eu-west-2', 'us-east-1', 'us-east-2'];
      const accounts = (n: number) => Array.from({ length: n }, (_, i) => String(100000000000 + i));

      // THEN
      expect(() => deployRole(envStack()).allowCdkDeploy({ accounts: accounts(6), regions })).not.toThrow();
      expect(() => deployRole(envStack()).allowCdkDeploy({ accounts: accounts(7), regions })).toThrow(
        /^Invalid CdkDeployAccessOptions '7 accounts x 4 roles x 4 regions': its 112 bootstrap role ARNs take about \d+ characters, over the 10240 that IAM allows/,
      );
    });
  });

  describe('cdk-nag AwsSolutions', () => {
    function nagStack(): Stack {
      const stack = envStack();
      Aspects.of(stack).add(new AwsSolutionsChecks());
      return stack;
    }

    function unsuppressedFindings(stack: Stack): unknown[] {
      const annotations = Annotations.fromStack(stack);
      return [
        ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
        ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ];
    }

    test('listed accounts and regions: no finding at all', () => {
      // GIVEN
      const stack = nagStack();
      const role = deployRole(stack);

      // WHEN
      role.allowCdkDeploy({ accounts: [ACCOUNT, '210987654321'], regions: ['eu-west-1', 'us-east-1'] });

      // THEN
      expect(unsuppressedFindings(stack)).toEqual([]);
    });

    test('every region: no finding, since the region part has no "*" (only one-character "?")', () => {
      // GIVEN
      const stack = nagStack();
      const role = deployRole(stack);

      // WHEN
      role.allowCdkDeploy({ roles: [CdkBootstrapRole.DEPLOY] });

      // THEN
      expect(unsuppressedFindings(stack)).toEqual([]);
    });

    test('organization paths: IAM5 on the account wildcard only, suppressed with a reason', () => {
      // GIVEN
      const stack = nagStack();
      const role = deployRole(stack);

      // WHEN
      role.allowCdkDeploy({ organizationPaths: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'], regions: ['eu-west-1'], roles: [CdkBootstrapRole.DEPLOY] });
      // aws:ResourceOrgPaths bounds the wildcard account to the organizational unit.
      NagSuppressions.addResourceSuppressions(role, [{
        id: 'AwsSolutions-IAM5',
        reason: 'Bootstrap roles of every account in one organizational unit, bounded by aws:ResourceOrgPaths.',
        appliesTo: ['Resource::arn:<AWS::Partition>:iam::*:role/cdk-hnb659fds-deploy-role-????????????-eu-west-1'],
      }], true);

      // THEN
      expect(unsuppressedFindings(stack)).toEqual([]);
    });
  });
});
