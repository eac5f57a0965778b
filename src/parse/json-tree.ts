import { quoteToken } from './quote-token.js';

/** Where a node stands in its source text: `offset`/`length` in UTF-16 units, `line`/`column` 1-based. */
export interface NodeLocation {
  readonly offset: number;
  readonly length: number;
  readonly line: number;
  readonly column: number;
}

export interface JsonObjectNode extends NodeLocation {
  readonly kind: 'object';
  /** In source order; a duplicated key appears twice (the JSON parser reports it as an issue). */
  readonly properties: readonly JsonProperty[];
}

export interface JsonProperty {
  readonly key: string;
  readonly keyNode: JsonStringNode;
  readonly value: JsonNode;
}

interface JsonArrayNode extends NodeLocation {
  readonly kind: 'array';
  readonly items: readonly JsonNode[];
}

export interface JsonStringNode extends NodeLocation {
  readonly kind: 'string';
  readonly value: string;
}

interface JsonNumberNode extends NodeLocation {
  readonly kind: 'number';
  readonly value: number;
  /** The number as written, e.g. `10.0` (a policy compares numbers as AWS reads the text). */
  readonly raw: string;
}

interface JsonBooleanNode extends NodeLocation {
  readonly kind: 'boolean';
  readonly value: boolean;
}

interface JsonNullNode extends NodeLocation {
  readonly kind: 'null';
  readonly value: null;
}

export type JsonNode =
  | JsonObjectNode
  | JsonArrayNode
  | JsonStringNode
  | JsonNumberNode
  | JsonBooleanNode
  | JsonNullNode;

/** A parsed JSON file: the tree plus what is needed to point at any character of it. */
export interface JsonDocument {
  readonly file: string;
  readonly text: string;
  readonly root: JsonNode;
  readonly locate: (offset: number) => { readonly line: number; readonly column: number };
}

/** The last property with this key, as JSON.parse would keep it. */
export function findProperty(node: JsonObjectNode, key: string): JsonProperty | undefined {
  for (let i = node.properties.length - 1; i >= 0; i--) {
    const property = node.properties[i];
    if (property?.key === key) return property;
  }
  return undefined;
}

/** The plain JavaScript value, as JSON.parse would return it. */
export function toPlainValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.properties) {
        const value = toPlainValue(property.value);
        // Assigning "__proto__" would set the prototype: it must stay an ordinary own property. Every other
        // key is assigned, which is many times cheaper than defineProperty on a large document.
        if (property.key === '__proto__')
          Object.defineProperty(result, property.key, { value, enumerable: true, writable: true, configurable: true });
        else result[property.key] = value;
      }
      return result;
    }
    case 'array':
      return node.items.map(toPlainValue);
    default:
      return node.value;
  }
}

/** What a JSON Pointer (RFC 6901, as in ajv's `instancePath`) designates: the node, and the property holding it. */
export interface PointerTarget {
  readonly node: JsonNode;
  readonly property?: JsonProperty;
}

export function resolvePointer(root: JsonNode, pointer: string): PointerTarget | undefined {
  let target: PointerTarget = { node: root };
  for (const segment of pointerSegments(pointer)) {
    const node = target.node;
    if (node.kind === 'object') {
      const property = findProperty(node, segment);
      if (!property) return undefined;
      target = { node: property.value, property };
    } else if (node.kind === 'array') {
      const item = /^\d+$/.test(segment) ? node.items[Number(segment)] : undefined;
      if (!item) return undefined;
      target = { node: item };
    } else {
      return undefined;
    }
  }
  return target;
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A readable path for messages: `/Statement/0/Condition/StringEquals` → `Statement[0].Condition.StringEquals`. */
export function describePath(segments: readonly string[]): string {
  let path = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${quoteToken(segment)}]`;
  }
  return path;
}

export function kindWithArticle(node: JsonNode): string {
  return node.kind === 'array' || node.kind === 'object'
    ? `an ${node.kind}`
    : node.kind === 'null'
      ? 'null'
      : `a ${node.kind}`;
}

/** A string, number or boolean as text (numbers as written, booleans as "true"/"false"); otherwise undefined. */
export function scalarText(node: JsonNode): string | undefined {
  switch (node.kind) {
    case 'string':
      return node.value;
    case 'number':
      return node.raw;
    case 'boolean':
      return String(node.value);
    default:
      return undefined;
  }
}

/** The node itself when it is a scalar, or the items of an array; for elements that take "value or [values]". */
export function oneOrMany(node: JsonNode): readonly JsonNode[] {
  return node.kind === 'array' ? node.items : [node];
}
