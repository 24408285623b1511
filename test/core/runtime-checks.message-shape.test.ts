import * as fs from 'fs';
import * as path from 'path';

/*
 * Every synthesis error has the shape `Invalid <where> '<value>': <why>. Allowed form: <form>.`,
 * which only `invalid()` builds. A hand-written `new Error(` anywhere else in src/ breaks the rule.
 */
const SRC = path.join(__dirname, '..', '..', 'src');

/** The one place that builds the message, and the one rethrow that adds the StackSet owner's name. */
const ALLOWED: { [file: string]: number } = {
  'core/runtime-checks.ts': 1,
  'organization/instance-template.ts': 1,
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function errorConstructions(file: string): number {
  return (fs.readFileSync(file, 'utf8').match(/\bnew Error\(/g) ?? []).length;
}

describe('synthesis error messages', () => {
  const files = sourceFiles(SRC).map((file) => path.relative(SRC, file).split(path.sep).join('/'));

  test('the scan sees the library sources', () => {
    expect(files).toEqual(expect.arrayContaining(['index.ts', ...Object.keys(ALLOWED)]));
    expect(files.length).toBeGreaterThan(100);
  });

  test('no file but the allowed ones writes new Error(', () => {
    const found = Object.fromEntries(files
      .map((file) => [file, errorConstructions(path.join(SRC, file))] as const)
      .filter(([, count]) => count > 0));
    expect(found).toEqual(ALLOWED);
  });
});
