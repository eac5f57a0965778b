import { parseTree, type Node as JsoncNode, type ParseError } from 'jsonc-parser';
import type { InputIssue } from '../model/index.js';
import { errorAt } from './issue-factory.js';
import { findFirstSyntaxProblem, STRICT_JSON } from './json-syntax-errors.js';
import type { JsonDocument, JsonNode, JsonObjectNode, JsonStringNode, NodeLocation } from './json-tree.js';
import { createLineIndex, lineIndexFrom, type LineColumn } from './line-index.js';
import { excessiveNestingOffset, MAX_NESTING_DEPTH } from './nesting-depth.js';
import { quoteToken } from './quote-token.js';
import { parseStrictJson } from './strict-json-parser.js';

export interface JsonParseResult {
  /** Absent when the text is not valid JSON. */
  readonly document?: JsonDocument;
  /** Syntax errors and duplicated keys, each naming file:line:column. */
  readonly issues: readonly InputIssue[];
}

/**
 * Parses strict JSON (no comments, no trailing commas) into a tree where every node knows its
 * line and column. Never throws: problems come back as issues.
 */
export function parseJsonDocument(rawText: string, file: string): JsonParseResult {
  // An editor's byte-order mark is invisible to the user, so columns are counted without it.
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  // Well-formed JSON, nearly every input, is read in one pass; the rest takes the tolerant parser below,
  // which accepts a little more and finds and phrases the first error.
  const strict = parseStrictJson(text);
  if (strict) {
    const locate = lineIndexFrom(strict.lineStarts);
    const issues = strict.objectsWithDuplicateKeys.flatMap((node) => duplicateKeyIssues(node, file));
    return { document: { file, text, root: strict.root, locate }, issues };
  }
  return parseJsonDocumentWithJsonc(text, file);
}

/** The reference path: jsonc-parser's tolerant tree, converted; also what phrases every syntax error. */
export function parseJsonDocumentWithJsonc(text: string, file: string): JsonParseResult {
  const locate = createLineIndex(text);
  const tooDeep = excessiveNestingOffset(text);
  if (tooDeep !== undefined) {
    const message = `JSON nested more than ${MAX_NESTING_DEPTH} levels deep: no policy document comes near that`;
    return { issues: [{ severity: 'error', file, ...locate(tooDeep), code: 'json-too-deep', message }] };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, STRICT_JSON);
  if (errors.length > 0 || !tree) {
    const problem = findFirstSyntaxProblem(text) ?? { offset: 0, message: 'expected a JSON value' };
    return {
      issues: [{ severity: 'error', file, ...locate(problem.offset), code: 'json-syntax', message: problem.message }],
    };
  }
  const root = convert(tree, text, locate);
  return { document: { file, text, root, locate }, issues: findDuplicateKeys(root, file) };
}

function convert(node: JsoncNode, text: string, locate: (offset: number) => LineColumn): JsonNode {
  const location = locationOf(node, locate);
  switch (node.type) {
    case 'object':
      return {
        kind: 'object',
        ...location,
        properties: (node.children ?? []).flatMap((property) => {
          const [keyNode, valueNode] = property.children ?? [];
          if (!keyNode || !valueNode) return [];
          const key: JsonStringNode = { kind: 'string', ...locationOf(keyNode, locate), value: String(keyNode.value) };
          return [{ key: key.value, keyNode: key, value: convert(valueNode, text, locate) }];
        }),
      };
    case 'array':
      return { kind: 'array', ...location, items: (node.children ?? []).map((child) => convert(child, text, locate)) };
    case 'string':
      return { kind: 'string', ...location, value: String(node.value) };
    case 'number':
      return {
        kind: 'number',
        ...location,
        value: Number(node.value),
        raw: text.slice(node.offset, node.offset + node.length),
      };
    case 'boolean':
      return { kind: 'boolean', ...location, value: node.value === true };
    default:
      return { kind: 'null', ...location, value: null };
  }
}

function locationOf(node: JsoncNode, locate: (offset: number) => LineColumn): NodeLocation {
  return { offset: node.offset, length: node.length, ...locate(node.offset) };
}

/** AWS rejects a document that repeats a key in one object, so a JSON parser's "last one wins" must not hide it. */
function findDuplicateKeys(root: JsonNode, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const visit = (node: JsonNode): void => {
    if (node.kind === 'array') node.items.forEach(visit);
    if (node.kind !== 'object') return;
    checkObject(node);
    for (const property of node.properties) visit(property.value);
  };
  const checkObject = (node: JsonObjectNode): void => {
    issues.push(...duplicateKeyIssues(node, file));
  };
  visit(root);
  return issues;
}

function duplicateKeyIssues(node: JsonObjectNode, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const firstByKey = new Map<string, JsonStringNode>();
  for (const { key, keyNode } of node.properties) {
    const first = firstByKey.get(key);
    if (first) {
      issues.push(
        errorAt(
          file,
          keyNode,
          'duplicate-key',
          `duplicate key ${quoteToken(key)} (first at line ${first.line}, column ${first.column}): each key may appear only once in an object`,
        ),
      );
    } else {
      firstByKey.set(key, keyNode);
    }
  }
  return issues;
}
