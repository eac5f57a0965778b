import { suggestName } from './suggest-name.js';

/**
 * The condition operators AWS documents, as a grammar:
 * `[ForAllValues:|ForAnyValue:]<base>[IfExists]`, with no `IfExists` on `Null`.
 * Names are case-sensitive: IAM rejects `stringEquals` ("Invalid Condition type").
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
export type OperatorFamily = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip-address' | 'arn' | 'null';

export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

export interface ConditionOperator {
  /** The full name as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly name: string;
  readonly qualifier?: SetQualifier;
  /** The operator without qualifier and `IfExists`, e.g. `StringLike`. */
  readonly base: string;
  readonly ifExists: boolean;
  readonly family: OperatorFamily;
}

const COMPARISONS = ['Equals', 'NotEquals', 'LessThan', 'LessThanEquals', 'GreaterThan', 'GreaterThanEquals'];

const BASE_OPERATORS: ReadonlyMap<string, OperatorFamily> = new Map<string, OperatorFamily>([
  ...['Equals', 'NotEquals', 'EqualsIgnoreCase', 'NotEqualsIgnoreCase', 'Like', 'NotLike'].map(
    (suffix): [string, OperatorFamily] => [`String${suffix}`, 'string'],
  ),
  ...COMPARISONS.map((suffix): [string, OperatorFamily] => [`Numeric${suffix}`, 'numeric']),
  ...COMPARISONS.map((suffix): [string, OperatorFamily] => [`Date${suffix}`, 'date']),
  ['Bool', 'bool'],
  ['BinaryEquals', 'binary'],
  ['IpAddress', 'ip-address'],
  ['NotIpAddress', 'ip-address'],
  ...['Equals', 'Like', 'NotEquals', 'NotLike'].map((suffix): [string, OperatorFamily] => [`Arn${suffix}`, 'arn']),
  ['Null', 'null'],
]);

const QUALIFIERS: readonly SetQualifier[] = ['ForAllValues', 'ForAnyValue'];

export function parseConditionOperator(name: string): ConditionOperator | undefined {
  const qualifier = QUALIFIERS.find((candidate) => name.startsWith(`${candidate}:`));
  const withoutQualifier = qualifier ? name.slice(qualifier.length + 1) : name;
  const ifExists = withoutQualifier.endsWith('IfExists');
  const base = ifExists ? withoutQualifier.slice(0, -'IfExists'.length) : withoutQualifier;
  const family = BASE_OPERATORS.get(base);
  if (!family || (ifExists && family === 'null')) return undefined;
  return { name, ...(qualifier ? { qualifier } : {}), base, ifExists, family };
}

/** Every valid operator name (the schema's pattern must accept exactly these). */
export function allConditionOperatorNames(): string[] {
  const names: string[] = [];
  for (const prefix of ['', ...QUALIFIERS.map((qualifier) => `${qualifier}:`)]) {
    for (const [base, family] of BASE_OPERATORS) {
      names.push(`${prefix}${base}`);
      if (family !== 'null') names.push(`${prefix}${base}IfExists`);
    }
  }
  return names;
}

/** Why a name is not an operator, with the likely intended spelling when there is one. */
export function explainUnknownOperator(name: string): string {
  const quoted = JSON.stringify(name);
  if (/^(ForAllValues:|ForAnyValue:)?NullIfExists$/.test(name)) {
    return `unknown condition operator ${quoted}: IfExists cannot be added to Null, which already tests whether the key exists`;
  }
  const suggestion = suggestName(name, allConditionOperatorNames());
  if (suggestion?.toLowerCase() === name.toLowerCase()) {
    return `unknown condition operator ${quoted}: operator names are case-sensitive, write ${JSON.stringify(suggestion)}`;
  }
  return suggestion ? `unknown condition operator ${quoted}: did you mean ${JSON.stringify(suggestion)}?` : `unknown condition operator ${quoted}`;
}
