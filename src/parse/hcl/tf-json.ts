import type { InputIssue } from '../../model/index.js';
import type { JsonNode, JsonObjectNode, JsonStringNode } from '../json-tree.js';
import { parseJsonDocument } from '../json-with-spans.js';
import type { HclBlock, HclBody, HclExpression, HclRange } from './hcl-tree.js';
import type { HclParser } from './parse-hcl.js';

/*
 * Terraform's JSON configuration syntax (`.tf.json`,
 * https://developer.hashicorp.com/terraform/language/syntax/json) read into the same tree as the native
 * syntax, each element at its line: the root object's properties are block types, a block's labels are
 * nested object keys, strings are templates (`${…}`) except where the language takes a literal (a variable's
 * default, a module's source), and a property named "//" is a comment.
 */

/** Labels each top-level block type takes; other block types are not read. */
const BLOCK_LABELS: Readonly<Record<string, number>> = {
  resource: 2,
  data: 2,
  variable: 1,
  module: 1,
  output: 1,
  locals: 0,
};

/**
 * Nested blocks the IAM resources and policy documents use. JSON cannot tell a nested block from an
 * object-valued argument without the provider's schema; these names are blocks in every resource that has them.
 */
const NESTED_BLOCKS: ReadonlySet<string> = new Set([
  'inline_policy',
  'statement',
  'principals',
  'not_principals',
  'condition',
  'lifecycle',
]);

type Mode = 'template' | 'literal';

interface Reader {
  readonly parser: HclParser;
  readonly locate: (offset: number) => { line: number; column: number };
  readonly file: string;
  readonly issues: InputIssue[];
}

type TfJsonResult = { readonly body?: HclBody; readonly issues: readonly InputIssue[] };

/** A `.tf.json` file as the HCL tree; a JSON syntax error or a block that is not an object is an error issue. */
export function parseTfJson(text: string, file: string, parser: HclParser): TfJsonResult {
  return readRoot(text, file, parser, 'a .tf.json file holds one JSON object of block types', (reader, root) => {
    const blocks: HclBlock[] = [];
    for (const property of properties(root)) {
      const labels = BLOCK_LABELS[property.key];
      if (labels === undefined) continue;
      blocks.push(...readBlocks(reader, property.key, property.value, labels, [], property.keyNode));
    }
    return { attributes: [], blocks };
  });
}

/** Variable values of a `.tfvars.json` file: literal JSON, each at its line. */
export function parseTfvarsJson(text: string, file: string, parser: HclParser): TfJsonResult {
  return readRoot(
    text,
    file,
    parser,
    'a .tfvars.json file holds one JSON object of variable values',
    (reader, root) => ({
      attributes: properties(root).map((property) => ({
        name: property.key,
        value: expressionOf(reader, property.value, 'literal'),
        range: rangeOf(reader, property.keyNode, property.value),
      })),
      blocks: [],
    }),
  );
}

/** The file's root object read by `read`; no body when the JSON or its structure has an error. */
function readRoot(
  text: string,
  file: string,
  parser: HclParser,
  notAnObject: string,
  read: (reader: Reader, root: JsonObjectNode) => HclBody,
): TfJsonResult {
  const parsed = parseJsonDocument(text, file);
  if (!parsed.document) return { issues: parsed.issues };
  const reader: Reader = { parser, locate: parsed.document.locate, file, issues: [...parsed.issues] };
  const root = parsed.document.root;
  if (root.kind !== 'object') {
    structureIssue(reader, root, notAnObject);
    return { issues: reader.issues };
  }
  const body = read(reader, root);
  if (reader.issues.some((issue) => issue.severity === 'error')) return { issues: reader.issues };
  return { body, issues: reader.issues };
}

function properties(node: JsonObjectNode) {
  return node.properties.filter((property) => property.key !== '//');
}

function readBlocks(
  reader: Reader,
  type: string,
  node: JsonNode,
  labelsLeft: number,
  labels: readonly string[],
  keyNode: JsonStringNode,
): HclBlock[] {
  // Every level may also be an array of objects, which Terraform merges.
  if (node.kind === 'array')
    return node.items.flatMap((item) => readBlocks(reader, type, item, labelsLeft, labels, keyNode));
  if (node.kind !== 'object') {
    structureIssue(reader, node, `${[type, ...labels].join('.')}: expected a JSON object`);
    return [];
  }
  if (labelsLeft > 0)
    return properties(node).flatMap((property) =>
      readBlocks(reader, type, property.value, labelsLeft - 1, [...labels, property.key], property.keyNode),
    );
  const literal = type === 'variable';
  return [
    {
      type,
      labels,
      body: bodyOf(reader, node, type === 'locals' ? 'attributes' : literal ? 'literal' : 'block'),
      range: rangeOf(reader, keyNode, node),
    },
  ];
}

