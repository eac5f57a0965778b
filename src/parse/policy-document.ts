import {
  hasErrors,
  sortInputIssues,
  withPolicyId,
  type InputIssue,
  type Policy,
  type WrittenPolicy,
  type PolicyType,
} from '../model/index.js';
import { relocateIssues, relocatePolicy, unwrapCliOutput } from './aws-cli-output.js';
import { parseJsonDocument } from './json-with-spans.js';
import { toPlainValue, type JsonDocument, type JsonNode, type JsonStringNode } from './json-tree.js';
import { lookalikeIssues } from './lookalike-characters.js';
import { characterIssues, policySizeIssues } from './policy-limits.js';
import { readPolicy } from './policy-reader.js';
import { schemaIssues } from './schema-issues.js';
import { policyDocumentValidator, schemaErrors, vpcEndpointPolicyValidator } from './schema-validation.js';

export interface PolicyMeta {
  readonly type: PolicyType;
  /** Defaults to the file's base name. */
  readonly name?: string;
  readonly arn?: string;
  /** Where the document sits in its file when the file holds many (a snapshot): a JSON Pointer. */
  readonly pointer?: string;
}

export interface PolicyParseResult {
  /** Present when there is no error (warnings allowed). */
  readonly policy?: WrittenPolicy;
  /** Sorted by position. */
  readonly issues: readonly InputIssue[];
}

const DOCUMENT_KINDS: Readonly<Record<PolicyType, string>> = {
  identity: 'an identity-based policy',
  'permissions-boundary': 'a permissions boundary',
  'session-policy': 'a session policy',
  scp: 'a service control policy',
  'vpc-endpoint': 'a VPC endpoint policy',
};

/**
 * Parses the text of one policy document, or of the AWS CLI output holding one (get-policy-version,
 * get-role-policy, get-user-policy, get-group-policy). Never throws on bad input.
 */
export function parsePolicyDocument(text: string, file: string, meta: PolicyMeta): PolicyParseResult {
  const parsed = parseJsonDocument(text, file);
  if (!parsed.document) return { issues: parsed.issues };
  const wrapped = unwrapCliOutput(parsed.document);
  if (wrapped?.kind === 'invalid') return { issues: [wrapped.issue] };
  const named: PolicyMeta = {
    ...meta,
    ...(meta.name === undefined && wrapped?.name !== undefined ? { name: wrapped.name } : {}),
  };
  const result =
    wrapped?.kind === 'encoded'
      ? parseEmbeddedDocument(wrapped.text, file, named, wrapped.at, wrapped.label)
      : parsePolicyDocumentNode(parsed.document, wrapped?.node ?? parsed.document.root, named);
  const issues = sortInputIssues([...parsed.issues, ...result.issues]);
  return hasErrors(issues) ? { issues } : { ...result, issues };
}

/** A document held as JSON text in a string of the file: parsed on its own, then pointed back at the string. */
function parseEmbeddedDocument(
  text: string,
  file: string,
  meta: PolicyMeta,
  at: JsonStringNode,
  label: string,
): PolicyParseResult {
  const inner = parseJsonDocument(text, file);
  const result = inner.document ? parsePolicyDocumentNode(inner.document, inner.document.root, meta) : { issues: [] };
  const issues = relocateIssues([...inner.issues, ...result.issues], at, label);
  return { ...(result.policy ? { policy: relocatePolicy(result.policy, at) } : {}), issues };
}

/**
 * Parses a policy document that is one node of a larger JSON document (an SCP embedded in an
 * SCP-levels file), so issues and statement spans point into that file.
 */
export function parsePolicyDocumentNode(document: JsonDocument, node: JsonNode, meta: PolicyMeta): PolicyParseResult {
  const file = document.file;
  const plain = toPlainValue(node);
  // A VPC endpoint policy is resource-style: every statement names its Principal.
  const validator = meta.type === 'vpc-endpoint' ? vpcEndpointPolicyValidator : policyDocumentValidator;
  const schema = schemaIssues(schemaErrors(validator, plain), {
    file,
    root: node,
    rootName: 'the policy document',
    documentKind: DOCUMENT_KINDS[meta.type],
  });
  const read = readPolicy(node, file, document.locate);
  // Where IAM refuses the character outright (every type but SCPs), the error says it all.
  const characters = characterIssues(document, node, meta.type);
  const issues = sortInputIssues([
    ...schema,
    ...read.issues,
    ...characters,
    ...policySizeIssues(document.file, node, plain, meta.type),
    ...(characters.length > 0 ? [] : lookalikeIssues(document, node)),
  ]);
  if (hasErrors(issues)) return { issues };
  const policy: Policy = withPolicyId({
    type: meta.type,
    name: meta.name ?? baseName(file),
    file,
    ...(meta.arn !== undefined ? { arn: meta.arn } : {}),
    ...(meta.pointer !== undefined ? { pointer: meta.pointer } : {}),
    version: read.version,
    statements: read.statements,
  });
  return { policy, issues };
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}
