import { readFileSync } from 'fs';
import { join } from 'path';

// The README's Python, Java and Go quick starts are the files that `npx projen test:lang` runs.
const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The README's code blocks of one language, as written. */
function readmeBlocks(fence: string): string[] {
  return [...README.matchAll(new RegExp('^```' + fence + '\\n([\\s\\S]*?)^```$', 'gm'))].map((match) => match[1]);
}

describe.each([
  ['python', 'test/lang/python/deploy_stack.py'],
  ['java', 'test/lang/java/src/main/java/com/myorg/DeployStack.java'],
  ['go', 'test/lang/go/deploy_stack.go'],
])('the README\'s %s quick start', (fence, file) => {
  test(`is ${file}, character for character`, () => {
    expect(readmeBlocks(fence)).toEqual([readFileSync(join(ROOT, file), 'utf8')]);
  });
});
