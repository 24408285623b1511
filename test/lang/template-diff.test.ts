import { templateDifferences, withoutCdkMetadata } from './template-diff';

// The comparison that test/lang/templates.langtest.ts applies to every language's templates.

const ROLE = {
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: {
      Statement: [{
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'gitlab.com:sub': 'project_path:acme/api:ref_type:branch:ref:main' } },
      }],
    },
  },
};

function template(language: string, role: object = ROLE): Record<string, any> {
  return {
    Resources: {
      Role: { ...role, Metadata: { 'aws:cdk:path': `${language}/Role/Resource` } },
      CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: `v2:deflate64:${language}` }, Condition: 'CDKMetadataAvailable' },
    },
    Conditions: { CDKMetadataAvailable: { 'Fn::Equals': [language, 'x'] } },
    Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>' } },
  };
}

describe('templateDifferences', () => {
  test('templates that differ only in CDK metadata are equal', () => {
    expect(templateDifferences(template('typescript'), template('python'))).toEqual([]);
  });

  test('keeps metadata that is not CDK\'s and the other sections', () => {
    const copy = withoutCdkMetadata({ ...template('go'), Resources: { Role: { ...ROLE, Metadata: { 'cfn-lint': 1, 'aws:cdk:path': 'x' } } } });
    expect(copy).toEqual({
      Resources: { Role: { ...ROLE, Metadata: { 'cfn-lint': 1 } } },
      Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>' } },
    });
  });

  test('fails if one value of a trust policy differs, naming the resource and the path', () => {
    const changed = JSON.parse(JSON.stringify(ROLE));
    changed.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['gitlab.com:sub'] = 'project_path:acme/api:ref_type:branch:ref:*';

    expect(templateDifferences(template('typescript'), template('java', changed))).toEqual([
      'Resources.Role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals.gitlab.com:sub: expected "project_path:acme/api:ref_type:branch:ref:main", got "project_path:acme/api:ref_type:branch:ref:*"',
    ]);
  });

  test('fails if a resource is missing or extra, or a list has another length', () => {
    const expected = template('typescript');
    const actual = template('go');
    delete actual.Resources.Role;
    actual.Resources.Extra = { Type: 'AWS::IAM::Policy' };
    actual.Parameters.BootstrapVersion.AllowedValues = ['1'];

    expect(templateDifferences(expected, actual)).toEqual([
      'Resources.Extra: expected nothing, got {"Type":"AWS::IAM::Policy"}',
      `Resources.Role: expected ${JSON.stringify(ROLE)}, got nothing`,
      'Parameters.BootstrapVersion.AllowedValues: expected nothing, got ["1"]',
    ]);
    expect(templateDifferences({ Outputs: { A: { Value: ['a'] } } }, { Outputs: { A: { Value: ['a', 'b'] } } })).toEqual([
      'Outputs.A.Value: expected ["a"], got ["a","b"]',
    ]);
  });
});
