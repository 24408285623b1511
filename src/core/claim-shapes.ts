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
  if (isLiteral(pattern, true)) {
    // No wildcard: equality, without compiling a regular expression (the audit compares many literal scopes).
    return pattern === value;
  }
  const source = pattern.split('').map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`).test(value);
}

/**
 * The pattern and the shape compiled for the search: positions are small integers and every move a
 * table lookup, so the search allocates nothing per step (the subject builders classify every
 * subject, and the audit every statement).
 */
interface SearchSpace {
  /** The symbols: index 0 is OTHER, any character that neither side names; then each named character. */
  readonly symbols: readonly string[];
  /** The character a claim shows for OTHER. */
  readonly other: string;
  /** Pattern positions are 0..tokenCount (tokenCount: the whole pattern matched). */
  readonly tokenCount: number;
  /** Per pattern position: the symbol of its literal character, or ANY (`?`) or STAR (`*`). */
  readonly tokenSymbols: Int32Array;
  /** Per pattern position i: the last position reachable from i over `*` tokens alone (the closure of i is i..starRun[i]). */
  readonly starRun: Int32Array;
  /** Shape positions are 0..nodeCount (nodeCount: the whole shape spelled). */
  readonly nodeCount: number;
  /** Per shape node: whether it is a run of a class, which may repeat. */
  readonly nodeIsClass: Uint8Array;
  /** accepts[node * symbols.length + symbol]: whether the node takes the symbol. */
  readonly accepts: Uint8Array;
}

const ANY = -1;
const STAR = -2;

function searchSpace(value: string, pattern: boolean, shape: ClaimShape): SearchSpace {
  // Every symbol that behaves differently somewhere; OTHER first, so that the claims `someMatch` shows use a neutral character where any would do.
  const symbols = [''];
  const symbolOf = new Map<string, number>();
  const named = (c: string): number => {
    let symbol = symbolOf.get(c);
    if (symbol === undefined) {
      symbol = symbols.length;
      symbols.push(c);
      symbolOf.set(c, symbol);
    }
    return symbol;
  };
  const tokens: number[] = [];
  for (const c of value) {
    tokens.push(pattern && c === '*' ? STAR : pattern && c === '?' ? ANY : named(c));
  }
  const nodeChars: number[] = [];
  const nodeExcepts: string[] = [];
  for (const part of shape) {
    if ('text' in part) {
      for (const c of part.text) {
        nodeChars.push(named(c));
        nodeExcepts.push('');
      }
    } else {
      for (const c of part.oneOrMore.except) {
        named(c);
      }
      nodeChars.push(-1);
      nodeExcepts.push(part.oneOrMore.except);
    }
  }
  const tokenCount = tokens.length;
  const starRun = new Int32Array(tokenCount + 1);
  starRun[tokenCount] = tokenCount;
  for (let i = tokenCount - 1; i >= 0; i--) {
    starRun[i] = tokens[i] === STAR ? starRun[i + 1] : i;
  }
  const width = symbols.length;
  const nodeCount = nodeChars.length;
  const accepts = new Uint8Array(nodeCount * width);
  const nodeIsClass = new Uint8Array(nodeCount);
  for (let n = 0; n < nodeCount; n++) {
    if (nodeChars[n] !== -1) {
      accepts[n * width + nodeChars[n]] = 1;
      continue;
    }
    nodeIsClass[n] = 1;
    for (let k = 0; k < width; k++) {
      accepts[n * width + k] = k === 0 || !nodeExcepts[n].includes(symbols[k]) ? 1 : 0;
    }
  }
  return {
    symbols,
    other: [...'xyzqwkj0123456789'].find((c) => !symbolOf.has(c)) ?? '\u00e6',
    tokenCount,
    tokenSymbols: Int32Array.from(tokens),
    starRun,
    nodeCount,
    nodeIsClass,
    accepts,
  };
}

/** Where the pattern goes from position i on a symbol: the first position of the closure it reaches, or -1 when it dies. */
function globMove(space: SearchSpace, i: number, symbol: number): number {
  if (i === space.tokenCount) {
    return -1;
  }
  const token = space.tokenSymbols[i];
  if (token === STAR) {
    return i;
  }
  return token === ANY || token === symbol ? i + 1 : -1;
}

/** The symbols on which the pattern can leave position i, as a range [first, end): one for a literal character. */
function symbolRange(space: SearchSpace, i: number): [number, number] {
  if (i === space.tokenCount) {
    return [0, 0];
  }
  const token = space.tokenSymbols[i];
  return token >= 0 ? [token, token + 1] : [0, space.symbols.length];
}

/**
 * Where the shape goes from position p on a symbol, in a fixed order: the next node (p + 1), and
 * the repetition of the class run just passed (p); -1 for neither.
 */
function shapeMoves(space: SearchSpace, p: number, symbol: number): [number, number] {
  const width = space.symbols.length;
  const forward = p < space.nodeCount && space.accepts[p * width + symbol] === 1 ? p + 1 : -1;
  const repeat = p > 0 && space.nodeIsClass[p - 1] === 1 && space.accepts[(p - 1) * width + symbol] === 1 ? p : -1;
  return [forward, repeat];
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
    return spells(value, 0, shape, 0) ? value : undefined;
  }
  const [prefix, rest, restShape] = withoutCommonPrefix(value, pattern, shape);
  if (literalEndsDiffer(rest, restShape)) {
    return undefined;
  }
  const claim = searchSome(rest, pattern, restShape);
  return claim === undefined ? undefined : prefix + claim;
}

/** `someMatch` by the search over the product of the two automata, for any value. */
export function searchSome(value: string, pattern: boolean, shape: ClaimShape): string | undefined {
  const space = searchSpace(value, pattern, shape);
  const width = space.nodeCount + 1;
  const size = (space.tokenCount + 1) * width;
  // A product state (i, p) is i * width + p; parent -2: not reached yet, -1: a start.
  const parent = new Int32Array(size).fill(-2);
  const via = new Int32Array(size);
  const queue = new Int32Array(size);
  let tail = 0;
  for (let i = 0; i <= space.starRun[0]; i++) {
    parent[i * width] = -1;
    queue[tail++] = i * width;
  }
  const goal = space.tokenCount * width + space.nodeCount;
  // Breadth first, so that the claim shown is a short one.
  for (let head = 0; head < tail; head++) {
    const state = queue[head];
    if (state === goal) {
      let claim = '';
      for (let at = state; parent[at] !== -1; at = parent[at]) {
        claim = (via[at] === 0 ? space.other : space.symbols[via[at]]) + claim;
      }
      return claim;
    }
    const i = Math.floor(state / width);
    const p = state - i * width;
    const [first, end] = symbolRange(space, i);
    for (let symbol = first; symbol < end; symbol++) {
      const from = globMove(space, i, symbol);
      if (from === -1) {
        continue;
      }
      for (const q of shapeMoves(space, p, symbol)) {
        if (q === -1) {
          continue;
        }
        for (let j = from; j <= space.starRun[from]; j++) {
          const next = j * width + q;
          if (parent[next] === -2) {
            parent[next] = state;
            via[next] = symbol;
            queue[tail++] = next;
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

/**
 * Whether a pattern and a shape, past their common prefix, start or end with literal text that
 * differs, so that no claim matches: the check that spares most contexts of a subject the search
 * (a tag pattern is no environment: `ref:...` against `environment:...`).
 */
function literalEndsDiffer(rest: string, restShape: ClaimShape): boolean {
  const first = restShape[0];
  if (first !== undefined && 'text' in first && rest.length > 0 && rest[0] !== '*' && rest[0] !== '?') {
    // withoutCommonPrefix stopped here: the two literal characters differ.
    return true;
  }
  const last = restShape[restShape.length - 1];
  const tail = rest.slice(Math.max(rest.lastIndexOf('*'), rest.lastIndexOf('?')) + 1);
  // Every claim ends with the shape's last text and with the pattern's text after its last wildcard.
  return last !== undefined && 'text' in last && tail.length > 0 && !last.text.endsWith(tail) && !tail.endsWith(last.text);
}

/** Whether the value has no wildcard that IAM would expand (under `StringEquals` none does). */
function isLiteral(value: string, pattern: boolean): boolean {
  return !pattern || !/[*?]/.test(value);
}

/**
 * Whether the text from `at` on is a claim of the shape from part `index` on: literal text, then
 * for a run of a class every length it can have, as the shape's regular expression would match
 * (code units, as a class without the `u` flag), with nothing to compile.
 */
function spells(value: string, at: number, shape: ClaimShape, index: number): boolean {
  if (index === shape.length) {
    return at === value.length;
  }
  const part = shape[index];
  if ('text' in part) {
    return value.startsWith(part.text, at) && spells(value, at + part.text.length, shape, index + 1);
  }
  const except = part.oneOrMore.except;
  for (let end = at; end < value.length && !except.includes(value[end]); end++) {
    if (spells(value, end + 1, shape, index + 1)) {
      return true;
    }
  }
  return false;
}

/** Whether the value (a pattern when `pattern`) matches every claim of the shape. */
export function matchesEvery(value: string, pattern: boolean, shape: ClaimShape): boolean {
  if (isLiteral(value, pattern)) {
    // A literal value matches one claim; a shape with a run of a class has infinitely many (the run always admits OTHER characters).
    return shape.every((part) => 'text' in part) && shape.map((part) => ('text' in part ? part.text : '')).join('') === value;
  }
  const [, rest, restShape] = withoutCommonPrefix(value, pattern, shape);
  // A shape always has claims: where the pattern matches none of them, it does not match every one.
  return !literalEndsDiffer(rest, restShape) && searchEvery(rest, pattern, restShape);
}

/** `matchesEvery` by the search over the product of the two automata, for any value. */
export function searchEvery(value: string, pattern: boolean, shape: ClaimShape): boolean {
  const space = searchSpace(value, pattern, shape);
  const width = space.nodeCount + 1;
  const symbolCount = space.symbols.length;
  // Search for a claim of the shape that the pattern does not match: the pattern's states as a set,
  // each set numbered once (sets: its sorted positions; moves: its successor set per symbol).
  const sets: Int32Array[] = [];
  const setIds = new Map<string, number>();
  const moves: number[] = [];
  const intern = (positions: number[]): number => {
    const key = positions.join('.');
    let id = setIds.get(key);
    if (id === undefined) {
      id = sets.length;
      sets.push(Int32Array.from(positions));
      setIds.set(key, id);
    }
    return id;
  };
  const move = (id: number, symbol: number): number => {
    const cached = moves[id * symbolCount + symbol];
    if (cached !== undefined) {
      return cached;
    }
    // Successor starts are in ascending order, so their closures merge into a sorted set in one pass.
    const next: number[] = [];
    for (const i of sets[id]) {
      const from = globMove(space, i, symbol);
      if (from === -1) {
        continue;
      }
      for (let j = Math.max(from, next.length === 0 ? 0 : next[next.length - 1] + 1); j <= space.starRun[from]; j++) {
        next.push(j);
      }
    }
    const result = intern(next);
    moves[id * symbolCount + symbol] = result;
    return result;
  };
  const start: number[] = [];
  for (let i = 0; i <= space.starRun[0]; i++) {
    start.push(i);
  }
  const seen = new Set<number>();
  const stack: Array<[number, number]> = [[intern(start), 0]];
  while (stack.length > 0) {
    const [id, p] = stack.pop()!;
    const positions = sets[id];
    if (positions.length === 0) {
      // The pattern has died on this prefix of a claim, and every shape position can still be completed to a whole claim.
      return false;
    }
    if (seen.has(id * width + p)) {
      continue;
    }
    seen.add(id * width + p);
    if (p === space.nodeCount && positions[positions.length - 1] !== space.tokenCount) {
      return false;
    }
    for (let symbol = 0; symbol < symbolCount; symbol++) {
      const [forward, repeat] = shapeMoves(space, p, symbol);
      if (forward !== -1 || repeat !== -1) {
        const next = move(id, symbol);
        forward !== -1 && stack.push([next, forward]);
        repeat !== -1 && stack.push([next, repeat]);
      }
    }
  }
  return true;
}
