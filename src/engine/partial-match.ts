import type { PartialValue, Tri } from '../model/index.js';
import type { Glob } from './wildcard.js';

/**
 * Whether a wildcard pattern matches a value known up to a hidden part (`prefix + hidden + suffix`):
 * true when it matches for every hidden part the value can hold, false when for none, else 'unknown'.
 *
 * Decided exactly on automata, not by sampling: the values form a regular language (an IAM path is
 * "/" or "/", one or more printable ASCII characters, "/"), and the pattern is run as a subset
 * automaton over it. Some reachable end state where the pattern accepts shows a matching hidden part;
 * some where it does not shows a missing one. The 512-character bound on paths is left out: a
 * pattern that matches every (or no) path of any length matches every (or no) bounded one, so the
 * answer stays sound. A search that grows too large answers 'unknown'.
 */
export function matchPartial(glob: Glob, value: PartialValue): Tri {
  let byValue = cache.get(glob);
  if (!byValue) {
    byValue = new Map();
    cache.set(glob, byValue);
  }
  const key = `${value.hidden}\u0000${value.prefix}\u0000${value.suffix}`;
  let answer = byValue.get(key);
  if (answer === undefined) {
    answer = search(tokensOf(glob), glob.caseInsensitive, valueAutomaton(value));
    if (byValue.size >= 64) byValue.clear();
    byValue.set(key, answer);
  }
  return answer;
}

const cache = new WeakMap<Glob, Map<string, Tri>>();

type Token = { readonly kind: 'star' } | { readonly kind: 'any' } | { readonly kind: 'char'; readonly ch: string };

function tokensOf(glob: Glob): Token[] {
  const tokens: Token[] = [];
  glob.segments.forEach((segment, index) => {
    if (index > 0) tokens.push({ kind: 'star' });
    let i = 0;
    for (const ch of segment.chars) {
      tokens.push(segment.any?.[i] ? { kind: 'any' } : { kind: 'char', ch });
      i++;
    }
  });
  return tokens;
}

/** Printable ASCII, U+0021 to U+007E: the characters of an IAM path. */
const PATH_CHARS: readonly string[] = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i));

type Edge = { readonly on: string | 'path-char'; readonly to: number };

interface ValueAutomaton {
  readonly edges: readonly (readonly Edge[])[];
  /** Moves that read nothing. */
  readonly skips: readonly (readonly number[])[];
  readonly final: number;
}

/** prefix, then "/" | "/" path-char+ "/", then suffix. */
function valueAutomaton(value: PartialValue): ValueAutomaton {
  const edges: Edge[][] = [];
  const skips: number[][] = [];
  const state = (): number => {
    edges.push([]);
    skips.push([]);
    return edges.length - 1;
  };
  let at = state();
  for (const ch of value.prefix) {
    const next = state();
    edges[at]!.push({ on: ch, to: next });
    at = next;
  }
  const afterFirstSlash = state();
  const inside = state();
  const afterLastSlash = state();
  edges[at]!.push({ on: '/', to: afterFirstSlash });
  edges[afterFirstSlash]!.push({ on: 'path-char', to: inside });
  edges[inside]!.push({ on: 'path-char', to: inside }, { on: '/', to: afterLastSlash });
  let suffixAt = state();
  skips[afterFirstSlash]!.push(suffixAt);
  skips[afterLastSlash]!.push(suffixAt);
  for (const ch of value.suffix) {
    const next = state();
    edges[suffixAt]!.push({ on: ch, to: next });
    suffixAt = next;
  }
  return { edges, skips, final: suffixAt };
}

const SEARCH_LIMIT = 20_000;

function search(tokens: readonly Token[], caseInsensitive: boolean, value: ValueAutomaton): Tri {
  const fold = (ch: string): string => (caseInsensitive ? ch.toLowerCase() : ch);
  const pathChars = representatives(tokens, fold);
  const close = (positions: Iterable<number>): number[] => {
    const set = new Set<number>();
    for (let p of positions) {
      set.add(p);
      while (p < tokens.length && tokens[p]!.kind === 'star') set.add(++p);
    }
    return [...set].sort((a, b) => a - b);
  };
  const step = (positions: readonly number[], ch: string): number[] => {
    const next: number[] = [];
    const folded = fold(ch);
    for (const p of positions) {
      const token = tokens[p];
      if (token === undefined) continue;
      if (token.kind === 'star') next.push(p);
      else if (token.kind === 'any' || token.ch === folded) next.push(p + 1);
    }
    return close(next);
  };
  let matches = false;
  let misses = false;
  const seen = new Set<string>();
  const queue: [number, number[]][] = [];
  const visit = (state: number, positions: number[]): void => {
    const key = `${state}|${positions.join(',')}`;
    if (seen.has(key)) return;
    seen.add(key);
    queue.push([state, positions]);
  };
  visit(0, close([0]));
  while (queue.length > 0) {
    if (seen.size > SEARCH_LIMIT) return 'unknown';
    const [state, positions] = queue.pop()!;
    if (state === value.final) {
      if (positions.includes(tokens.length)) matches = true;
      else misses = true;
      if (matches && misses) return 'unknown';
    }
    // No pattern position left: every value through here misses (every state leads on to a whole value).
    if (positions.length === 0) {
      misses = true;
      if (matches) return 'unknown';
      continue;
    }
    for (const next of value.skips[state]!) visit(next, positions);
    for (const edge of value.edges[state]!) {
      if (edge.on === 'path-char') for (const ch of pathChars) visit(edge.to, step(positions, ch));
      else visit(edge.to, step(positions, edge.on));
    }
  }
  return !!matches;
}

/**
 * The path characters worth trying: each one the pattern names (after case folding), and one that it
 * does not, which stands for all the others since the pattern cannot tell them apart.
 */
function representatives(tokens: readonly Token[], fold: (ch: string) => string): string[] {
  const named = new Set<string>();
  for (const token of tokens) if (token.kind === 'char') named.add(token.ch);
  const chosen: string[] = [];
  let other = false;
  for (const ch of PATH_CHARS) {
    if (named.has(fold(ch))) chosen.push(ch);
    else if (!other) {
      chosen.push(ch);
      other = true;
    }
  }
  return chosen;
}
