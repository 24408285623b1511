/*
 * What an IAM `StringLike` pattern matches, decided over whole families of claims rather than a
 * few samples: "does it match SOME branch of acme/api" and "does it match EVERY branch of acme/api"
 * are answered exactly, however the pattern is spelled (`ref:refs/h*`, `*:ref:main`, `e*` ...).
 *
 * A family is a claim shape: literal text and runs of "one or more characters of a class". Both the
 * pattern and the shape are small automata; the answers come from a search over their product.
 * Plain JSON logic, no aws-cdk-lib: the audit, the guard and the subject builders share it.
 */

/** Characters a name may hold: every character except those listed. */
export interface CharClass {
  readonly except: string;
}

/** One piece of a claim shape: literal text, or one or more characters of a class. */
export type ShapePart = { readonly text: string } | { readonly oneOrMore: CharClass };

/** A family of claims, e.g. `repo:acme/api:ref:refs/heads/` followed by any branch name. */
export type ClaimShape = readonly ShapePart[];

/** Shape parts: literal text. */
export function text(value: string): ShapePart {
  return { text: value };
}

/** Shape parts: one or more characters of a class. */
export function oneOrMore(except: string): ShapePart {
  return { oneOrMore: { except } };
}

/** IAM `StringLike` matching: `*` any run of characters, `?` any one character. */
export function globMatches(pattern: string, value: string): boolean {
  const source = pattern.split('').map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`).test(value);
}

type GlobToken = { readonly star: true } | { readonly any: true } | { readonly char: string };
/** A symbol of the search: a character, or OTHER, any character that neither side names. */
type SymbolChar = string | typeof OTHER;
const OTHER = Symbol('other');

/** The pattern as tokens; under `StringEquals` (`pattern: false`) every character is literal. */
function globTokens(value: string, pattern: boolean): GlobToken[] {
  return [...value].map((c) => (pattern && c === '*' ? { star: true } : pattern && c === '?' ? { any: true } : { char: c }));
}

/** Shape nodes: one literal character, or one character of a class that may repeat. */
type ShapeNode = { readonly char: string } | { readonly cls: CharClass };

function shapeNodes(shape: ClaimShape): ShapeNode[] {
  return shape.flatMap((part): ShapeNode[] => ('text' in part ? [...part.text].map((char) => ({ char })) : [{ cls: part.oneOrMore }]));
}

/** Every symbol that behaves differently somewhere, plus OTHER for all the rest. */
function alphabet(tokens: GlobToken[], nodes: ShapeNode[]): SymbolChar[] {
  const chars = new Set<string>();
  tokens.forEach((t) => 'char' in t && chars.add(t.char));
  nodes.forEach((n) => ('char' in n ? chars.add(n.char) : [...n.cls.except].forEach((c) => chars.add(c))));
  // OTHER first: the claims `someMatch` shows then use a neutral character where any would do.
  return [OTHER, ...chars];
}

function closure(tokens: GlobToken[], states: Iterable<number>): Set<number> {
  const result = new Set<number>();
  for (const start of states) {
    let i = start;
    result.add(i);
    while (i < tokens.length && 'star' in tokens[i]) {
      i++;
      result.add(i);
    }
  }
  return result;
}

function globStep(tokens: GlobToken[], states: Set<number>, symbol: SymbolChar): Set<number> {
  const next: number[] = [];
  for (const i of states) {
    const token = tokens[i];
    if (token === undefined) {
      continue;
    }
    if ('star' in token) {
      next.push(i);
    } else if ('any' in token || token.char === symbol) {
      next.push(i + 1);
    }
  }
  return closure(tokens, next);
}

function inClass(cls: CharClass, symbol: SymbolChar): boolean {
  return symbol === OTHER || !cls.except.includes(symbol);
}

/** Shape positions reachable from `position` on `symbol`: the next node, or a class node's repetition. */
function shapeStep(nodes: ShapeNode[], position: number, symbol: SymbolChar): number[] {
  const result: number[] = [];
  const node = nodes[position];
  if (node !== undefined && ('char' in node ? node.char === symbol : inClass(node.cls, symbol))) {
    result.push(position + 1);
  }
  const previous = nodes[position - 1];
  if (previous !== undefined && 'cls' in previous && inClass(previous.cls, symbol)) {
    result.push(position);
  }
  return result;
}

/** Whether the value (a pattern when `pattern`) matches at least one claim of the shape. */
export function matchesSome(value: string, pattern: boolean, shape: ClaimShape): boolean {
  return someMatch(value, pattern, shape) !== undefined;
}

/**
 * A claim of the shape that the value (a pattern when `pattern`) matches, or undefined when it
 * matches none: the shortest one, with `x` for a character that neither side names.
 */
export function someMatch(value: string, pattern: boolean, shape: ClaimShape): string | undefined {
  if (isLiteral(value, pattern)) {
    // A literal value is the only claim it matches: a membership test, not a search (the builders classify every subject).
    const [, rest, restShape] = withoutCommonPrefix(value, pattern, shape);
    return shapeRegExp(restShape).test(rest) ? value : undefined;
  }
  const [prefix, rest, restShape] = withoutCommonPrefix(value, pattern, shape);
  const claim = searchSome(rest, pattern, restShape);
  return claim === undefined ? undefined : prefix + claim;
}

/** `someMatch` by the search over the product of the two automata, for any value. */
export function searchSome(value: string, pattern: boolean, shape: ClaimShape): string | undefined {
  const tokens = globTokens(value, pattern);
  const nodes = shapeNodes(shape);
  const symbols = alphabet(tokens, nodes);
  const parents = new Map<string, { from?: string; char: string }>();
  const queue: Array<[number, number]> = [];
  for (const i of closure(tokens, [0])) {
    parents.set(`${i},0`, { char: '' });
    queue.push([i, 0]);
  }
  // Breadth first, so that the claim shown is a short one.
  for (let head = 0; head < queue.length; head++) {
    const [i, p] = queue[head];
    const key = `${i},${p}`;
    if (i === tokens.length && p === nodes.length) {
      let claim = '';
      for (let at: string | undefined = key; at !== undefined; at = parents.get(at)!.from) {
        claim = parents.get(at)!.char + claim;
      }
      return claim;
    }
    for (const symbol of symbols) {
      const char = symbol === OTHER ? otherChar(symbols) : symbol;
      const globNext = globStep(tokens, new Set([i]), symbol);
      for (const q of shapeStep(nodes, p, symbol)) {
        for (const j of globNext) {
          const next = `${j},${q}`;
          if (!parents.has(next)) {
            parents.set(next, { from: key, char });
            queue.push([j, q]);
          }
        }
      }
    }
  }
  return undefined;
}

/**
 * The literal text the value and the shape both start with, and what follows it on each side. The
 * value's characters before its first wildcard match only themselves, so a claim of the shape matches
 * the value exactly when its rest matches the value's rest: the search runs on the rests (the scope of
 * a subject, `repo:acme/api:`, is most of its length).
 */
function withoutCommonPrefix(value: string, pattern: boolean, shape: ClaimShape): [string, string, ClaimShape] {
  const head = pattern ? value.slice(0, value.search(/[*?]|$/)) : value;
  const parts = [...shape];
  let length = 0;
  while (parts.length > 0 && 'text' in parts[0]) {
    const first = parts[0].text;
    let k = 0;
    while (k < first.length && length + k < head.length && first[k] === head[length + k]) {
      k++;
    }
    length += k;
    if (k < first.length) {
      parts[0] = text(first.slice(k));
      break;
    }
    parts.shift();
  }
  return [value.slice(0, length), value.slice(length), parts];
}

/** Whether the value has no wildcard that IAM would expand (under `StringEquals` none does). */
function isLiteral(value: string, pattern: boolean): boolean {
  return !pattern || !/[*?]/.test(value);
}

/** The claims of a shape as a regular expression: literal text, and `[^<except>]+` for a run of a class. */
function shapeRegExp(shape: ClaimShape): RegExp {
  // The shapes after a subject's scope are few (a platform's contexts): compiled once each.
  const key = JSON.stringify(shape);
  let regexp = SHAPE_REGEXPS.get(key);
  if (regexp === undefined) {
    if (SHAPE_REGEXPS.size >= 1000) {
      SHAPE_REGEXPS.clear();
    }
    regexp = compileShape(shape);
    SHAPE_REGEXPS.set(key, regexp);
  }
  return regexp;
}

const SHAPE_REGEXPS = new Map<string, RegExp>();

function compileShape(shape: ClaimShape): RegExp {
  const escape = (literal: string): string => literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  const source = shape.map((part) => ('text' in part ? escape(part.text)
    : part.oneOrMore.except.length === 0 ? '[\\s\\S]+' : `[^${escape(part.oneOrMore.except)}]+`)).join('');
  return new RegExp(`^${source}$`);
}

/** A readable character for OTHER: the first of `x`, `y`, `z`, ... that no side names. */
function otherChar(symbols: SymbolChar[]): string {
  return [...'xyzqwkj0123456789'].find((c) => !symbols.includes(c)) ?? '\u00e6';
}

/** Whether the value (a pattern when `pattern`) matches every claim of the shape. */
export function matchesEvery(value: string, pattern: boolean, shape: ClaimShape): boolean {
  if (isLiteral(value, pattern)) {
    // A literal value matches one claim; a shape with a run of a class has infinitely many (the run always admits OTHER characters).
    return shape.every((part) => 'text' in part) && shape.map((part) => ('text' in part ? part.text : '')).join('') === value;
  }
  const [, rest, restShape] = withoutCommonPrefix(value, pattern, shape);
  return searchEvery(rest, pattern, restShape);
}

/** `matchesEvery` by the search over the product of the two automata, for any value. */
export function searchEvery(value: string, pattern: boolean, shape: ClaimShape): boolean {
  const tokens = globTokens(value, pattern);
  const nodes = shapeNodes(shape);
  const symbols = alphabet(tokens, nodes);
  const seen = new Set<string>();
  // Search for a claim of the shape that the pattern does not match: the pattern's states as a set.
  const queue: Array<[Set<number>, number]> = [[closure(tokens, [0]), 0]];
  while (queue.length > 0) {
    const [states, p] = queue.pop()!;
    const key = `${[...states].sort((a, b) => a - b).join('.')}|${p}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    if (p === nodes.length && !states.has(tokens.length)) {
      return false;
    }
    for (const symbol of symbols) {
      const next = globStep(tokens, states, symbol);
      for (const q of shapeStep(nodes, p, symbol)) {
        queue.push([next, q]);
      }
    }
  }
  return true;
}
