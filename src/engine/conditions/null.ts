import type { KeyLookup, Tri } from '../../model/index.js';
import { parseBool } from './bool-binary.js';

/**
 * Null: "true (the key doesn't exist — it is null) or false (the key exists and its value is not
 * null)" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null).
 * Several values are ORed like any other operator's, so ["true", "false"] holds whatever the request.
 * A key present with no values counts as null: the docs treat an empty data set like a missing key.
 * Policy variables are not substituted (the docs: "You can not use a policy variable with the Null
 * condition operator").
 */
export interface NullCheck {
  evaluate(found: KeyLookup): Tri;
}

/** undefined when a value is neither "true" nor "false" (case ignored, as for Bool). */
export function compileNull(values: readonly string[]): NullCheck | undefined {
  let acceptsAbsent = false;
  let acceptsPresent = false;
  for (const value of values) {
    const parsed = parseBool(value);
    if (parsed === undefined) return undefined;
    if (parsed) acceptsAbsent = true;
    else acceptsPresent = true;
  }
  return {
    evaluate(found) {
      if (found.state === 'unknown') return acceptsAbsent === acceptsPresent ? acceptsAbsent : 'unknown';
      const isNull = found.state === 'absent' || found.values.length === 0;
      return isNull ? acceptsAbsent : acceptsPresent;
    },
  };
}
