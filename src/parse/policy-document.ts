import { hasErrors, sortInputIssues, type InputIssue, type Policy, type PolicyType } from '../model/index.js';
import { parseJsonDocument } from './json-with-spans.js';
import { toPlainValue, type JsonDocument, type JsonNode } from './json-tree.js';
import { characterIssues, policySizeIssues } from './policy-limits.js';
import { readPolicy } from './policy-reader.js';
import { schemaIssues } from './schema-issues.js';
import { policyDocumentValidator, schemaErrors } from './schema-validation.js';

export interface PolicyMeta {
  readonly type: PolicyType;
  /** Defaults to the file's base name. */
  readonly name?: string;
  readonly arn?: string;
}

export interface PolicyParseResult {
  /** Present when there is no error (warnings allowed). */
  readonly policy?: Policy;
  /** Sorted by position. */
  readonly issues: readonly InputIssue[];
}

const DOCUMENT_KINDS: Readonly<Record<PolicyType, string>> = {
  identity: 'an identity-based policy',
  'permissions-boundary': 'a permissions boundary',
  'session-policy': 'a session policy',
  scp: 'a service control policy',
};

/** Parses the text of one policy document. Never throws on bad input. */
export function parsePolicyDocument(text: string, file: string, meta: PolicyMeta): PolicyParseResult {
  const parsed = parseJsonDocument(text, file);
  if (!parsed.document) return { issues: parsed.issues };
  const result = parsePolicyDocumentNode(parsed.document, parsed.document.root, meta);
  const issues = sortInputIssues([...parsed.issues, ...result.issues]);
  return hasErrors(issues) ? { issues } : { ...result, issues };
}

/**
 * Parses a policy document that is one node of a larger JSON document (an SCP embedded in an
 * SCP-levels file), so issues and statement spans point into that file.
 */
export function parsePolicyDocumentNode(document: JsonDocument, node: JsonNode, meta: PolicyMeta): PolicyParseResult {
  const file = document.file;
  const schema = schemaIssues(schemaErrors(policyDocumentValidator, toPlainValue(node)), {
    file,
    root: node,
    rootName: 'the policy document',
    documentKind: DOCUMENT_KINDS[meta.type],
  });
  const read = readPolicy(node, file, document.locate);
  const issues = sortInputIssues([
    ...schema,
    ...read.issues,
    ...characterIssues(document, node, meta.type),
    ...policySizeIssues(document, node, meta.type),
  ]);
  if (hasErrors(issues)) return { issues };
  const policy: Policy = {
    type: meta.type,
    name: meta.name ?? baseName(file),
    file,
    ...(meta.arn !== undefined ? { arn: meta.arn } : {}),
    version: read.version,
    statements: read.statements,
  };
  return { policy, issues };
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}
