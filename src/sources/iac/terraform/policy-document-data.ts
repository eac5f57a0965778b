import type { Span } from '../../../model/index.js';
import type { HclBlock } from '../../../parse/index.js';
import { documentValue } from './policy-document.js';
import { evaluate, type Scope } from './expressions.js';
import { isObject, markUnknownKey, spanOf, type TfObject, type TfValue, Unknown, withOrigin } from './values.js';

/*
 * data "aws_iam_policy_document": its statement blocks as a policy document value, each statement
 * remembering its block's line. Merging follows the provider's documentation
 * (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document):
 * statements of source_policy_documents come first; a statement of this document with a non-blank sid
 * replaces the source statement with that sid; override_policy_documents, in order, replace statements with
 * the same non-blank sid, and their other statements are appended.
 */

const ELEMENTS: readonly [attribute: string, element: string][] = [
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
];

export function policyDocumentData(block: HclBlock, scope: Scope): TfValue {
  const attribute = (name: string): TfValue | undefined => {
    const found = block.body.attributes.find((a) => a.name === name);
    return found ? evaluate(found.value, scope) : undefined;
  };
  const own = block.body.blocks.filter((b) => b.type === 'statement').map((b) => statementOf(b, scope));
  let statements: TfValue[] = [];
  for (const source of listOf(attribute('source_policy_documents'))) {
    const found = statementsOf(source, scope);
    if (found instanceof Unknown) return found;
    statements.push(...found);
  }
  statements = mergeBySid(statements, own);
  for (const override of listOf(attribute('override_policy_documents'))) {
    const found = statementsOf(override, scope);
    if (found instanceof Unknown) return found;
    statements = mergeBySid(statements, found);
  }
  const version = attribute('version');
  return withOrigin(
    { Version: typeof version === 'string' ? version : '2012-10-17', Statement: statements },
    spanOf(scope.file, block.range),
  );
}

function listOf(value: TfValue | undefined): readonly TfValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function sidOf(statement: TfValue): string | undefined {
  return isObject(statement) && typeof statement.Sid === 'string' && statement.Sid !== '' ? statement.Sid : undefined;
}

/** `later` statements replace earlier ones with the same non-blank sid, in place; the others are appended. */
function mergeBySid(earlier: readonly TfValue[], later: readonly TfValue[]): TfValue[] {
  const merged = [...earlier];
  for (const statement of later) {
    const sid = sidOf(statement);
    const at = sid === undefined ? -1 : merged.findIndex((other) => sidOf(other) === sid);
    if (at >= 0) merged[at] = statement;
    else merged.push(statement);
  }
  return merged;
}

function statementsOf(document: TfValue, scope: Scope): readonly TfValue[] | Unknown {
  const { value, unknown } = documentValue(document, { file: scope.file, line: 1, column: 1 });
  if (unknown) return unknown;
  if (value === undefined || !isObject(value))
    return new Unknown('source_policy_documents', 'unsupported-expression', { file: scope.file, line: 1, column: 1 });
  const statements = value.Statement;
  if (statements instanceof Unknown) return statements;
  return listOf(statements);
}

function unknownOf(value: TfValue | undefined, name: string, at: Span): Unknown {
  return value instanceof Unknown ? value : new Unknown(name, 'unsupported-expression', at);
}

function statementOf(block: HclBlock, scope: Scope): TfObject {
  const at = spanOf(scope.file, block.range);
  const value = (name: string): TfValue | undefined => {
    const found = block.body.attributes.find((a) => a.name === name);
    return found ? evaluate(found.value, scope) : undefined;
  };
  const statement: Record<string, TfValue> = {};
  const sid = value('sid');
  if (sid !== undefined && sid !== null) statement.Sid = sid;
  statement.Effect = value('effect') ?? 'Allow';
  for (const [attribute, element] of ELEMENTS) {
    const found = value(attribute);
    if (found !== undefined && found !== null) statement[element] = found;
  }
  const condition: Record<string, Record<string, TfValue>> = {};
  for (const clause of block.body.blocks.filter((b) => b.type === 'condition')) {
    const get = (name: string) => {
      const found = clause.body.attributes.find((a) => a.name === name);
      return found ? evaluate(found.value, scope) : undefined;
    };
    const test = get('test');
    const variable = get('variable');
    const values = get('values');
    const at = spanOf(scope.file, clause.range);
    const operator = typeof test === 'string' ? test : `\uffffoperator${Object.keys(condition).length}`;
    const key = typeof variable === 'string' ? variable : `\uffffkey${clause.range.line}:${clause.range.column}`;
    if (typeof test !== 'string') markUnknownKey(condition, operator, unknownOf(test, 'test', at));
    const byKey: Record<string, TfValue> = condition[operator] ?? withOrigin({}, at);
    condition[operator] = byKey;
    if (typeof variable !== 'string') markUnknownKey(byKey, key, unknownOf(variable, 'variable', at));
    const previous = byKey[key];
    byKey[key] = previous === undefined ? (values ?? []) : [...listOf(previous), ...listOf(values ?? [])];
  }
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  const principals = principalsOf(block, scope);
  if (principals !== undefined) statement.Principal = principals;
  return withOrigin(statement, at);
}

/** `principals { type, identifiers }` blocks as a Principal element: type "*" with "*" is everyone. */
function principalsOf(block: HclBlock, scope: Scope): TfValue | undefined {
  const blocks = block.body.blocks.filter((b) => b.type === 'principals');
  if (blocks.length === 0) return undefined;
  const byType: Record<string, TfValue[]> = {};
  for (const entry of blocks) {
    const get = (name: string) => {
      const found = entry.body.attributes.find((a) => a.name === name);
      return found ? evaluate(found.value, scope) : undefined;
    };
    const type = get('type');
    const identifiers = listOf(get('identifiers') ?? []);
    if (type === '*' && identifiers.every((identifier) => identifier === '*')) return '*';
    const key = typeof type === 'string' ? type : 'AWS';
    byType[key] = [...(byType[key] ?? []), ...identifiers];
  }
  return byType;
}
