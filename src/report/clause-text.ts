import type { ReportClause } from '../model/index.js';

const PHRASES: Record<string, [string, string]> = {
  StringEquals: ['is', 'is one of'],
  StringNotEquals: ['is not', 'is none of'],
  StringEqualsIgnoreCase: ['is (ignoring case)', 'is one of (ignoring case)'],
  StringNotEqualsIgnoreCase: ['is not (ignoring case)', 'is none of (ignoring case)'],
  StringLike: ['matches', 'matches one of'],
  StringNotLike: ['does not match', 'matches none of'],
  NumericEquals: ['=', 'is one of'],
  NumericNotEquals: ['≠', 'is none of'],
  NumericLessThan: ['<', '< one of'],
  NumericLessThanEquals: ['≤', '≤ one of'],
  NumericGreaterThan: ['>', '> one of'],
  NumericGreaterThanEquals: ['≥', '≥ one of'],
  DateEquals: ['is', 'is one of'],
  DateNotEquals: ['is not', 'is none of'],
  DateLessThan: ['is before', 'is before one of'],
  DateLessThanEquals: ['is at or before', 'is at or before one of'],
  DateGreaterThan: ['is after', 'is after one of'],
  DateGreaterThanEquals: ['is at or after', 'is at or after one of'],
  Bool: ['is', 'is one of'],
  BinaryEquals: ['is', 'is one of'],
  IpAddress: ['is in', 'is in one of'],
  NotIpAddress: ['is not in', 'is in none of'],
  ArnEquals: ['is', 'is one of'],
  ArnLike: ['matches', 'matches one of'],
  ArnNotEquals: ['is not', 'is none of'],
  ArnNotLike: ['does not match', 'matches none of'],
};

/** "aws:SourceIp is in 10.0.0.0/8": a clause the decision depends on, in words. */
export function clauseText(clause: ReportClause): string {
  let operator = clause.operator;
  let set = '';
  const colon = operator.indexOf(':');
  if (colon >= 0) {
    set = operator.slice(0, colon) === 'ForAllValues' ? 'every value of ' : 'some value of ';
    operator = operator.slice(colon + 1);
  }
  const ifExists = operator.endsWith('IfExists');
  if (ifExists) operator = operator.slice(0, -'IfExists'.length);
  const values = clause.values;
  if (operator === 'Null') {
    const mustBeAbsent = values.length === 1 && values[0]?.toLowerCase() === 'true';
    return `${clause.key} is ${mustBeAbsent ? 'absent' : 'present'}`;
  }
  const phrase = PHRASES[operator];
  const shown = values.length === 1 ? values[0]! : values.join(', ');
  const text = phrase
    ? `${set}${clause.key} ${values.length === 1 ? phrase[0] : phrase[1]} ${shown}`
    : `${set}${clause.key} ${clause.operator} ${shown}`;
  if (!ifExists) return text;
  // ForAnyValue with …IfExists on an absent key: the condition-operators page says …IfExists is true,
  // the multivalued-keys page says ForAnyValue is false; the engine leaves it undecided (set-operators.ts).
  if (set === 'some value of ') return `${text} (undecided if ${clause.key} is absent: AWS's documentation conflicts)`;
  return `${text} (or ${clause.key} is absent)`;
}
