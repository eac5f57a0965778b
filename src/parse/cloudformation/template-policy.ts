import { hasErrors, type InputIssue, type Statement, type WrittenPolicy, withPolicyId } from '../../model/index.js';
import { moveSpans, relocateIssues, relocatePolicy } from '../aws-cli-output.js';
import { errorAt } from '../issue-factory.js';
import { findProperty, type JsonDocument, type JsonNode, type JsonStringNode } from '../json-tree.js';
import { parseJsonDocument } from '../json-with-spans.js';
import { type PolicyMeta, parsePolicyDocumentNode } from '../policy-document.js';
import { readPolicy } from '../policy-reader.js';
import { quoteToken } from '../quote-token.js';
import { hasPlaceholder, replacePlaceholders, type UnknownValues } from './unknown-values.js';

export type TemplatePolicyResult =
  | { readonly kind: 'policy'; readonly policy: WrittenPolicy; readonly issues: readonly InputIssue[] }
  /** The whole document is known only after deployment (an `!ImportValue`, an undecided `!If`). */
  | { readonly kind: 'unknown'; readonly expression: string; readonly issues: readonly InputIssue[] }
  | { readonly kind: 'invalid'; readonly issues: readonly InputIssue[] };

/**
 * A policy document written in a template, after its intrinsics are resolved: read, validated and
 * checked as a policy file is (the same schema, reader, size, character and lookalike checks), with the
 * statements' unknown values listed. A document given as a JSON string is parsed, its positions moved
 * to the string. `template` is the template's `scalarsOnly` view; `resolved` keeps the template's positions.
 */
export function readTemplatePolicy(
  template: JsonDocument,
  resolved: JsonNode,
  unknowns: UnknownValues,
  meta: PolicyMeta,
): TemplatePolicyResult {
  if (resolved.kind === 'string') {
    if (/^\uffff\d+\uffff$/.test(resolved.value)) {
      const [unknown] = unknowns.in([resolved.value]);
      return { kind: 'unknown', expression: unknown?.expression ?? resolved.value, issues: [] };
    }
    return readEncodedPolicy(template, resolved, unknowns, meta);
  }
  if (resolved.kind !== 'object') {
    const message = `a policy document must be an object or a JSON string, not ${resolved.kind}`;
    return { kind: 'invalid', issues: [errorAt(template.file, resolved, 'cloudformation-policy', message)] };
  }
  return readPolicyNode(template, resolved, unknowns, meta);
}

function readPolicyNode(
  document: JsonDocument,
  node: JsonNode,
  unknowns: UnknownValues,
  meta: PolicyMeta,
): TemplatePolicyResult {
  const undecidable = undecidableElements(document.file, node);
  if (undecidable.length > 0) return { kind: 'invalid', issues: undecidable };
  // The checks see a wildcard where a value is unknown: it has the shape the schema wants and matches anything.
  const standIns = withStandIns(node);
  const checked = parsePolicyDocumentNode(document, standIns, meta);
  if (!checked.policy || hasErrors(checked.issues)) return { kind: 'invalid', issues: checked.issues };
  // Nothing unknown: the checked policy is the policy.
  if (standIns === node) return { kind: 'policy', policy: checked.policy, issues: checked.issues };
  const read = readPolicy(node, document.file, document.locate);
  const statements = read.statements.map((statement) => withUnknowns(statement, unknowns));
  return { kind: 'policy', policy: withPolicyId({ ...checked.policy, statements }), issues: checked.issues };
}

function readEncodedPolicy(
  template: JsonDocument,
  at: JsonStringNode,
  unknowns: UnknownValues,
  meta: PolicyMeta,
): TemplatePolicyResult {
  const label = 'the policy JSON string';
  const parsed = parseJsonDocument(at.value, template.file);
  if (!parsed.document) return { kind: 'invalid', issues: relocateIssues(parsed.issues, at, label) };
  const result = readPolicyNode(parsed.document, parsed.document.root, unknowns, meta);
  const block = literalBlockPosition(template, at);
  if (block) {
    const issues = [...parsed.issues, ...result.issues].map((issue) => ({ ...issue, ...block(issue) }));
    return result.kind === 'policy'
      ? { ...result, policy: movePolicy(result.policy, block), issues }
      : { ...result, issues };
  }
  const issues = relocateIssues([...parsed.issues, ...result.issues], at, label);
  if (result.kind !== 'policy') return { ...result, issues };
  const moved = relocatePolicy(result.policy, at);
  // relocatePolicy keeps only what a policy file has; the unknowns stay with their statements.
  const statements = moved.statements.map((statement, index) => {
    const listed = result.policy.statements[index]?.unknowns;
    return listed ? { ...statement, unknowns: listed } : statement;
  });
  return { kind: 'policy', policy: withPolicyId({ ...moved, statements }), issues };
}

type Position = { readonly line: number; readonly column: number };

/**
 * When the string is a YAML literal block (`|`) whose lines are the JSON as written, where each position
 * of the JSON stands in the template; undefined otherwise (a folded block, an escaped or substituted string).
 */
