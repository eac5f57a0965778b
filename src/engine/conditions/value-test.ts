import type { PartialValue, Tri } from '../../model/index.js';
import type { GlobPart } from '../wildcard.js';

/** One policy value of a clause, compiled: does it match one request value? */
export interface ValueTest {
  test(requestValue: string): boolean;
  /** true: matches every string; false: matches no string; null: depends on the string. */
  readonly constant: boolean | null;
  /**
   * Whether the test matches a value known up to a hidden part: true when it matches whatever the
   * hidden part holds, false when it matches for no hidden part, else 'unknown'. Absent: 'unknown'
   * unless `constant` decides.
   */
  partial?(value: PartialValue): Tri;
}

/** How an operator's positive form turns policy values into tests. */
export interface ValueFamily {
  /** Whether policy variables are substituted in this operator's values (policy Version 2012-10-17). */
  readonly substitutesVariables: boolean;
  /**
   * Compiles one policy value. `parts` is the value after substitution (a literal part stands for
   * characters from `${*}`, `${?}`, `${$}` or a substituted variable); undefined when it is invalid.
   */
  compile(parts: readonly GlobPart[]): ValueTest | undefined;
}

export const MATCHES_NOTHING: ValueTest = { test: () => false, constant: false, partial: () => false };