function bodyOf(reader: Reader, node: JsonObjectNode, kind: 'block' | 'literal' | 'attributes'): HclBody {
  const attributes: HclBody['attributes'][number][] = [];
  const blocks: HclBlock[] = [];
  for (const property of properties(node)) {
    const nested = kind === 'block' && NESTED_BLOCKS.has(property.key) ? blockItems(property.value) : undefined;
    if (nested) {
      for (const item of nested)
        blocks.push({
          type: property.key,
          labels: [],
          body: bodyOf(reader, item, 'block'),
          range: rangeOf(reader, item, item),
        });
      continue;
    }
    const mode: Mode = kind === 'literal' || property.key === 'source' ? 'literal' : 'template';
    attributes.push({
      name: property.key,
      value: expressionOf(reader, property.value, mode),
      range: rangeOf(reader, property.keyNode, property.value),
    });
  }
  return { attributes, blocks };
}

/** The objects of a nested block written as one object or an array of them; undefined for anything else. */
function blockItems(node: JsonNode): JsonObjectNode[] | undefined {
  if (node.kind === 'object') return [node];
  if (node.kind === 'array' && node.items.every((item) => item.kind === 'object'))
    return node.items as JsonObjectNode[];
  return undefined;
}

function expressionOf(reader: Reader, node: JsonNode, mode: Mode): HclExpression {
  const range = rangeOf(reader, node, node);
  const base = { range, source: sourceOf(node) };
  switch (node.kind) {
    case 'string':
      return mode === 'template' && /[$%]\{/.test(node.value)
        ? templateOf(reader, node.value, range)
        : { ...base, kind: 'literal', value: node.value };
    case 'number':
    case 'boolean':
    case 'null':
      return { ...base, kind: 'literal', value: node.value };
    case 'array':
      return { ...base, kind: 'tuple', items: node.items.map((item) => expressionOf(reader, item, mode)) };
    case 'object':
      return {
        ...base,
        kind: 'object',
        items: properties(node).map((property) => ({
          key: {
            range: rangeOf(reader, property.keyNode, property.keyNode),
            source: JSON.stringify(property.key),
            kind: 'literal',
            value: property.key,
          },
          value: expressionOf(reader, property.value, mode),
        })),
      };
  }
}

/**
 * A string with interpolations, read by the HCL parser and placed at the string's position. A template
 * that is one interpolation and nothing else is that expression's value, not its text (as HCL reads it).
 */
function templateOf(reader: Reader, content: string, range: HclRange): HclExpression {
  const source = JSON.stringify(content);
  const parsed = reader.parser.template(content);
  if (!parsed) {
    // Terraform rejects the file; so does the check, at the string.
    reader.issues.push({
      severity: 'error',
      file: reader.file,
      line: range.line,
      column: range.column,
      message: `HCL syntax error in the template ${JSON.stringify(content.slice(0, 40))}`,
      code: 'hcl-syntax',
    });
    return { range, source, kind: 'unsupported' };
  }
  const placed = relocate(parsed, range);
  if (placed.kind === 'template' && placed.parts.length === 1 && placed.parts[0]!.kind === 'interpolation')
    return { ...placed.parts[0]!.expression, range, source: content.slice(2, -1).trim() || source };
  return { ...placed, source };
}

/** Every range of an expression tree moved to `range`: a JSON string is one position, whatever it holds. */
function relocate<T>(value: T, range: HclRange): T {
  if (Array.isArray(value)) return value.map((item) => relocate(item, range)) as T;
  if (value === null || typeof value !== 'object') return value;
  const moved: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) moved[key] = key === 'range' ? range : relocate(item, range);
  return moved as T;
}

function sourceOf(node: JsonNode): string {
  switch (node.kind) {
    case 'string':
      return JSON.stringify(node.value);
    case 'array':
      return '[…]';
    case 'object':
      return '{…}';
    default:
      return String(node.value);
  }
}

function rangeOf(reader: Reader, from: JsonNode, to: JsonNode): HclRange {
  const end = reader.locate(to.offset + to.length);
  return { line: from.line, column: from.column, endLine: end.line, endColumn: end.column };
}

function structureIssue(reader: Reader, node: JsonNode, message: string): void {
  reader.issues.push({
    severity: 'error',
    file: reader.file,
    line: node.line,
    column: node.column,
    message,
    code: 'tf-json-structure',
  });
}
