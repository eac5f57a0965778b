import type { ConditionClause, Span, Statement, StatementPrincipal } from '../../model/index.js';

/** A statement as IAM JSON, the form a fix is shown in. */
export type StatementJson = Record<string, unknown>;

const single = (values: readonly string[]): string | string[] => (values.length === 1 ? values[0]! : [...values]);

export function statementToJson(statement: Statement): StatementJson {
  const json: StatementJson = {};
  if (statement.sid !== undefined) json.Sid = statement.sid;
  json.Effect = statement.effect;
  if (statement.principal !== undefined) json.Principal = principalJson(statement.principal);
  if (statement.action) json.Action = single(statement.action);
  if (statement.notAction) json.NotAction = single(statement.notAction);
  if (statement.resource) json.Resource = single(statement.resource);
  if (statement.notResource) json.NotResource = single(statement.notResource);
  if (statement.conditions.length > 0) {
    const condition: Record<string, Record<string, string | string[]>> = {};
    for (const clause of statement.conditions) {
      condition[clause.operator] = { ...condition[clause.operator], [clause.key]: single(clause.values) };
    }
    json.Condition = condition;
  }
  return json;
}

function principalJson(principal: StatementPrincipal): unknown {
  if (principal === '*') return '*';
  return Object.fromEntries(Object.entries(principal).map(([type, values]) => [type, single(values)]));
}

function principalOf(value: unknown): StatementPrincipal | undefined {
  if (value === '*') return '*';
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.fromEntries(Object.entries(value).map(([type, values]) => [type, list(values)!]));
}

const list = (value: unknown): string[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value.map(String) : [String(value)];

/** The model form of a statement the fix synthesis wrote (always well-formed), placed at `span`. */
export function statementFromJson(json: StatementJson, span: Span, index: number): Statement {
  const conditions: ConditionClause[] = [];
  for (const [operator, keys] of Object.entries((json.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const [key, values] of Object.entries(keys)) conditions.push({ operator, key, values: list(values)!, span });
  }
  const optional = (name: string, value: string[] | undefined) => (value ? { [name]: value } : {});
  const principal = principalOf(json.Principal);
  return {
    ...(typeof json.Sid === 'string' ? { sid: json.Sid } : {}),
    effect: json.Effect === 'Deny' ? 'Deny' : 'Allow',
    ...optional('action', list(json.Action)),
    ...optional('notAction', list(json.NotAction)),
    ...optional('resource', list(json.Resource)),
    ...optional('notResource', list(json.NotResource)),
    ...(principal !== undefined ? { principal } : {}),
    conditions,
    span,
    index,
  };
}
