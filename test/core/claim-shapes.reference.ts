/*
 * The first, plain implementation of the product search of src/core/claim-shapes.ts: sets and
 * string keys, no precomputation. Kept as the oracle the fast search is checked against
 * (claim-shapes.search.test.ts): both must give the same answers, and the same claims.
 */
import { CharClass, ClaimShape } from '../../src/core/claim-shapes';

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

/** A readable character for OTHER: the first of `x`, `y`, `z`, ... that no side names. */
function otherChar(symbols: SymbolChar[]): string {
  return [...'xyzqwkj0123456789'].find((c) => !symbols.includes(c)) ?? '\u00e6';
}

/** `someMatch` by the search over the product of the two automata, for any value. */
export function referenceSearchSome(value: string, pattern: boolean, shape: ClaimShape): string | undefined {
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

/** `matchesEvery` by the search over the product of the two automata, for any value. */
export function referenceSearchEvery(value: string, pattern: boolean, shape: ClaimShape): boolean {
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
