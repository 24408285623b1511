import { readFileSync } from 'fs';
import { join } from 'path';

// Run by `npx projen test:lang` after `check:rosetta`, which compiles the README's TypeScript quick start
// and translates it. Where the translation is right (Python, Java), the README's quick start in that
// language is that translation inside a stack, and test:lang runs it. rosetta's Go translation does not
// compile (missing nil arguments, unqualified struct types), so the Go quick start is written by hand.
const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const TABLET = JSON.parse(readFileSync(join(ROOT, '.jsii.tabl.json'), 'utf8'));

const QUICK_START = README.split('## Quick start (GitHub Actions)')[1].match(/^```ts\n([\s\S]*?)^```$/m)![1];
const snippet = Object.values<any>(TABLET.snippets)
  .find((candidate) => candidate.translations.$.source.trim() === QUICK_START.trim());

/** The lines of `text` from the one after `start` (and the blank line after it) to before `end`, dedented. */
function body(text: string, start: string, end: string | undefined, indent: number): string {
  const lines = text.split('\n');
  const from = lines.findIndex((line) => line.includes(start)) + 2;
  const to = end === undefined ? lines.length : lines.indexOf(end, from);
  return lines.slice(from, to).map((line) => line.slice(indent)).join('\n').trimEnd();
}

test('rosetta compiled the README\'s TypeScript quick start', () => {
  expect(snippet?.didCompile).toBe(true);
});

describe.each([
  ['python', 'test/lang/python/deploy_stack.py', 'super().__init__(', undefined],
  ['java', 'test/lang/java/src/main/java/com/myorg/DeployStack.java', 'super(scope, id);', '    }'],
])('the %s quick start', (language, file, start, end) => {
  const translation: string = snippet?.translations[language]?.source ?? '';
  const [imports, ...code] = translation.split('\n\n\n');
  const source = readFileSync(join(ROOT, file), 'utf8');

  test('has the imports of rosetta\'s translation', () => {
    expect(imports).toMatch(/import/);
    expect(imports.split('\n').filter((line) => !source.split('\n').includes(line))).toEqual([]);
  });

  test('is rosetta\'s translation of the TypeScript one, inside a stack', () => {
    expect(code.join('\n\n\n').trim()).not.toEqual('');
    expect(body(source, start, end, 8)).toEqual(code.join('\n\n\n').trim());
  });
});
