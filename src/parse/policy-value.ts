import { sortInputIssues, type InputIssue } from '../model/index.js';
import { relocateIssues, relocatePolicy } from './aws-cli-output.js';
import { errorAt } from './issue-factory.js';
import { parseJsonDocument } from './json-with-spans.js';
import type { JsonDocument, JsonNode } from './json-tree.js';
import { parsePolicyDocumentNode, type PolicyMeta, type PolicyParseResult } from './policy-document.js';

/**
 * A policy document held in a larger JSON file (a snapshot): either a JSON object (what the AWS CLI writes)
 * or its JSON text in a string, URL-encoded as the IAM API returns it (or plain, as Organizations returns an
 * SCP's content). Issues and statement spans point into the file; `label` names the element in messages.
 */
export function parsePolicyValue(
  document: JsonDocument,
  node: JsonNode,
  meta: PolicyMeta & { readonly pointer: string },
  label: string,
): PolicyParseResult {
  if (node.kind === 'object') return parsePolicyDocumentNode(document, node, meta);
  if (node.kind !== 'string') {
    return {
      issues: [
        errorAt(
          document.file,
          node,
          'invalid-policy-value',
          `${label} must be a policy document: an object, or the URL-encoded JSON text IAM returns`,
        ),
      ],
    };
  }
  let text = node.value;
  let where = label;
  if (/%[0-9A-Fa-f]{2}/.test(text)) {
    try {
      text = decodeURIComponent(text);
      where = `${label} (URL-decoded)`;
    } catch {
      return {
        issues: [
          errorAt(
            document.file,
            node,
            'invalid-policy-value',
            `${label} is not valid URL-encoded text (a "%" not followed by two hexadecimal digits of UTF-8)`,
          ),
        ],
      };
    }
  }
  const inner = parseJsonDocument(text, document.file);
  const result = inner.document
    ? parsePolicyDocumentNode(inner.document, inner.document.root, meta)
    : { issues: [] as InputIssue[] };
  const issues = sortInputIssues(relocateIssues([...inner.issues, ...result.issues], node, where));
  if (!result.policy || issues.some((issue) => issue.severity === 'error')) return { issues };
  return { policy: relocatePolicy(result.policy, node), issues };
}
