import { withPolicyId, type InputIssue, type Policy, type Span, type WrittenPolicy } from '../model/index.js';
import { errorAt } from './issue-factory.js';
import {
  findProperty,
  type JsonDocument,
  type JsonNode,
  type JsonObjectNode,
  type JsonStringNode,
} from './json-tree.js';

/**
 * What users paste: the output of `aws iam get-policy-version` (`{"PolicyVersion":{"Document":…}}`) or of
 * `get-role-policy`, `get-user-policy`, `get-group-policy` (`{"RoleName":…,"PolicyName":…,"PolicyDocument":…}`).
 * The CLI decodes the document into an object; the API (and some tools) leave it a URL-encoded string.
 * For SCPs, `aws organizations describe-policy` (`{"Policy":{"PolicySummary":{"Name":…},"Content":"<JSON text>"}}`).
 */
export type CliOutputDocument =
  | { readonly kind: 'node'; readonly node: JsonNode; readonly name?: string }
  | {
      readonly kind: 'encoded';
      readonly text: string;
      readonly at: JsonStringNode;
      readonly label: string;
      readonly name?: string;
    }
  | { readonly kind: 'invalid'; readonly issue: InputIssue };

const INLINE_OWNERS = ['RoleName', 'UserName', 'GroupName'];

/** The policy document inside AWS CLI output, or undefined when the root is not such output. */
export function unwrapCliOutput(document: JsonDocument): CliOutputDocument | undefined {
  const root = document.root;
  if (root.kind !== 'object' || findProperty(root, 'Statement')) return undefined;
  const version = findProperty(root, 'PolicyVersion')?.value;
  if (version?.kind === 'object') {
    const documentNode = findProperty(version, 'Document')?.value;
    return documentNode ? documentFrom(document, documentNode, 'PolicyVersion.Document') : undefined;
  }
  const policy = findProperty(root, 'Policy')?.value;
  const summary = policy?.kind === 'object' ? findProperty(policy, 'PolicySummary')?.value : undefined;
  const content = policy?.kind === 'object' ? findProperty(policy, 'Content')?.value : undefined;
  if (summary?.kind === 'object' && content)
    return documentFrom(document, content, 'Policy.Content', stringProperty(summary, 'Name'));
  const documentNode = findProperty(root, 'PolicyDocument')?.value;
  if (!documentNode || !findProperty(root, 'PolicyName') || !INLINE_OWNERS.some((key) => findProperty(root, key)))
    return undefined;
  const name = stringProperty(root, 'PolicyName');
  return documentFrom(document, documentNode, 'PolicyDocument', name);
}

function documentFrom(document: JsonDocument, node: JsonNode, label: string, name?: string): CliOutputDocument {
  const named = name !== undefined ? { name } : {};
  if (node.kind === 'object') return { kind: 'node', node, ...named };
  if (node.kind !== 'string') {
    return invalidAt(
      document,
      node,
      `${label} must be a policy document: an object, or the URL-encoded JSON text IAM returns`,
    );
  }
  if (!/%[0-9A-Fa-f]{2}/.test(node.value)) return { kind: 'encoded', text: node.value, at: node, label, ...named };
  try {
    return {
      kind: 'encoded',
      text: decodeURIComponent(node.value),
      at: node,
      label: `${label} (URL-decoded)`,
      ...named,
    };
  } catch {
    return invalidAt(
      document,
      node,
      `${label} is not valid URL-encoded text (a "%" not followed by two hexadecimal digits of UTF-8)`,
    );
  }
}

function stringProperty(node: JsonObjectNode, key: string): string | undefined {
  const value = findProperty(node, key)?.value;
  return value?.kind === 'string' && value.value !== '' ? value.value : undefined;
}

/**
 * Issues found in a document embedded as a string, moved to the string's place in the user's file, each
 * saying where in the embedded document it is (the file's own line numbers cannot reach inside the string).
 */
export function relocateIssues(issues: readonly InputIssue[], at: JsonStringNode, label: string): InputIssue[] {
  return issues.map((issue) => ({
    ...issue,
    line: at.line,
    column: at.column,
    message: `${issue.message} (in ${label}, at its line ${issue.line}, column ${issue.column})`,
  }));
}

/**
 * The policy with every span moved to the string's place. End positions are dropped: a fix placed
 * inside an encoded string would break the file.
 */
export function relocatePolicy(policy: WrittenPolicy, at: JsonStringNode): WrittenPolicy {
  return moveSpans(policy, (span) => ({ file: span.file, line: at.line, column: at.column }));
}

/** The policy with every statement and condition span moved by `move`. */
export function moveSpans<P extends Policy>(policy: P, move: (span: Span) => Span): P {
  // New positions, new id: the engine reports the positions of the policy it compiled.
  return withPolicyId({
    ...policy,
    statements: policy.statements.map((statement) => ({
      ...statement,
      span: move(statement.span),
      conditions: statement.conditions.map((clause) => ({ ...clause, span: move(clause.span) })),
    })),
  } as Policy) as P;
}

function invalidAt(document: JsonDocument, node: JsonNode, message: string): CliOutputDocument {
  return { kind: 'invalid', issue: errorAt(document.file, node, 'invalid-cli-output', message) };
}
