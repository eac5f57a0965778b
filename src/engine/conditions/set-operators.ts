import { triAnd, triNot, triOr, type KeyLookup, type PartialValue, type Tri } from '../../model/index.js';
import type { SetOperator } from '../../model/condition-operator.js';
import { constantMatch, matchesAny, matchesAnyPartial, type ResolvedTest } from './policy-values.js';

/**
 * How a clause's per-value matches become its truth, given what the request holds for the key.
 *
 * - Values of one key are ORed; for a negated operator the result is NOT of that OR ("logical NOR",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html).
 * - Absent key: false for a positive operator, true for a negated one; true with …IfExists
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 * - ForAnyValue: some request value satisfies the operator (false when absent); ForAllValues: every
 *   request value does (true when absent). A negated operator applies per request value, so
 *   ForAllValues:StringNotLike holds when no request value matches any policy value
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html).
 * - A key present with no values is treated as absent: "If the key values in the request resolve to
 *   an empty data set (for example, an empty string), a condition operator modified by ForAllValues
 *   returns true, and a condition operator modified by ForAnyValue returns false" (earlier edition of
 *   the multi-value page, github.com/awsdocs/iam-user-guide), as for a missing key. A single empty
 *   string stays a value: request contexts carry absence explicitly.
 * - Without a set operator, a key with several values never matches, negated operator or not:
 *   "Multivalued context keys require a condition set operator"
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html),
 *   and that is how AWS behaves by the accounts of other evaluators
 *   (https://github.com/cloud-copilot/iam-simulate src/condition/condition.ts, and
 *   https://github.com/ExtendDB/extenddb/pull/271, checked against AWS). The request context here
 *   cannot tell a multivalued key holding one value from a single-valued key, so one value is
 *   compared as a single value.
 */
export interface KeyRule {
  readonly negated: boolean;
  readonly set: SetOperator | null;
  readonly ifExists: boolean;
}

export function evaluateKey(
  rule: KeyRule,
  found: KeyLookup,
  tests: readonly ResolvedTest[],
  partial?: PartialValue,
): Tri {
  if (found.state === 'absent' || (found.state === 'present' && found.values.length === 0)) {
    return absentResult(rule);
  }
  if (found.state === 'present') return presentResult(rule, found.values, tests);
  // A partially known key holds exactly one value, so every set operator reduces to that value's test.
  if (partial !== undefined) {
    const matched = matchesAnyPartial(tests, partial);
    return rule.negated ? triNot(matched) : matched;
  }
  return unknownKeyResult(rule, tests);
}

/**
 * `ForAnyValue:…IfExists` on an absent key: the condition-operators page says an …IfExists operator is
 * true when the key is absent
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists),
 * the multivalued-context-keys page says ForAnyValue is false when the key is missing
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html),
 * and users on AWS re:Post report that IfExists does not rescue ForAnyValue. Undecided.
 */
export function absentConflict(rule: KeyRule): boolean {
  return rule.ifExists && rule.set === 'ForAnyValue';
}

export const ABSENT_CONFLICT_REASON =
  'ForAnyValue with …IfExists on a key absent from the request: the IAM condition-operators page says …IfExists is true ' +
  'when the key is absent, but the multivalued-context-keys page says ForAnyValue is false when the key is missing ' +
  '(and AWS re:Post users report IfExists does not rescue it), so the clause is undecided';

function absentResult(rule: KeyRule): Tri {
  if (absentConflict(rule)) return 'unknown';
  if (rule.ifExists) return true;
  if (rule.set === 'ForAllValues') return true;
  if (rule.set === 'ForAnyValue') return false;
  return rule.negated;
}

function satisfies(rule: KeyRule, tests: readonly ResolvedTest[], value: string): Tri {
  const matched = matchesAny(tests, value);
  return rule.negated ? triNot(matched) : matched;
}

function presentResult(rule: KeyRule, values: readonly string[], tests: readonly ResolvedTest[]): Tri {
  if (rule.set === 'ForAnyValue') {
    let result: Tri = false;
    for (const value of values) {
      result = triOr(result, satisfies(rule, tests, value));
      if (result === true) return true;
    }
    return result;
  }
  if (rule.set === 'ForAllValues') {
    let result: Tri = true;
    for (const value of values) {
      result = triAnd(result, satisfies(rule, tests, value));
      if (result === false) return false;
    }
    return result;
  }
  // AWS does not document a single-valued operator on several values (other evaluators say false); an
  // answer either way could skip a Deny, so the engine does not guess.
  return values.length === 1 ? satisfies(rule, tests, values[0]!) : 'unknown';
}

/**
 * The key may be absent or hold any non-empty list of values: the clause is decided only when every
 * one of those states gives the same answer, which needs the policy values to match every string or
 * none (StringLike "*", a variable that cannot be substituted).
 */
function unknownKeyResult(rule: KeyRule, tests: readonly ResolvedTest[]): Tri {
  const matched = constantMatch(tests);
  if (matched === null) return 'unknown';
  const perValue = rule.negated ? !matched : matched;
  // Without a set operator the key could hold several values, which the engine does not decide.
  const whenPresent = rule.set === null ? null : perValue;
  return whenPresent === absentResult(rule) ? whenPresent : 'unknown';
}
