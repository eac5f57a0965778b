import { lookupKey, type RequestContext } from '../model/request.js';
import type { Tri } from '../model/tri.js';
import { parseTemplate, resolveTemplate, type Template, type TemplatePart } from './variables.js';
import { compileGlob, matchGlob, type Glob, type GlobPart } from './wildcard.js';

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
  /** Why a match of this pattern is never more than 'unknown' (see variableBeforeResourcePart). */
  readonly undecided?: string;
}

const CASE_INSENSITIVE_SEGMENTS = 5;

/**
 * The IAM page on policy variables documents substitution in the resource part of an ARN only
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html), yet AWS managed
 * policies put `${aws:PrincipalAccount}` in the account part. Whether AWS substitutes a variable before
 * the fifth colon is therefore not settled: such a pattern matches at most 'unknown' (never grants,
 * never silently skips a Deny), and false only where it misses the ARN even with the variable substituted,
 * since unsubstituted text such as `${aws:PrincipalAccount}` matches no real ARN.
 */
function undecidedVariableReason(text: string): string {
  return (
    `resource ${JSON.stringify(text)} has a policy variable before the fifth colon (partition, service, Region or account part): ` +
    'the IAM policy-variables page (reference_policies_variables) documents substitution only in the resource part of an ARN, ' +
    'while AWS managed policies use variables such as ${aws:PrincipalAccount} in the account part, so whether it matches is undecided'
  );
}

interface PatternSegment {
  readonly template: Template;
  readonly endsWithStar: boolean;
  readonly caseInsensitive: boolean;
  /** Compiled once when the segment holds no variables. */
  readonly glob: Glob | null;
}

// A pattern is a pure function of its text (its answers cache too), and the same texts recur across the
// policies of an account: templated inline policies, `arn:aws:bedrock:*::foundation-model/*`. Sharing one compiled
// pattern per text compiles it once and keeps one answers cache instead of one per statement: each held up to
// STATIC_CACHE_LIMIT answers, and 10,000 principals' inline policies kept tens of MB of them.
const sharedPatterns = new Map<string, ResourcePattern>();
/** Distinct texts kept; past it the oldest go first. */
const MAX_SHARED_PATTERNS = 5_000;

export function compileResourcePattern(text: string, substituteVariables: boolean): ResourcePattern {
  const key = `${substituteVariables ? 'v' : 'l'}${text}`;
  let pattern = sharedPatterns.get(key);
  if (pattern === undefined) {
    pattern = buildResourcePattern(text, substituteVariables);
    if (sharedPatterns.size >= MAX_SHARED_PATTERNS) sharedPatterns.delete(sharedPatterns.keys().next().value!);
    sharedPatterns.set(key, pattern);
  }
  return pattern;
}

function buildResourcePattern(text: string, substituteVariables: boolean): ResourcePattern {
  const template: Template = substituteVariables ? parseTemplate(text) : [{ kind: 'text', text, literal: false }];
  const segments = splitSegments(template).map((parts, index): PatternSegment => {
    const caseInsensitive = index < CASE_INSENSITIVE_SEGMENTS;
    const last = parts[parts.length - 1];
    const endsWithStar = last !== undefined && last.kind === 'text' && !last.literal && last.text.endsWith('*');
    const isStatic = parts.every((part) => part.kind === 'text');
    const glob = isStatic ? compileGlob(parts as { text: string; literal: boolean }[], caseInsensitive) : null;
    return { template: parts, endsWithStar, caseInsensitive, glob };
  });
  if (text === '*') return { text, matches: () => true };
  if (segments.every((segment) => segment.glob !== null)) return staticPattern(text, segments);
  const substituted = variablePattern(text, segments);
  if (!segments.slice(0, ARN_PARTS - 1).some((segment) => segment.glob === null)) return substituted;
  return {
    text,
    undecided: undecidedVariableReason(text),
    matches: (arn, context) => (substituted.matches(arn, context) === false ? false : 'unknown'),
  };
}