function literalBlockPosition(template: JsonDocument, at: JsonStringNode): ((inner: Position) => Position) | undefined {
  const raw = template.text.slice(at.offset, at.offset + at.length);
  if (!/^\|[-+0-9]*[ \t]*(\r?\n)/.test(raw)) return undefined;
  const lines = raw.split(/\r?\n/).slice(1);
  const indent = Math.min(
    ...lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0),
  );
  const content = lines.map((line) => line.slice(indent)).join('\n');
  if (!Number.isFinite(indent) || content.trimEnd() !== at.value.trimEnd()) return undefined;
  return (inner) => ({ line: at.line + inner.line, column: inner.column + indent });
}

function movePolicy(policy: WrittenPolicy, move: (inner: Position) => Position): WrittenPolicy {
  return moveSpans(policy, (span) => {
    const { endLine, endColumn } = span;
    const end =
      endLine !== undefined && endColumn !== undefined ? move({ line: endLine, column: endColumn }) : undefined;
    return { ...span, ...move(span), ...(end ? { endLine: end.line, endColumn: end.column } : {}) };
  });
}

/** Effect and Version decide how everything else reads: a value known only after deployment is an error. */
function undecidableElements(file: string, node: JsonNode): InputIssue[] {
  if (node.kind !== 'object') return [];
  const issues: InputIssue[] = [];
  const check = (value: JsonNode | undefined, element: string) => {
    if (value?.kind === 'string' && hasPlaceholder(value.value))
      issues.push(
        errorAt(
          file,
          value,
          'cloudformation-unknown-element',
          `${element} is known only after deployment: policy-check cannot tell what the statement does`,
        ),
      );
  };
  check(findProperty(node, 'Version')?.value, 'Version');
  const statements = findProperty(node, 'Statement')?.value;
  for (const statement of statements?.kind === 'array' ? statements.items : statements ? [statements] : []) {
    if (statement.kind === 'object') check(findProperty(statement, 'Effect')?.value, `${quoteToken('Effect')}`);
    else if (statement.kind === 'string' && hasPlaceholder(statement.value))
      issues.push(
        errorAt(
          file,
          statement,
          'cloudformation-unknown-element',
          'a statement is known only after deployment: policy-check cannot tell what it does',
        ),
      );
  }
  return issues;
}

function withUnknowns(statement: Statement, unknowns: UnknownValues): Statement {
  const texts = [
    ...(statement.action ?? []),
    ...(statement.notAction ?? []),
    ...(statement.resource ?? []),
    ...(statement.notResource ?? []),
    ...statement.conditions.flatMap((clause) => [clause.key, ...clause.values]),
  ];
  const listed = unknowns.in(texts);
  return listed.length > 0 ? { ...statement, unknowns: listed } : statement;
}

/** The tree with each unknown value written as `*` (a Sid, which admits only letters and digits, as `X`). */
function withStandIns(node: JsonNode, key?: string): JsonNode {
  switch (node.kind) {
    case 'string':
      return hasPlaceholder(node.value)
        ? { ...node, value: replacePlaceholders(node.value, key === 'Sid' ? 'X' : '*') }
        : node;
    case 'array': {
      const items = node.items.map((item) => withStandIns(item, key));
      return items.every((item, index) => item === node.items[index]) ? node : { ...node, items };
    }
    case 'object': {
      const properties = node.properties.map((property) => {
        const keyNode = withStandIns(property.keyNode) as JsonStringNode;
        const value = withStandIns(property.value, property.key);
        return keyNode === property.keyNode && value === property.value
          ? property
          : { ...property, keyNode, key: keyNode.value, value };
      });
      return properties.every((property, index) => property === node.properties[index])
        ? node
        : { ...node, properties };
    }
    default:
      return node;
  }
}

/**
 * The template with everything blanked but its scalars (keys and values), computed once per template: the
 * character checks of a policy look at what the policy holds, not at YAML comments or tags around it.
 */
export function scalarsOnly(template: JsonDocument): JsonDocument {
  const ranges: [number, number][] = [];
  const keep = (node: JsonNode): void => {
    if (node.kind === 'object') {
      for (const property of node.properties) {
        keep(property.keyNode);
        keep(property.value);
      }
    } else if (node.kind === 'array') {
      node.items.forEach(keep);
    } else {
      ranges.push([node.offset, node.offset + node.length]);
    }
  };
  keep(template.root);
  ranges.sort((a, b) => a[0] - b[0]);
  const blank = (from: number, to: number) => template.text.slice(from, to).replace(/[^\r\n]/g, ' ');
  const chunks: string[] = [];
  let done = 0;
  for (const [start, end] of ranges) {
    if (end <= done) continue;
    const from = Math.max(start, done);
    chunks.push(blank(done, from), template.text.slice(from, end));
    done = end;
  }
  chunks.push(blank(done, template.text.length));
  return { ...template, text: chunks.join('') };
}
