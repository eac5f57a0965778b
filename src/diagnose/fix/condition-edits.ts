import type { ConditionClause, Statement } from '../../model/index.js';
import { statementToJson, type StatementJson } from './statement-json.js';

type ConditionJson = Record<string, Record<string, string | string[]>>;

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();
const oneOrMany = (values: readonly string[]): string | string[] => (values.length === 1 ? values[0]! : [...values]);
const valuesOf = (value: string | string[] | undefined): string[] => ([] as string[]).concat(value ?? []);

function conditionOf(json: StatementJson): ConditionJson {
  const condition = (json.Condition ?? {}) as ConditionJson;
  return Object.fromEntries(Object.entries(condition).map(([operator, keys]) => [operator, { ...keys }]));
}

/** The statement with `values` added to each of `clauses` (the rest of the statement and every other clause kept). */
export function widenedStatement(
  statement: Statement,
  added: ReadonlyMap<ConditionClause, readonly string[]>,
): StatementJson {
  const json = statementToJson(statement);
  const condition = conditionOf(json);
  for (const [clause, values] of added) {
    condition[clause.operator] ??= {};
    const keys = condition[clause.operator]!;
    // Existing values keep their order; new ones follow, sorted.
    const existing = valuesOf(keys[clause.key]);
    keys[clause.key] = oneOrMany([...existing, ...sorted(values).filter((value) => !existing.includes(value))]);
  }
  return { ...json, Condition: condition };
}

/**
 * A copy of the statement that applies only to calls routed through `profiles`: each widened clause
 * names only the values added, and StringEquals on bedrock:InferenceProfileArn names the profiles, so
 * the copy lets through exactly the profile's destination Regions and nothing called directly.
 */
export function profileCopyStatement(
  statement: Statement,
  added: ReadonlyMap<ConditionClause, readonly string[]>,
  profiles: readonly string[],
  sid: string,
): StatementJson {
  const json = statementToJson(statement);
  const condition = conditionOf(json);
  for (const [clause, values] of added) condition[clause.operator]![clause.key] = oneOrMany(sorted(values));
  condition.StringEquals = {
    ...(condition.StringEquals ?? {}),
    'bedrock:InferenceProfileArn': oneOrMany(sorted(profiles)),
  };
  return { ...json, Sid: sid, Condition: condition };
}

/** `json` (a statement) without the clauses on `keys` of the operators given; the Condition is dropped when nothing is left. */
export function withoutClauses(json: StatementJson, clauses: readonly ConditionClause[]): StatementJson {
  const condition = conditionOf(json);
  for (const clause of clauses) {
    const keys = condition[clause.operator];
    if (!keys) continue;
    delete keys[clause.key];
    if (Object.keys(keys).length === 0) delete condition[clause.operator];
  }
  const { Condition: _dropped, ...rest } = json;
  return Object.keys(condition).length > 0 ? { ...rest, Condition: condition } : rest;
}

/** A Sid not among `taken`, from `base` (alphanumeric, as IAM requires). */
export function freeSid(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9]/g, '').slice(0, 90) || 'Allow';
  let sid = clean;
  for (let n = 2; taken.has(sid); n++) sid = `${clean}${n}`;
  return sid;
}
