import type { Effect, InputIssue, Statement, StatementPrincipal } from '../model/index.js';
import { readCondition } from './condition-reader.js';
import { warningAt } from './issue-factory.js';
import { resourceVariableProblem } from './policy-strings.js';
import { findProperty, oneOrMany, type JsonNode, type JsonObjectNode, type JsonStringNode } from './json-tree.js';
import type { LineColumn } from './line-index.js';
import { quoteToken } from './quote-token.js';

export interface StatementReadResult {
  /** Absent when the statement lacks what a Statement needs (the schema reports why). */
  readonly statement?: Statement;
  readonly sidNode?: JsonStringNode;
  /** Resource strings and condition values, for checks across the policy. */
  readonly valueNodes: readonly JsonNode[];
  readonly issues: readonly InputIssue[];
}

/** `locate` (the document's offset → line/column map), when given, adds the statement's end to its span. */
export function readStatement(
  node: JsonNode,
  index: number,
  file: string,
  version: string,
  locate?: (offset: number) => LineColumn,
): StatementReadResult {
  if (node.kind !== 'object') return { valueNodes: [], issues: [] };
  const condition = findProperty(node, 'Condition');
  const conditions = condition
    ? readCondition(condition.value, file, version)
    : { clauses: [], issues: [], valueNodes: [] };
  const sidNode = stringElement(node, 'Sid');
  const resources = stringListElement(node, 'Resource');
  const notResources = stringListElement(node, 'NotResource');
  const valueNodes = [...(resources ?? []), ...(notResources ?? []), ...conditions.valueNodes];
  const effect = effectOf(node);
  const actions = stringListElement(node, 'Action');
  const notActions = stringListElement(node, 'NotAction');
  const suspicious = [...(resources ?? []), ...(notResources ?? [])].flatMap((resource) => {
    // A variable's own colon shifts the naive account part: its warning replaces the account one.
    const variable = resourceVariableWarnings(resource, file, version);
    return variable.length > 0 ? variable : accountSegmentWarnings(resource, file);
  });
  const common = { ...(sidNode ? { sidNode } : {}), valueNodes, issues: [...conditions.issues, ...suspicious] };
  const principal = principalElement(node);
  if (!effect || !(actions ?? notActions) || !(resources ?? notResources)) return common;
  const statement: Statement = {
    ...(sidNode ? { sid: sidNode.value } : {}),
    effect,
    ...(actions ? { action: values(actions) } : {}),
    ...(notActions ? { notAction: values(notActions) } : {}),
    ...(resources ? { resource: values(resources) } : {}),
    ...(notResources ? { notResource: values(notResources) } : {}),
    ...(principal !== undefined ? { principal } : {}),
    conditions: conditions.clauses,
    span: { file, line: node.line, column: node.column, ...endOf(node, locate) },
    index,
  };
  return { ...common, statement };
}

/**
 * An ARN whose account part is neither empty, an account ID, nor a pattern is valid to IAM but matches
 * nothing it was meant to: most often a foundation-model ARN written without its empty account
 * (`arn:aws:bedrock:us-east-1:foundation-model/…` for `…us-east-1::foundation-model/…`).
 */
function accountSegmentWarnings(node: JsonStringNode, file: string): InputIssue[] {
  const parts = node.value.split(':');
  const account = parts[4];
  if (!node.value.startsWith('arn:') || parts.length < 6 || account === undefined) return [];
  if (account === '' || /^\d{12}$/.test(account) || /[*?$]/.test(account) || account === 'aws') return [];
  const hint = account.includes('/')
    ? ` — the account part is missing: write "::" between the Region and ${quoteToken(`${account.split('/')[0] ?? ''}/`)}`
    : '';
  return [
    warningAt(
      file,
      node,
      'suspicious-account',
      `resource ${quoteToken(node.value)}: its account part ${quoteToken(account)} is not an account ID, so it matches no real ARN${hint}`,
    ),
  ];
}

/** A policy variable before the fifth colon (variables are only substituted under Version 2012-10-17). */
function resourceVariableWarnings(node: JsonStringNode, file: string, version: string): InputIssue[] {
  const problem = version === '2012-10-17' ? resourceVariableProblem(node.value) : undefined;
  return problem === undefined ? [] : [warningAt(file, node, 'resource-variable-before-resource-part', problem)];
}

/** The position just past the closing brace (exclusive end). */
function endOf(
  node: JsonObjectNode,
  locate: ((offset: number) => LineColumn) | undefined,
): { endLine?: number; endColumn?: number } {
  if (!locate) return {};
  const end = locate(node.offset + node.length);
  return { endLine: end.line, endColumn: end.column };
}

function effectOf(node: JsonObjectNode): Effect | undefined {
  const effect = stringElement(node, 'Effect')?.value;
  return effect === 'Allow' || effect === 'Deny' ? effect : undefined;
}

function stringElement(node: JsonObjectNode, name: string): JsonStringNode | undefined {
  const value = findProperty(node, name)?.value;
  return value?.kind === 'string' ? value : undefined;
}

/** A string or a non-empty array of strings; undefined when absent or of another shape. */
function stringListElement(node: JsonObjectNode, name: string): JsonStringNode[] | undefined {
  const value = findProperty(node, name)?.value;
  if (!value) return undefined;
  const items = oneOrMany(value);
  const strings = items.filter((item): item is JsonStringNode => item.kind === 'string');
  return strings.length > 0 && strings.length === items.length ? strings : undefined;
}

/**
 * `"*"`, or each principal type with its values as a list; undefined when absent or of another shape (only the
 * VPC endpoint policy schema lets Principal through, and it reports a wrong shape).
 */
function principalElement(node: JsonObjectNode): StatementPrincipal | undefined {
  const value = findProperty(node, 'Principal')?.value;
  if (value?.kind === 'string') return value.value === '*' ? '*' : undefined;
  if (value?.kind !== 'object') return undefined;
  const principal: Record<string, string[]> = {};
  for (const property of value.properties) {
    const list = stringListElement(value, property.key);
    if (!list) return undefined;
    principal[property.key] = values(list);
  }
  return Object.keys(principal).length > 0 ? principal : undefined;
}

function values(nodes: readonly JsonStringNode[]): string[] {
  return nodes.map((node) => node.value);
}
