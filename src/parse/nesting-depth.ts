import { createScanner } from 'jsonc-parser';

// jsonc-parser's SyntaxKind is a const enum, which this build cannot import: its documented values.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

/**
 * Deeper than any policy document (an SCP embedded in an SCP-levels file with a multi-valued condition
 * is about 11 levels deep) and shallow enough that the recursive parser and validator cannot run out of stack.
 */
export const MAX_NESTING_DEPTH = 64;

/** The offset of the first `[` or `{` nested deeper than MAX_NESTING_DEPTH, found without recursion. */
export function excessiveNestingOffset(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      depth++;
      if (depth > MAX_NESTING_DEPTH) return scanner.getTokenOffset();
    } else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
