import { makeContext, type ConditionClause, type RequestContext, type Tri } from '../../../src/model/index.js';
import { compileClause } from '../../../src/engine/conditions/index.js';

const span = { file: 'policy.json', line: 1, column: 1 };

export function clause(operator: string, key: string, values: string | readonly string[]): ConditionClause {
  return { operator, key, values: typeof values === 'string' ? [values] : values, span };
}

/** A context where keys not listed are absent (as `--assume-absent` would make them). */
export function ctx(
  entries: Record<string, string | readonly string[]>,
  otherKeys: 'absent' | 'unknown' = 'absent',
): RequestContext {
  return makeContext(
    Object.entries(entries).map(([key, value]) => [key, typeof value === 'string' ? [value] : value] as const),
    { otherKeys },
  );
}

/** Evaluates `operator: { key: values }` against a context (policy Version 2012-10-17). */
export function check(
  operator: string,
  key: string,
  values: string | readonly string[],
  context: RequestContext,
  substituteVariables = true,
): Tri {
  return compileClause(clause(operator, key, values), { substituteVariables }).evaluate(context);
}

/** The clause's truth with the key holding `value`, and with the key absent. */
export function withValue(
  operator: string,
  values: string | readonly string[],
  value: string | readonly string[],
): Tri {
  return check(operator, 'k:key', values, ctx({ 'k:key': value }));
}

export const absent = ctx({});
export const unknown = ctx({}, 'unknown');
