/**
 * IAM wildcard matching (`*` any run of characters, `?` one character) without regular expressions
 * built from policy text: a compiled pattern is matched in O(pattern × text) time at worst, with no
 * backtracking blow-up whatever the policy says.
 */

/** A piece of pattern text; in a literal piece `*` and `?` are plain characters (from `${*}`, `${?}`). */
export interface GlobPart {
  readonly text: string;
  readonly literal: boolean;
}

interface Segment {
  readonly chars: string;
  /** Positions that match any one character (`?`), or null when there are none. */
  readonly any: readonly boolean[] | null;
}

export interface Glob {
  /** The pattern split at its unescaped `*`s. */
  readonly segments: readonly Segment[];
  readonly caseInsensitive: boolean;
}

export function compileGlob(parts: readonly GlobPart[], caseInsensitive = false): Glob {
  const segments: Segment[] = [];
  let chars = '';
  let any: boolean[] = [];
  let hasAny = false;
  const flush = (): void => {
    segments.push({ chars, any: hasAny ? any : null });
    chars = '';
    any = [];
    hasAny = false;
  };
  for (const part of parts) {
    const text = caseInsensitive ? part.text.toLowerCase() : part.text;
    for (const ch of text) {
      if (!part.literal && ch === '*') {
        flush();
      } else {
        const isAny = !part.literal && ch === '?';
        hasAny ||= isAny;
        chars += ch;
        any.push(isAny);
      }
    }
  }
  flush();
  return { segments, caseInsensitive };
}

export function compilePattern(pattern: string, caseInsensitive = false): Glob {
  return compileGlob([{ text: pattern, literal: false }], caseInsensitive);
}

function segmentLength(segment: Segment): number {
  return segment.any === null ? segment.chars.length : segment.any.length;
}

function matchesAt(segment: Segment, text: string, pos: number): boolean {
  if (segment.any === null) return text.startsWith(segment.chars, pos);
  // Patterns may hold characters outside the BMP, so compare code point by code point.
  let i = 0;
  let p = pos;
  for (const ch of segment.chars) {
    if (p >= text.length) return false;
    const cp = text.codePointAt(p)!;
    const width = cp > 0xffff ? 2 : 1;
    if (!segment.any[i] && String.fromCodePoint(cp) !== ch) return false;
    p += width;
    i++;
  }
  return true;
}

/** How many UTF-16 units a segment consumes when it matches at pos (`?` may match a surrogate pair). */
function consumed(segment: Segment, text: string, pos: number): number {
  if (segment.any === null) return segment.chars.length;
  let p = pos;
  for (let i = 0; i < segment.any.length; i++) p += (text.codePointAt(p) ?? 0) > 0xffff ? 2 : 1;
  return p - pos;
}

export function matchGlob(glob: Glob, input: string): boolean {
  const text = glob.caseInsensitive ? input.toLowerCase() : input;
  const segments = glob.segments;
  const first = segments[0]!;
  if (segments.length === 1) {
    return matchesAt(first, text, 0) && consumed(first, text, 0) === text.length;
  }
  if (!matchesAt(first, text, 0)) return false;
  let pos = consumed(first, text, 0);
  const last = segments[segments.length - 1]!;
  // The last segment is anchored at the end; find where it must start.
  const lastStart = findSuffixStart(last, text, pos);
  if (lastStart < 0) return false;
  for (let s = 1; s < segments.length - 1; s++) {
    const segment = segments[s]!;
    if (segmentLength(segment) === 0) continue;
    // Leftmost placement leaves the most room for the segments after it, so it is never wrong.
    let found = -1;
    for (let p = pos; p + segmentLength(segment) <= lastStart; p++) {
      if (matchesAt(segment, text, p) && p + consumed(segment, text, p) <= lastStart) {
        found = p;
        break;
      }
    }
    if (found < 0) return false;
    pos = found + consumed(segment, text, found);
  }
  return true;
}

/** Start of the match of the end-anchored segment, not before minStart, or -1. */
function findSuffixStart(segment: Segment, text: string, minStart: number): number {
  if (segment.any === null) {
    const start = text.length - segment.chars.length;
    return start >= minStart && text.endsWith(segment.chars) ? start : -1;
  }
  // With `?` the suffix length in UTF-16 units depends on surrogate pairs: try the few candidates.
  for (
    let start = text.length - segment.any.length;
    start >= Math.max(minStart, text.length - 2 * segment.any.length);
    start--
  ) {
    if (start >= minStart && matchesAt(segment, text, start) && start + consumed(segment, text, start) === text.length)
      return start;
  }
  return -1;
}

/** Convenience for one-off matches of a plain pattern string. */
export function wildcardMatch(pattern: string, text: string, caseInsensitive = false): boolean {
  return matchGlob(compilePattern(pattern, caseInsensitive), text);
}
