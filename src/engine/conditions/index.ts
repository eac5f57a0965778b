import { lookupKey, lookupPartial, type ConditionClause, type RequestContext, type Tri } from '../../model/index.js';
import { parseTemplate, resolveTemplate } from '../variables.js';
import { arnLike } from './arn.js';
import { binaryEquals, bool } from './bool-binary.js';
import { dateEquals, dateGreaterThan, dateGreaterThanEquals, dateLessThan, dateLessThanEquals } from './date.js';
import { ipAddress } from './ip.js';
import { compileNull } from './null.js';
import {
  numericEquals,
  numericGreaterThan,
  numericGreaterThanEquals,
  numericLessThan,
  numericLessThanEquals,
} from './numeric.js';
import { isNegated, parseOperator, positiveForm } from '../../model/condition-operator.js';
import { compileValues } from './policy-values.js';
import { ABSENT_CONFLICT_REASON, absentConflict, evaluateKey, type KeyRule } from './set-operators.js';
import { stringEquals, stringEqualsIgnoreCase, stringLike } from './string.js';
import type { ValueFamily } from './value-test.js';

export interface CompiledClause {
  readonly clause: ConditionClause;
  /** Why the clause can never match (unknown operator, value invalid for the operator), or null. */
  readonly invalid: string | null;
  evaluate(context: RequestContext): Tri;
  /**
   * The clause with the variables this context can substitute replaced by their values, for reports
   * of what a conditional decision still depends on; variables of unknown keys stay as written.
   */
  substituted(context: RequestContext): ConditionClause;
  /** When the clause is 'unknown' because AWS's sources disagree on its answer in this context: why. */
  undecided(context: RequestContext): string | undefined;
}

export interface CompileOptions {
  /** True for policy Version 2012-10-17, the only version with policy variables. */
  readonly substituteVariables: boolean;
}

const FAMILIES: ReadonlyMap<string, ValueFamily> = new Map([
  ['StringEquals', stringEquals],
  ['StringEqualsIgnoreCase', stringEqualsIgnoreCase],
  ['StringLike', stringLike],
  ['NumericEquals', numericEquals],
  ['NumericLessThan', numericLessThan],
  ['NumericLessThanEquals', numericLessThanEquals],
  ['NumericGreaterThan', numericGreaterThan],
  ['NumericGreaterThanEquals', numericGreaterThanEquals],
  ['DateEquals', dateEquals],
  ['DateLessThan', dateLessThan],
  ['DateLessThanEquals', dateLessThanEquals],
  ['DateGreaterThan', dateGreaterThan],
  ['DateGreaterThanEquals', dateGreaterThanEquals],
  ['Bool', bool],
  ['BinaryEquals', binaryEquals],
  ['IpAddress', ipAddress],
  ['ArnEquals', arnLike],
  ['ArnLike', arnLike],
]);

/**
 * Compiles one clause for repeated evaluation. A clause the parse layer would reject (an operator
 * AWS does not have, a value that is not a number, date, CIDR, boolean, base64 or ARN as its operator
 * needs) never throws: IAM refuses to store such a policy (MalformedPolicyDocument), so there is no
 * AWS behaviour to copy, and the clause is 'unknown' — its statement can neither grant access nor be
 * skipped as a Deny — while `invalid` says why.
 */
export function compileClause(clause: ConditionClause, options: CompileOptions): CompiledClause {
  const operator = parseOperator(clause.operator);
  if (operator === undefined) return invalidClause(clause, `unknown condition operator ${clause.operator}`);
  const substitute = (context: RequestContext): ConditionClause =>
    substitutedClause(
      clause,
      context,
      options.substituteVariables && familyOf(operator.base)?.substitutesVariables === true,
    );

  if (operator.base === 'Null') {
    const check = compileNull(clause.values);
    if (check === undefined) return invalidClause(clause, 'Null takes "true" or "false"');
    return {
      clause,
      invalid: null,
      evaluate: (context) => check.evaluate(lookupKey(context, clause.key)),
      substituted: substitute,
      undecided: () => undefined,
    };
  }

  const family = familyOf(operator.base)!;
  const compiled = compileValues(family, clause.values, options.substituteVariables);
  if (!compiled.ok) return invalidClause(clause, `${compiled.invalid} for ${operator.base}`);
  const rule: KeyRule = { negated: isNegated(operator.base), set: operator.set, ifExists: operator.ifExists };
  const values = compiled.values;
  return {
    clause,
    invalid: null,
    evaluate: (context) =>
      evaluateKey(rule, lookupKey(context, clause.key), values.resolve(context), lookupPartial(context, clause.key)),
    substituted: substitute,
    undecided(context) {
      if (!absentConflict(rule)) return undefined;
      const found = lookupKey(context, clause.key);
      const absent = found.state === 'absent' || (found.state === 'present' && found.values.length === 0);
      return absent ? ABSENT_CONFLICT_REASON : undefined;
    },
  };
}

function familyOf(base: string): ValueFamily | undefined {
  const positive = positiveForm(base);
  return positive === undefined ? undefined : FAMILIES.get(positive);
}

function invalidClause(clause: ConditionClause, reason: string): CompiledClause {
  return { clause, invalid: reason, evaluate: () => 'unknown', substituted: () => clause, undecided: () => undefined };
}

function substitutedClause(clause: ConditionClause, context: RequestContext, substitute: boolean): ConditionClause {
  if (!substitute) return clause;
  let changed = false;
  const values = clause.values.map((value) => {
    const template = parseTemplate(value);
    let text = '';
    for (const part of template) {
      if (part.kind === 'text') {
        // Escapes stay as written so that `${*}` still reads as a literal star.
        text += part.literal ? `\${${part.text}}` : part.text;
        continue;
      }
      const resolution = resolveTemplate([part], context);
      if (resolution.kind === 'resolved') {
        text += resolution.parts.map((resolved) => resolved.text).join('');
        changed = true;
      } else {
        text +=
          part.defaultValue === undefined
            ? `\${${part.key}}`
            : `\${${part.key}, '${part.defaultValue.replace(/'/g, "''")}'}`;
      }
    }
    return text;
  });
  return changed ? { ...clause, values } : clause;
}
