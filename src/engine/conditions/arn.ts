import type { Tri } from '../../model/index.js';
import { matchPartial } from '../partial-match.js';
import { compileGlob, matchGlob, type Glob, type GlobPart } from '../wildcard.js';
import type { ValueFamily } from './value-test.js';

/**
 * ArnEquals / ArnLike (and their negations): "Case-sensitive matching of the ARN. Each of the six
 * colon-delimited components of the ARN is checked separately and each can include multi-character
 * match wildcards (*) or single-character match wildcards (?). The ArnEquals and ArnLike condition
 * operators behave identically."
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN)
 * So `*` never crosses a colon of the first five, and the resource part keeps its own colons. A policy
 * value or request value with fewer than six components is not an ARN and matches nothing.
 */
const SEGMENTS = 6;

/** Splits pattern parts at the first five colons, whether they come from the policy or a variable. */
function splitArnPattern(parts: readonly GlobPart[]): GlobPart[][] | undefined {
  const segments: GlobPart[][] = [[]];
  for (const part of parts) {
    let rest = part.text;
    let colon = rest.indexOf(':');
    while (colon >= 0 && segments.length < SEGMENTS) {
      segments[segments.length - 1]!.push({ text: rest.slice(0, colon), literal: part.literal });
      segments.push([]);
      rest = rest.slice(colon + 1);
      colon = rest.indexOf(':');
    }
    segments[segments.length - 1]!.push({ text: rest, literal: part.literal });
  }
  return segments.length === SEGMENTS ? segments : undefined;
}

function splitArnValue(value: string): string[] | undefined {
  const segments: string[] = [];
  let start = 0;
  for (let i = 0; i < SEGMENTS - 1; i++) {
    const colon = value.indexOf(':', start);
    if (colon < 0) return undefined;
    segments.push(value.slice(start, colon));
    start = colon + 1;
  }
  segments.push(value.slice(start));
  return segments;
}

export const arnLike: ValueFamily = {
  substitutesVariables: true,
  compile(parts) {
    // A lone `*` (which validation accepts, as IAM does) matches any value.
    if (parts.length === 1 && parts[0]!.text === '*' && !parts[0]!.literal)
      return { test: () => true, constant: true, partial: () => true };
    const segments = splitArnPattern(parts);
    if (segments === undefined) return undefined;
    const globs: Glob[] = segments.map((segment) => compileGlob(segment));
    return {
      test(value) {
        const actual = splitArnValue(value);
        if (actual === undefined) return false;
        for (let i = 0; i < SEGMENTS; i++) if (!matchGlob(globs[i]!, actual[i]!)) return false;
        return true;
      },
      constant: null,
      partial(value): Tri {
        // The hidden part must lie in the resource part: the known prefix holds the first five colons.
        const known = splitArnValue(value.prefix);
        if (known === undefined) return 'unknown';
        for (let i = 0; i < SEGMENTS - 1; i++) if (!matchGlob(globs[i]!, known[i]!)) return false;
        return matchPartial(globs[SEGMENTS - 1]!, { ...value, prefix: known[SEGMENTS - 1]! });
      },
    };
  },
};
