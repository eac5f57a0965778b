import {
  allOperatorNames,
  operatorFamily,
  parseOperator,
  type OperatorFamily,
  type SetOperator,
} from '../model/index.js';
import { lookalikeNote } from './lookalike-characters.js';
import { quoteToken } from './quote-token.js';
import { suggestName } from './suggest-name.js';

export type { OperatorFamily };

/**
 * The condition operators AWS documents, as a grammar:
 * `[ForAllValues:|ForAnyValue:]<base>[IfExists]`, with no `IfExists` on `Null`.
 * Names are case-sensitive: IAM rejects `stringEquals` ("Invalid Condition type").
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
type SetQualifier = SetOperator;

export interface ConditionOperator {
  /** The full name as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly name: string;
  readonly qualifier?: SetQualifier;
  /** The operator without qualifier and `IfExists`, e.g. `StringLike`. */
  readonly base: string;
  readonly ifExists: boolean;
  readonly family: OperatorFamily;
}

/** The engine's reading of the operator (src/model), so what validation accepts the engine can evaluate. */
export function parseConditionOperator(name: string): ConditionOperator | undefined {
  const parsed = parseOperator(name);
  const family = parsed && operatorFamily(parsed.base);
  if (!parsed || !family) return undefined;
  return {
    name,
    ...(parsed.set ? { qualifier: parsed.set } : {}),
    base: parsed.base,
    ifExists: parsed.ifExists,
    family,
  };
}

export const allConditionOperatorNames = allOperatorNames;

/** Why a name is not an operator, with the likely intended spelling when there is one. */
export function explainUnknownOperator(name: string): string {
  const quoted = `${quoteToken(name)}${lookalikeNote(name)}`;
  if (/^(ForAllValues:|ForAnyValue:)?NullIfExists$/.test(name)) {
    return `unknown condition operator ${quoted}: IfExists cannot be added to Null, which already tests whether the key exists`;
  }
  const suggestion = suggestName(name, allConditionOperatorNames());
  if (suggestion?.toLowerCase() === name.toLowerCase()) {
    return `unknown condition operator ${quoted}: operator names are case-sensitive, write ${JSON.stringify(suggestion)}`;
  }
  return suggestion
    ? `unknown condition operator ${quoted}: did you mean ${JSON.stringify(suggestion)}?`
    : `unknown condition operator ${quoted}`;
}
