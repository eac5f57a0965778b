import type { ConditionClause, InputIssue } from '../model/index.js';
import { parseConditionOperator, type ConditionOperator } from './condition-operators.js';
import { conditionValueProblem } from './condition-values.js';
import { errorAt } from './issue-factory.js';
import { quoteToken } from './quote-token.js';
import { oneOrMany, scalarText, type JsonNode, type JsonProperty } from './json-tree.js';

export interface ConditionReadResult {
  readonly clauses: ConditionClause[];
  readonly issues: InputIssue[];
  /** Every value node read, for checks across the policy (policy variables in Version 2008-10-17). */
  readonly valueNodes: JsonNode[];
}

/**
 * One clause per `"Operator": { "key": values }` pair, spanned at the key. Values the operator
 * cannot compare are errors here, because the schema cannot tie a value's form to its operator.
 * Malformed structure is skipped silently: the schema reports it.
 */
export function readCondition(conditionNode: JsonNode, file: string, version: string): ConditionReadResult {
  const result: ConditionReadResult = { clauses: [], issues: [], valueNodes: [] };
  if (conditionNode.kind !== 'object') return result;
  for (const operatorProperty of conditionNode.properties) {
    const operator = parseConditionOperator(operatorProperty.key);
    const keys = operatorProperty.value;
    if (!operator || keys.kind !== 'object') continue;
    for (const keyProperty of keys.properties) readClause(operator, keyProperty, file, version, result);
  }
  return result;
}

function readClause(
  operator: ConditionOperator,
  keyProperty: JsonProperty,
  file: string,
  version: string,
  result: ConditionReadResult,
): void {
  const values: string[] = [];
  for (const valueNode of oneOrMany(keyProperty.value)) {
    const text = scalarText(valueNode);
    if (text === undefined) return;
    const problem = conditionValueProblem(operator.family, text, version);
    if (problem) {
      result.issues.push(
        errorAt(
          file,
          valueNode,
          'invalid-condition-value',
          `${operator.name} value ${quoteToken(text)} for ${quoteToken(keyProperty.key)}: ${problem}`,
        ),
      );
    }
    result.valueNodes.push(valueNode);
    values.push(text);
  }
  if (values.length === 0) return;
  const { line, column } = keyProperty.keyNode;
  result.clauses.push({ operator: operator.name, key: keyProperty.key, values, span: { file, line, column } });
}
