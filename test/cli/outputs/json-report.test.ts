import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { REPORT_SCHEMA_VERSION } from '../../../src/cli/outputs/json-report';
import { INPUTS, report, writeFiles } from '../report-run';

describe('report --json', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'report-schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true }).compile(schema);

  test('follows docs/report-schema.json for every input format, problems and acknowledgements included', () => {
    const acks = path.join(writeFiles({
      'acks.json': JSON.stringify({ acknowledgements: [{ role: 'module.ci.aws_iam_role.ci_gitlab_any_ref', id: 'cdk-ci-oidc:anyRefSubject', reason: 'read-only' }] }),
    }), 'acks.json');
    const result = report([INPUTS, '--json', '--acknowledgements', acks]);
    const document = JSON.parse(result.stdout);
    validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(document.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    // The two IAM exports are one account, whose roles count once; the GitLab role is acknowledged in the plan and the state
    expect(document.summary).toEqual({ inputs: 6, stacks: 5, roles: 25, errors: 15, warnings: 8, acknowledged: 2, problems: 1 });
  });

  test('the schema refuses a document of another major version', () => {
    const document = JSON.parse(report([path.join(INPUTS, 'terraform', 'state.json'), '--json']).stdout);
    expect(validate(document)).toBe(true);
    expect(validate({ ...document, schemaVersion: '3.0' })).toBe(false);
  });
});
