import { matchPartial } from '../partial-match.js';
import { joinParts } from '../variables.js';
import { compileGlob, matchGlob, type GlobPart } from '../wildcard.js';
import type { ValueFamily, ValueTest } from './value-test.js';

/** StringEquals / StringNotEquals: exact, case-sensitive; `*` and `?` are plain characters. */
export const stringEquals: ValueFamily = {
  substitutesVariables: true,
  compile(parts) {
    const expected = joinParts(parts);
    const exact = compileGlob([{ text: expected, literal: true }]);
    return { test: (value) => value === expected, constant: null, partial: (value) => matchPartial(exact, value) };
  },
};

/** StringEqualsIgnoreCase / StringNotEqualsIgnoreCase. */
export const stringEqualsIgnoreCase: ValueFamily = {
  substitutesVariables: true,
  compile(parts) {
    const expected = joinParts(parts).toLowerCase();
    const exact = compileGlob([{ text: expected, literal: true }], true);
    return {
      test: (value) => value.toLowerCase() === expected,
      constant: null,
      partial: (value) => matchPartial(exact, value),
    };
  },
};

/** StringLike / StringNotLike: case-sensitive, `*` and `?` wildcards, matched in linear time. */
export const stringLike: ValueFamily = {
  substitutesVariables: true,
  compile(parts) {
    return compileLike(parts);
  },
};

function compileLike(parts: readonly GlobPart[]): ValueTest {
  const glob = compileGlob(parts);
  return {
    test: (value) => matchGlob(glob, value),
    constant: matchesEverything(parts) ? true : null,
    partial: (value) => matchPartial(glob, value),
  };
}

/** A pattern of wildcard stars only ("*", "**") matches every string, including the empty one. */
function matchesEverything(parts: readonly GlobPart[]): boolean {
  let stars = 0;
  for (const part of parts) {
    if (part.literal) return false;
    for (const ch of part.text) {
      if (ch !== '*') return false;
      stars++;
    }
  }
  return stars > 0;
}
