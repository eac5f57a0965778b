import type { RequestContext } from '../model/request.js';
import type { Tri } from '../model/tri.js';
import { parseTemplate, resolveTemplate, type Template, type TemplatePart } from './variables.js';
import { compileGlob, matchGlob, type Glob } from './wildcard.js';

/**
 * A Resource / NotResource entry, matched per ARN segment
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html):
 * wildcards work within a segment, and a `*` that ends a segment may expand across colons. The
 * partition, service, Region and account segments compare case-insensitively, the resource part
 * case-sensitively.
 */
export interface ResourcePattern {
  readonly text: string;
  matches(arn: string, context: RequestContext): Tri;
}

const CASE_INSENSITIVE_SEGMENTS = 5;

interface PatternSegment {
  readonly template: Template;
  readonly endsWithStar: boolean;
  readonly caseInsensitive: boolean;
  /** Compiled once when the segment holds no variables. */
  readonly glob: Glob | null;
}

export function compileResourcePattern(text: string, substituteVariables: boolean): ResourcePattern {
  const template: Template = substituteVariables ? parseTemplate(text) : [{ kind: 'text', text, literal: false }];
  const segments = splitSegments(template).map((parts, index): PatternSegment => {
    const caseInsensitive = index < CASE_INSENSITIVE_SEGMENTS;
    const last = parts[parts.length - 1];
    const endsWithStar = last !== undefined && last.kind === 'text' && !last.literal && last.text.endsWith('*');
    const isStatic = parts.every((part) => part.kind === 'text');
    const glob = isStatic ? compileGlob(parts as { text: string; literal: boolean }[], caseInsensitive) : null;
    return { template: parts, endsWithStar, caseInsensitive, glob };
  });
  return {
    text,
    matches(arn: string, context: RequestContext): Tri {
      const globs: Glob[] = [];
      let unknown = false;
      for (const segment of segments) {
        if (segment.glob !== null) {
          globs.push(segment.glob);
          continue;
        }
        const resolved = resolveTemplate(segment.template, context);
        if (resolved.kind === 'unresolvable') return false;
        if (resolved.kind === 'unknown') {
          unknown = true;
          globs.push(compileGlob([], false));
          continue;
        }
        globs.push(compileGlob(resolved.parts, segment.caseInsensitive));
      }
      if (unknown) return 'unknown';
      return matchSegments(globs, segments, arn.split(':'));
    },
  };
}

/** Splits a template at the colons of its plain text; variables and escapes stay within a segment. */
function splitSegments(template: Template): TemplatePart[][] {
  const segments: TemplatePart[][] = [[]];
  for (const part of template) {
    if (part.kind !== 'text' || part.literal) {
      segments[segments.length - 1]!.push(part);
      continue;
    }
    const pieces = part.text.split(':');
    pieces.forEach((piece, i) => {
      if (i > 0) segments.push([]);
      if (piece) segments[segments.length - 1]!.push({ kind: 'text', text: piece, literal: false });
    });
  }
  return segments;
}

/** Each pattern segment takes one ARN segment, or, when it ends with `*`, a run of them joined by colons. */
function matchSegments(globs: readonly Glob[], segments: readonly PatternSegment[], arnSegments: readonly string[]): boolean {
  const memo = new Map<number, boolean>();
  const match = (p: number, a: number): boolean => {
    if (p === globs.length) return a === arnSegments.length;
    if (a === arnSegments.length) return false;
    const key = p * 64 + a;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result = false;
    const maxEnd = segments[p]!.endsWithStar ? arnSegments.length : a + 1;
    for (let end = a + 1; end <= maxEnd && !result; end++) {
      const text = end === a + 1 ? arnSegments[a]! : arnSegments.slice(a, end).join(':');
      result = matchGlob(globs[p]!, text) && match(p + 1, end);
    }
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}
