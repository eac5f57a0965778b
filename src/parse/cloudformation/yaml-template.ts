import {
  type CollectionTag,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
  type Range,
  type ScalarTag,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import type { InputIssue } from '../../model/index.js';
import type { JsonDocument, JsonNode, JsonProperty, JsonStringNode, NodeLocation } from '../json-tree.js';
import { createLineIndex, type LineColumn } from '../line-index.js';
import { quoteToken } from '../quote-token.js';

/**
 * The short forms CloudFormation defines for its intrinsic functions and condition functions, each
 * read as its long form (`!Sub x` → `{ "Fn::Sub": x }`), so one evaluator serves YAML and JSON.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html
 */
const SHORT_FORMS: Readonly<Record<string, string>> = Object.fromEntries([
  ['Ref', 'Ref'],
  ['Condition', 'Condition'],
  ...[
    'And',
    'Base64',
    'Cidr',
    'Equals',
    'FindInMap',
    'GetAtt',
    'GetAZs',
    'If',
    'ImportValue',
    'Join',
    'Length',
    'Not',
    'Or',
    'Select',
    'Split',
    'Sub',
    'ToJsonString',
    'Transform',
  ].map((name) => [name, `Fn::${name}`]),
]);

// Each short form on a scalar, a sequence or a mapping; the node is kept as parsed and converted below.
const CUSTOM_TAGS = Object.keys(SHORT_FORMS).flatMap((name): (ScalarTag | CollectionTag)[] => [
  { tag: `!${name}`, resolve: (value) => value },
  { tag: `!${name}`, collection: 'seq', nodeClass: YAMLSeq, resolve: (value) => value },
  { tag: `!${name}`, collection: 'map', nodeClass: YAMLMap, resolve: (value) => value },
]);

export interface TemplateParseResult {
  readonly document?: JsonDocument;
  readonly issues: readonly InputIssue[];
}

/**
 * A YAML template as the JSON tree the policy reader takes, every node at its line and column.
 * CloudFormation reads YAML 1.1 without aliases or merge keys
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html).
 */
export function parseYamlTemplate(text: string, file: string): TemplateParseResult {
  const locate = createLineIndex(text);
  const parsed = parseDocument(text, { version: '1.1', customTags: CUSTOM_TAGS, prettyErrors: false });
  const first = parsed.errors[0] ?? parsed.warnings[0];
  if (first) {
    const at = locate(first.pos[0]);
    const tag = first.code === 'TAG_RESOLVE_FAILED' ? /!\S+/.exec(first.message)?.[0] : undefined;
    const message = tag
      ? `unknown tag ${quoteToken(tag)}: CloudFormation defines no such function`
      : firstLine(first.message);
    return { issues: [yamlError(file, at, tag ? 'cloudformation-tag' : 'yaml-syntax', message)] };
  }
  const converter = new Converter(text, file, locate);
  const root = converter.convert(parsed.contents, { offset: 0, length: 0, ...locate(0) });
  if (converter.issue) return { issues: [converter.issue] };
  return { document: { file, text, root, locate }, issues: [] };
}

class Converter {
  issue: InputIssue | undefined;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly locate: (offset: number) => LineColumn,
  ) {}

  convert(node: Node | null | undefined, fallback: NodeLocation): JsonNode {
    if (!node) return { kind: 'null', ...fallback, value: null };
    const location = this.locationOf(node.range, fallback);
    // Other tags (`!!str`) are YAML's own; an unknown `!Tag` was reported by the parser.
    const longForm = node.tag?.startsWith('!') ? SHORT_FORMS[node.tag.slice(1)] : undefined;
    if (node.tag && longForm) {
      const tagged = this.tagLocation(node.tag, location);
      const value = this.convertUntagged(node, location);
      const keyNode: JsonStringNode = { kind: 'string', ...tagged, value: longForm };
      return { kind: 'object', ...tagged, properties: [{ key: longForm, keyNode, value }] };
    }
    return this.convertUntagged(node, location);
  }

  private convertUntagged(node: Node, location: NodeLocation): JsonNode {
    if (isAlias(node)) {
      this.fail(location, 'cloudformation-alias', 'CloudFormation templates may not use YAML aliases');
      return { kind: 'null', ...location, value: null };
    }
    if (isMap(node)) {
      const properties: JsonProperty[] = [];
      for (const pair of node.items) {
        const key = pair.key;
        const keyLocation = this.locationOf(isScalar(key) ? key.range : undefined, location);
        if (!isScalar(key) || (key.value !== null && typeof key.value === 'object')) {
          this.fail(keyLocation, 'cloudformation-key', 'a mapping key must be a plain scalar');
          continue;
        }
        const keyNode: JsonStringNode = { kind: 'string', ...keyLocation, value: this.scalarText(key, keyLocation) };
        const value = this.convert(pair.value as Node | null, { ...keyLocation, length: 0 });
        properties.push({ key: keyNode.value, keyNode, value });
      }
      return { kind: 'object', ...location, properties };
    }
    if (isSeq(node)) {
      return {
        kind: 'array',
        ...location,
        items: node.items.map((item) => this.convert(item as Node | null, { ...location, length: 0 })),
      };
    }
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === 'string') return { kind: 'string', ...location, value };
      if (typeof value === 'boolean') return { kind: 'boolean', ...location, value };
      if (value === null || value === undefined) return { kind: 'null', ...location, value: null };
      if (typeof value === 'number' && Number.isFinite(value))
        return { kind: 'number', ...location, value, raw: this.source(location) };
      // A timestamp or binary scalar (2012-10-17 unquoted): CloudFormation reads it as the text written.
      return { kind: 'string', ...location, value: this.source(location) };
    }
    return { kind: 'null', ...location, value: null };
  }

  private scalarText(node: Node, location: NodeLocation): string {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'string') return value;
    if (value === null || value === undefined) return '';
    return typeof value === 'number' || typeof value === 'boolean' ? this.source(location) : String(value);
  }

  private source(location: NodeLocation): string {
    return this.text.slice(location.offset, location.offset + location.length).trim();
  }

  private locationOf(range: Range | null | undefined, fallback: NodeLocation): NodeLocation {
    if (!range) return fallback;
    return { offset: range[0], length: range[1] - range[0], ...this.locate(range[0]) };
  }

  /** Where the `!Tag` stands before its value, so a finding points at the function, not its argument. */
  private tagLocation(tag: string, value: NodeLocation): NodeLocation {
    const at = this.text.lastIndexOf(tag, value.offset);
    if (at < 0 || this.text.slice(at + tag.length, value.offset).trim() !== '') return value;
    return { offset: at, length: value.offset + value.length - at, ...this.locate(at) };
  }

  private fail(at: LineColumn, code: string, message: string): void {
    this.issue ??= yamlError(this.file, at, code, message);
  }
}

function yamlError(file: string, at: LineColumn, code: string, message: string): InputIssue {
  return { severity: 'error', file, line: at.line, column: at.column, code, message };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}
