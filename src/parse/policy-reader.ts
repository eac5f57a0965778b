import type { InputIssue, Statement } from '../model/index.js';
import { errorAt, warningAt } from './issue-factory.js';
import { findProperty, oneOrMany, type JsonNode, type JsonStringNode } from './json-tree.js';
import type { LineColumn } from './line-index.js';
import { containsPolicyVariable } from './policy-strings.js';
import { quoteToken } from './quote-token.js';
import { readStatement } from './statement-reader.js';

/** IAM uses 2008-10-17 when Version is absent. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html */
const DEFAULT_POLICY_VERSION = '2008-10-17';

export interface PolicyReadResult {
  readonly version: string;
  readonly statements: readonly Statement[];
  readonly issues: readonly InputIssue[];
}

/**
 * Reads a policy document's statements and makes the checks that span elements or depend on values
 * (the schema checks each element's shape). Tolerant: whatever is malformed is skipped, never thrown on.
 * With `locate` (the document's offset → line/column map), statement spans also carry their end.
 */
export function readPolicy(root: JsonNode, file: string, locate?: (offset: number) => LineColumn): PolicyReadResult {
  if (root.kind !== 'object') return { version: DEFAULT_POLICY_VERSION, statements: [], issues: [] };
  const versionNode = findProperty(root, 'Version')?.value;
  const version = versionNode?.kind === 'string' ? versionNode.value : DEFAULT_POLICY_VERSION;
  const statementBlock = findProperty(root, 'Statement')?.value;
  const results = (statementBlock ? oneOrMany(statementBlock) : []).map((node, index) =>
    readStatement(node, index, file, version, locate),
  );
  const idProperty = findProperty(root, 'Id');
  const issues = [
    ...results.flatMap((result) => result.issues),
    ...duplicateSidIssues(
      results.flatMap((result) => (result.sidNode ? [result.sidNode] : [])),
      file,
    ),
    ...ignoredVariableIssues(
      version,
      results.flatMap((result) => result.valueNodes),
      file,
    ),
    ...(idProperty
      ? [
          warningAt(
            file,
            idProperty.keyNode,
            'id-element',
            '"Id" is documented only for resource-based policies; AWS may reject it here, and policy-check ignores it',
          ),
        ]
      : []),
  ];
  const statements = results.flatMap((result) => (result.statement ? [result.statement] : []));
  return { version, statements, issues };
}

/** "In IAM, the Sid value must be unique within a JSON policy." https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html */
function duplicateSidIssues(sidNodes: readonly JsonStringNode[], file: string): InputIssue[] {
  const firstBySid = new Map<string, JsonStringNode>();
  const issues: InputIssue[] = [];
  for (const node of sidNodes) {
    if (node.value === '') continue;
    const first = firstBySid.get(node.value);
    if (first) {
      issues.push(
        errorAt(
          file,
          node,
          'duplicate-sid',
          `duplicate Sid ${quoteToken(node.value)} (first at line ${first.line}, column ${first.column}): Sids must be unique within a policy`,
        ),
      );
    } else {
      firstBySid.set(node.value, node);
    }
  }
  return issues;
}

/** In a 2008-10-17 policy `${aws:username}` is literal text: almost always a forgotten Version. Said once per policy. */
function ignoredVariableIssues(version: string, valueNodes: readonly JsonNode[], file: string): InputIssue[] {
  if (version !== '2008-10-17') return [];
  const first = valueNodes.find((node) => node.kind === 'string' && containsPolicyVariable(node.value));
  if (first?.kind !== 'string') return [];
  return [
    warningAt(
      file,
      first,
      'policy-variable-ignored',
      `${quoteToken(first.value)} holds a policy variable, but with Version "2008-10-17" (the default when Version is absent) AWS reads it as literal text; add "Version": "2012-10-17"`,
    ),
  ];
}
