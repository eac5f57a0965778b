import type { JsonNode } from '../../../parse/index.js';

/** Reading a plan's JSON tree: a missing or mistyped member is undefined (or no items), never an exception. */

export type JsonObject = Extract<JsonNode, { kind: 'object' }>;

/** The member of an object, the last one as JSON.parse keeps it. */
export function property(node: JsonNode, key: string): JsonNode | undefined {
  if (node.kind !== 'object') return undefined;
  for (let i = node.properties.length - 1; i >= 0; i--)
    if (node.properties[i]!.key === key) return node.properties[i]!.value;
  return undefined;
}

export function objectAt(node: JsonNode, ...keys: string[]): JsonObject | undefined {
  let current: JsonNode | undefined = node;
  for (const key of keys) current = current ? property(current, key) : undefined;
  return current?.kind === 'object' ? current : undefined;
}

export function stringAt(node: JsonNode, key: string): string | undefined {
  const value = property(node, key);
  return value?.kind === 'string' ? value.value : undefined;
}

export function items(node: JsonNode | undefined): readonly JsonNode[] {
  return node?.kind === 'array' ? node.items : [];
}
