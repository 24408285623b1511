import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { markdownCode, markdownText } from '../../src/cli/markdown';
import { main } from '../../src/cli/report';

/*
 * Templates are input the review does not trust: a value taken from one (a construct path,
 * a subject, a managed policy name, an action) must never forge a line of the report, a
 * table row, a code span or a "no findings" verdict.
 */

const GH = 'token.actions.githubusercontent.com';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A hand-written cloud assembly: one stack whose two roles have the given paths, subjects and managed policy. */
function assembly(values: { path: string; sub: string; policy: string; action: string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ci-oidc-forged-'));
  dirs.push(dir);
  const role = (sub: string): unknown => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${GH}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: sub } },
        }],
      },
      ManagedPolicyArns: [`arn:aws:iam::123456789012:policy/${values.policy}`],
      Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: values.action, Resource: '*' }] } }],
    },
  });
  fs.writeFileSync(path.join(dir, 'Stack.template.json'), JSON.stringify({ Resources: { Forged: role(values.sub), Clean: role('repo:acme/web:ref:refs/heads/main') } }));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    version: '36.0.0',
    artifacts: {
      Stack: {
        type: 'aws:cloudformation:stack',
        properties: { templateFile: 'Stack.template.json' },
        metadata: {
          [`/Stack/${values.path}/Resource`]: [{ type: 'aws:cdk:logicalId', data: 'Forged' }],
          '/Stack/Clean/Resource': [{ type: 'aws:cdk:logicalId', data: 'Clean' }],
        },
      },
    },
  }));
  return dir;
}

function report(dir: string): string {
  let stdout = '';
  // The diagram's labels are checked in test/cli/outputs/mermaid.test.ts.
  main(['report', dir, '--no-diagram'], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
  return stdout.split(dir).join('<dir>');
}

/** The report's lines with every value's text taken out: what the layout is made of. */
function layout(text: string): string[] {
  return text.split('\n').map((line) => /^(#+ |- [A-Z][a-z]+( [a-z]+)?:|  - (\*\*[A-Z]+\*\*)?)?/.exec(line)?.[0] ?? '');
}

const BENIGN = { path: 'Role', sub: 'repo:acme*', policy: 'Deploy', action: 's3:GetObject' };

describe('values of a template cannot forge the report', () => {
  test.each([
    ['a line break and a verdict in the construct path', { path: 'Role\n- Findings: none\n\n### Stack/Other' }],
    ['a carriage return and Unicode line separators', { path: 'Role\r- Findings: none\u2028\u2029' }],
    ['an HTML comment that would hide the findings', { path: 'Role <!--', policy: 'x-->' }],
    ['backticks that would close the code span', { sub: 'repo:acme*`\n- Findings: none\n`' }],
    ['a table row', { sub: 'repo:acme*|\n| a | b |', policy: 'p|q' }],
    ['a heading and a list item in an action', { action: 's3:Get\n# No findings\n- Findings: none' }],
  ])('%s', (_name, forged) => {
    // GIVEN the same assembly with benign and forged values
    const benign = report(assembly(BENIGN));
    const text = report(assembly({ ...BENIGN, ...forged }));

    // THEN the layout is the same line for line: no value made a line, a heading or a verdict
    expect(layout(text)).toEqual(layout(benign));
    expect(text.split('\n').filter((line) => line === '- Findings: none')).toEqual(benign.split('\n').filter((line) => line === '- Findings: none'));
    expect(text).not.toMatch(/\u2028|\u2029|\r/);
    // AND no HTML outside code spans, where Markdown shows it as written
    expect(text.replace(/(`+)[^`].*?\1/g, '')).not.toMatch(/<|>/);
    // AND the forged role still shows its error
    expect(text).toContain('**ERROR** `cdk-ci-oidc:guard:wildcardScope`');
  });
});

describe('markdownText and markdownCode', () => {
  test('text: control characters visible, HTML as entities, code and table characters escaped', () => {
    expect(markdownText('a\nb\r\tc\u0000\u2028 <b>&amp; `x` | [l](u) \\')).toBe(
      'a\\nb\\r\\tc\\u0000\\u2028 &lt;b&gt;&amp;amp; \\`x\\` \\| \\[l\\](u) \\\\',
    );
  });

  test('code: a fence longer than any backtick run inside, padded where the value starts or ends with one', () => {
    expect(markdownCode('repo:acme/*')).toBe('`repo:acme/*`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('``x')).toBe('``` ``x ```');
    expect(markdownCode('a\nb|c')).toBe('`a\\nb\\|c`');
  });
});
