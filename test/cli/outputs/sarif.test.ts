import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { FindingId } from '../../../src/core/finding-id';
import { INPUTS, report, writeFiles } from '../report-run';

/** The published SARIF 2.1.0 schema (test/fixtures/sarif/README.md), with a validator that checks formats too. */
function sarifValidator(): ReturnType<Ajv['compile']> {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0-rtm.5.json'), 'utf8'));
  // The schema's patterns are ECMA-262 without the u flag (one has a lone ']').
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('report --format sarif', () => {
  const validate = sarifValidator();
  const all = [
    path.join(INPUTS, 'cloudformation', 'ci-roles.template.yaml'),
    path.join(INPUTS, 'iam', 'account-111111111111.api.json'),
    path.join(INPUTS, 'terraform', 'plan.json'),
  ];

  test('is valid SARIF 2.1.0 for every input format, problems included', () => {
    const result = report([...all, '--format', 'sarif']);
    expect(result.status).toBe(1);
    const log = JSON.parse(result.stdout);
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.runs[0].results).toHaveLength(15);
    expect(log.runs[0].invocations[0].toolExecutionNotifications).toEqual([{
      level: 'warning',
      message: { text: 'aws_iam_role.ci_late: assume_role_policy is known only after apply: the role is not audited (audit the state after apply)' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'test/fixtures/audit-inputs/terraform/plan.json' } } }],
    }]);
  });

  test('a rule per finding id with help and fix; a result per finding at the role\'s line, with the role as logical location', () => {
    const log = JSON.parse(report([all[0], '--format', 'sarif']).stdout);
    const rules = log.runs[0].tool.driver.rules as Array<{ id: string; help: { text: string }; defaultConfiguration: { level: string } }>;
    expect(rules.map((r) => r.id)).toEqual(Object.values(FindingId));
    const missingSub = rules.find((r) => r.id === FindingId.MISSING_SUB)!;
    expect(missingSub.defaultConfiguration.level).toBe('error');
    expect(missingSub.help.text).toMatch(/^No condition on <issuer>:sub: .* Fix: Add a StringEquals condition on <issuer>:sub/);
    expect(rules.find((r) => r.id === FindingId.ANY_REF)!.defaultConfiguration.level).toBe('warning');
    // The open role's result: its rule, the fix in the message, the line of its logical id in the YAML
    const result = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === FindingId.MISSING_SUB);
    const yaml = fs.readFileSync(all[0], 'utf8').split('\n');
    expect(result).toEqual({
      ruleId: FindingId.MISSING_SUB,
      ruleIndex: Object.values(FindingId).indexOf(FindingId.MISSING_SUB),
      level: 'error',
      message: { text: expect.stringMatching(/^ci-roles\/OpenRole: The statement trusts the GitHub Actions provider .* Fix: Add a subject condition/) },
      locations: [{
        physicalLocation: { artifactLocation: { uri: 'test/fixtures/audit-inputs/cloudformation/ci-roles.template.yaml' }, region: { startLine: yaml.indexOf('  OpenRole:') + 1 } },
        logicalLocations: [{ fullyQualifiedName: 'ci-roles/OpenRole', kind: 'resource' }],
      }],
      partialFingerprints: { 'cdkCiOidcFinding/v1': expect.stringMatching(/^[0-9a-f]{64}$/) },
      properties: { account: null, region: null, stack: 'ci-roles', logicalId: 'OpenRole', address: null, arn: null },
    });
  });

  test('an acknowledged warning is a result with an accepted external suppression and its reason', () => {
    const file = path.join(INPUTS, 'cloudformation', 'ci-roles.template.json');
    const acks = path.join(writeFiles({
      'acks.json': JSON.stringify({ acknowledgements: [{ role: 'ci-gitlab-any-ref', id: FindingId.ANY_REF, reason: 'read-only role' }] }),
    }), 'acks.json');
    const log = JSON.parse(report([file, '--format', 'sarif', '--acknowledgements', acks]).stdout);
    expect(validate(log)).toBe(true);
    const anyRef = log.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === FindingId.ANY_REF);
    expect(anyRef.map((r: { suppressions?: unknown }) => r.suppressions)).toEqual([[{ kind: 'external', status: 'accepted', justification: 'read-only role' }]]);
  });
});