function variablePattern(text: string, segments: readonly PatternSegment[]): ResourcePattern {
  return {
    text,
    matches(arn: string, context: RequestContext): Tri {
      const globs: Glob[] = [];
      const spans: boolean[] = [];
      let unknown = false;
      for (const segment of segments) {
        if (segment.glob !== null) {
          globs.push(segment.glob);
          spans.push(segment.endsWithStar);
          continue;
        }
        const resolved = resolveTemplate(segment.template, context);
        if (resolved.kind === 'unresolvable') return false;
        if (resolved.kind === 'unknown') {
          // Whatever an unknown variable turns out to hold, a `*` in its place matches it: if even
          // that pattern misses the ARN, no value makes it match, and the answer does not depend on the key.
          unknown = true;
          const widened = widenUnknown(segment.template, context);
          globs.push(compileGlob(widened, segment.caseInsensitive));
          spans.push(endsWithWildcard(widened));
          continue;
        }
        globs.push(compileGlob(resolved.parts, segment.caseInsensitive));
        spans.push(segment.endsWithStar);
      }
      const matched = matchSegments(globs, spans, splitArn(arn));
      return matched && unknown ? 'unknown' : matched;
    },
  };
}

// A pattern without variables answers the same for the same ARN, and a workload asks about few ARNs.
const STATIC_CACHE_LIMIT = 512;

function staticPattern(text: string, segments: readonly PatternSegment[]): ResourcePattern {
  const globs = segments.map((segment) => segment.glob!);
  const spans = segments.map((segment) => segment.endsWithStar);
  const answers = new Map<string, boolean>();
  return {
    text,
    matches(arn: string): Tri {
      let answer = answers.get(arn);
      if (answer === undefined) {
        answer = matchSegments(globs, spans, splitArn(arn));
        if (answers.size >= STATIC_CACHE_LIMIT) answers.clear();
        answers.set(arn, answer);
      }
      return answer;
    },
  };
}

/** The segment with known variables substituted (literally) and each unknown one replaced by a wildcard `*`. */
function widenUnknown(template: Template, context: RequestContext): GlobPart[] {
  const parts: GlobPart[] = [];
  for (const part of template) {
    if (part.kind === 'text') {
      parts.push(part);
      continue;
    }
    const found = lookupKey(context, part.key);
    if (found.state === 'unknown') parts.push({ text: '*', literal: false });
    else if (found.state === 'present' && found.values.length === 1)
      parts.push({ text: found.values[0]!, literal: true });
    else parts.push({ text: part.defaultValue ?? '', literal: true });
  }
  return parts;
}

function endsWithWildcard(parts: readonly GlobPart[]): boolean {
  const last = parts[parts.length - 1];
  return last !== undefined && !last.literal && last.text.endsWith('*');
}

/**
 * Splits a template at the first five colons of its plain text: partition, service, Region, account,
 * and the resource part, which keeps any further colons (model ids have them: `…-v1:0`). Variables and
 * escapes stay within a segment.
 */
function splitSegments(template: Template): TemplatePart[][] {
  const segments: TemplatePart[][] = [[]];
  for (const part of template) {
    if (part.kind !== 'text' || part.literal) {
      segments[segments.length - 1]!.push(part);
      continue;
    }
    let rest = part.text;
    let colon = rest.indexOf(':');
    while (colon >= 0 && segments.length < ARN_PARTS) {
      if (colon > 0) segments[segments.length - 1]!.push({ kind: 'text', text: rest.slice(0, colon), literal: false });
      segments.push([]);
      rest = rest.slice(colon + 1);
      colon = rest.indexOf(':');
    }
    if (rest) segments[segments.length - 1]!.push({ kind: 'text', text: rest, literal: false });
  }
  return segments;
}

const ARN_PARTS = 6;

/** An ARN's six parts, the resource part whole. */
function splitArn(arn: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < ARN_PARTS - 1; i++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) break;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  parts.push(arn.slice(start));
  return parts;
}

/** Each pattern segment takes one ARN segment, or, when it ends with `*` (`spans`), a run of them joined by colons. */
function matchSegments(globs: readonly Glob[], spans: readonly boolean[], arnSegments: readonly string[]): boolean {
  // The common case: one pattern segment per ARN segment.
  if (globs.length === arnSegments.length && globs.every((glob, i) => matchGlob(glob, arnSegments[i]!))) return true;
  if (!spans.some(Boolean)) return false;
  const memo = new Map<number, boolean>();
  const match = (p: number, a: number): boolean => {
    if (p === globs.length) return a === arnSegments.length;
    if (a === arnSegments.length) return false;
    const key = p * (arnSegments.length + 1) + a;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result = false;
    const maxEnd = spans[p] ? arnSegments.length : a + 1;
    for (let end = a + 1; end <= maxEnd && !result; end++) {
      const text = end === a + 1 ? arnSegments[a]! : arnSegments.slice(a, end).join(':');
      result = matchGlob(globs[p]!, text) && match(p + 1, end);
    }
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}
