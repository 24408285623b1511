import { parseCloudFormationYaml, YamlInputError } from '../../../src/audit/inputs/cloudformation-yaml';

describe('CloudFormation YAML', () => {
  test('reads every short-form intrinsic as its long form', () => {
    const template = parseCloudFormationYaml([
      'AWSTemplateFormatVersion: 2010-09-09',
      'Values:',
      '  ref: !Ref Provider',
      '  sub: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/gitlab.com',
      '  subList: !Sub [ "${A}", { A: !Ref B } ]',
      '  getAtt: !GetAtt Provider.Arn',
      '  getAttDotted: !GetAtt Stack.Outputs.ProviderArn',
      '  getAttList: !GetAtt [ Provider, Arn ]',
      '  if: !If [ IsProd, !Ref A, !Ref AWS::NoValue ]',
      '  join: !Join [ "", [ "a", !Ref B ] ]',
      '  select: !Select [ 0, !GetAZs "" ]',
      '  split: !Split [ ",", !ImportValue Shared-List ]',
      '  findInMap: !FindInMap [ Map, !Ref AWS::Region, Key ]',
      '  base64: !Base64 text',
      '  cidr: !Cidr [ 10.0.0.0/16, 4, 8 ]',
      '  importValue: !ImportValue Shared-ProviderArn',
      '  equals: !Equals [ !Ref Env, prod ]',
      '  and: !And [ !Condition A, !Not [ !Condition B ] ]',
      '  or: !Or [ !Condition A, !Condition B ]',
      '  transform: !Transform { Name: AWS::Include, Parameters: { Location: s3://bucket/file } }',
    ].join('\n'));
    expect(template).toEqual({
      AWSTemplateFormatVersion: '2010-09-09',
      Values: {
        ref: { Ref: 'Provider' },
        sub: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/gitlab.com' },
        subList: { 'Fn::Sub': ['${A}', { A: { Ref: 'B' } }] },
        getAtt: { 'Fn::GetAtt': ['Provider', 'Arn'] },
        getAttDotted: { 'Fn::GetAtt': ['Stack', 'Outputs.ProviderArn'] },
        getAttList: { 'Fn::GetAtt': ['Provider', 'Arn'] },
        if: { 'Fn::If': ['IsProd', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] },
        join: { 'Fn::Join': ['', ['a', { Ref: 'B' }]] },
        select: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
        split: { 'Fn::Split': [',', { 'Fn::ImportValue': 'Shared-List' }] },
        findInMap: { 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Key'] },
        base64: { 'Fn::Base64': 'text' },
        cidr: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
        importValue: { 'Fn::ImportValue': 'Shared-ProviderArn' },
        equals: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
        and: { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Not': [{ Condition: 'B' }] }] },
        or: { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] },
        transform: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://bucket/file' } } },
      },
    });
  });

  test('fails if a tag is unknown, with its line', () => {
    expect(() => parseCloudFormationYaml('a: 1\nb: !Bogus x\n')).toThrow(new YamlInputError('Unresolved tag: !Bogus at line 2, column 4:'));
  });

  test('fails if a key repeats: CloudFormation refuses such a template, and one copy would hide the other', () => {
    expect(() => parseCloudFormationYaml('Resources:\n  A: 1\n  A: 2\n')).toThrow(YamlInputError);
  });
});
