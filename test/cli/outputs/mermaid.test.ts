import * as path from 'path';
import { mermaidLabel } from '../../../src/cli/outputs/mermaid';
import { INPUTS, oneRoleTemplate, report, writeFiles } from '../report-run';

const GH = 'token.actions.githubusercontent.com';

function diagram(markdown: string): string[] {
  const start = markdown.indexOf('```mermaid\n');
  return markdown.slice(start, markdown.indexOf('\n```\n', start) + 4).split('\n');
}

describe('the Mermaid diagram of the Markdown report', () => {
  test('pipelines → roles → what they may do, risky edges and administrator access in red', () => {
    const markdown = report([path.join(INPUTS, 'terraform', 'state.json')]).stdout;
    expect(diagram(markdown)).toEqual([
      '```mermaid',
      'flowchart LR',
      '  role1["aws_iam_role.ci_open"]',
      '  subject1("GitHub Actions: any job of token.actions.githubusercontent.com #40;no sub condition that narrows it#41;")',
      '  subject1 -->|"missingSub"| role1',
      '  may1["administrator-level / managed: AdministratorAccess"]',
      '  role1 --> may1',
      '  role2["aws_iam_role.ci_prefix"]',
      '  subject2("GitHub Actions: sub repo:acme*")',
      '  subject2 -->|"wildcardScope, adminTrustedByBranch"| role2',
      '  may2["administrator-level / managed: ci-deployer"]',
      '  role2 --> may2',
      '  role3["aws_iam_role.ci_forallvalues"]',
      '  subject1 -->|"unsafeOperator"| role3',
      '  may3["no permissions in these inputs"]',
      '  role3 --> may3',
      '  role4["module.ci.aws_iam_role.ci_gitlab_any_ref"]',
      '  subject3("GitLab CI/CD: acme/api, any job")',
      '  subject3 -->|"anyRefSubject"| role4',
      '  may4["managed: ReadOnlyAccess"]',
      '  role4 --> may4',
      '  role5["module.ci.aws_iam_role.ci_deploy"]',
      '  subject4("GitHub Actions: acme/api, environment production")',
      '  subject4 --> role5',
      '  may5["administrator-level / assumes the CDK bootstrap deploy role of account 222222222222 in eu-west-1 #40;qualifier hnb659fds#41;"]',
      '  role5 --> may5',
      '  classDef risky stroke:#d73a49,stroke-width:2px,color:#d73a49',
      '  class may1,role1,may2,role2,role3,may5 risky',
      '  linkStyle 0,1,2,3,4,6,9 stroke:#d73a49,stroke-width:2px',
      '```',
    ]);
  });

  test('no label can close itself, the diagram or the Markdown fence', () => {
    expect(mermaidLabel('a"] --> evil["x')).toBe('"a#34;#93; --#62; evil#91;#34;x"');
    expect(mermaidLabel('```\n# Findings: none\u202e')).toBe('"#96;#96;#96;#92;n#35; Findings: none#92;u202e"');
    expect(mermaidLabel('x|y<br>&amp;')).toBe('"x#124;y#60;br#62;#38;amp#59;"');
  });

  test('a forged subject stays inside its label', () => {
    const file = path.join(writeFiles({
      'forged.json': oneRoleTemplate({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/api:environment:prod")\n```\n# none' } }),
    }), 'forged.json');
    const lines = diagram(report([file]).stdout);
    expect(lines.filter((line) => line.startsWith('```'))).toEqual(['```mermaid', '```']);
    expect(lines.every((line) => /^(```|flowchart LR|  \S)/.test(line))).toBe(true);
  });

  test('is left out above 40 roles, and with --no-diagram', () => {
    const template = JSON.parse(oneRoleTemplate({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/api:environment:production' } }));
    const many = { Resources: Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`Role${i}`, template.Resources.CiRole])) };
    const file = path.join(writeFiles({ 'many.json': JSON.stringify(many) }), 'many.json');
    const markdown = report([file]).stdout;
    expect(markdown).not.toContain('```mermaid');
    expect(markdown).toContain('The diagram is left out above 40 roles (41 here).');
    expect(report([path.join(INPUTS, 'terraform', 'state.json'), '--no-diagram']).stdout).not.toContain('mermaid');
  });
});
