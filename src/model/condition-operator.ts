/**
 * Condition operator names
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 * Names are case-sensitive: IAM rejects `stringEquals` with "MalformedPolicyDocument: Invalid Condition type".
 */

export type SetOperator = 'ForAllValues' | 'ForAnyValue';

/** What kind of values an operator compares. */
export type OperatorFamily = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip-address' | 'arn' | 'null';

export interface ParsedOperator {
  /** The operator without set prefix and `IfExists`, e.g. "StringNotLike". */
  readonly base: string;
  readonly ifExists: boolean;
  readonly set: SetOperator | null;
}

/** Each documented operator, mapped to the positive operator it negates (itself when not negated). */
const POSITIVE_FORM: ReadonlyMap<string, string> = new Map([
  ['StringEquals', 'StringEquals'],
  ['StringNotEquals', 'StringEquals'],
  ['StringEqualsIgnoreCase', 'StringEqualsIgnoreCase'],
  ['StringNotEqualsIgnoreCase', 'StringEqualsIgnoreCase'],
  ['StringLike', 'StringLike'],
  ['StringNotLike', 'StringLike'],
  ['NumericEquals', 'NumericEquals'],
  ['NumericNotEquals', 'NumericEquals'],
  ['NumericLessThan', 'NumericLessThan'],
  ['NumericLessThanEquals', 'NumericLessThanEquals'],
  ['NumericGreaterThan', 'NumericGreaterThan'],
  ['NumericGreaterThanEquals', 'NumericGreaterThanEquals'],
  ['DateEquals', 'DateEquals'],
  ['DateNotEquals', 'DateEquals'],
  ['DateLessThan', 'DateLessThan'],
  ['DateLessThanEquals', 'DateLessThanEquals'],
  ['DateGreaterThan', 'DateGreaterThan'],
  ['DateGreaterThanEquals', 'DateGreaterThanEquals'],
  ['Bool', 'Bool'],
  ['BinaryEquals', 'BinaryEquals'],
  ['IpAddress', 'IpAddress'],
  ['NotIpAddress', 'IpAddress'],
  ['ArnEquals', 'ArnEquals'],
  ['ArnNotEquals', 'ArnEquals'],
  ['ArnLike', 'ArnLike'],
  ['ArnNotLike', 'ArnLike'],
  ['Null', 'Null'],
]);

const SET_PREFIXES: readonly SetOperator[] = ['ForAllValues', 'ForAnyValue'];
const IF_EXISTS = 'IfExists';

/** Splits "ForAnyValue:StringLikeIfExists" into its parts; undefined when it is not an AWS operator. */
export function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name;
  let set: SetOperator | null = null;
  for (const prefix of SET_PREFIXES) {
    if (rest.startsWith(`${prefix}:`)) {
      set = prefix;
      rest = rest.slice(prefix.length + 1);
      break;
    }
  }
  let ifExists = false;
  if (rest.endsWith(IF_EXISTS) && rest.length > IF_EXISTS.length) {
    ifExists = true;
    rest = rest.slice(0, -IF_EXISTS.length);
  }
  if (!POSITIVE_FORM.has(rest)) return undefined;
  // The docs allow IfExists on every operator "except the Null condition"; set operators on Null
  // are not documented either, so both are treated as unknown operators.
  if (rest === 'Null' && (ifExists || set !== null)) return undefined;
  return { base: rest, ifExists, set };
}

/** The positive operator a base operator is, or negates ("StringNotLike" → "StringLike"). */
const FAMILY_BY_PREFIX: readonly (readonly [string, OperatorFamily])[] = [
  ['String', 'string'],
  ['Numeric', 'numeric'],
  ['Date', 'date'],
  ['Bool', 'bool'],
  ['Binary', 'binary'],
  ['IpAddress', 'ip-address'],
  ['Arn', 'arn'],
  ['Null', 'null'],
];

/** The family of a positive base operator ("StringLike" → string). */
export function operatorFamily(base: string): OperatorFamily | undefined {
  const positive = POSITIVE_FORM.get(base);
  return positive === undefined ? undefined : FAMILY_BY_PREFIX.find(([prefix]) => positive.startsWith(prefix))?.[1];
}

/** Every operator name parseOperator accepts. */
export function allOperatorNames(): string[] {
  const names: string[] = [];
  for (const prefix of ['', ...SET_PREFIXES.map((set) => `${set}:`)]) {
    for (const base of POSITIVE_FORM.keys()) {
      if (base === 'Null') {
        if (prefix === '') names.push(base);
        continue;
      }
      names.push(`${prefix}${base}`, `${prefix}${base}${IF_EXISTS}`);
    }
  }
  return names;
}

export function positiveForm(base: string): string | undefined {
  return POSITIVE_FORM.get(base);
}

export function isNegated(base: string): boolean {
  const positive = POSITIVE_FORM.get(base);
  return positive !== undefined && positive !== base;
}
