import type { JsonNode, JsonObjectNode, JsonProperty, JsonStringNode } from './json-tree.js';
import { MAX_NESTING_DEPTH } from './nesting-depth.js';

export interface StrictJsonTree {
  readonly root: JsonNode;
  /** Offsets where a line starts (`\n`, `\r\n` or a lone `\r` ends a line), as createLineIndex finds them. */
  readonly lineStarts: readonly number[];
  /** Per object with a repeated key, in document (pre-)order: the object's properties. */
  readonly objectsWithDuplicateKeys: readonly JsonObjectNode[];
}

/** Thrown internally to leave the fast path; never escapes parseStrictJson. */
const DECLINE = Symbol('decline');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * One pass over well-formed, strict JSON (RFC 8259: no comments, no trailing commas, only space, tab,
 * line feed and carriage return between tokens, nested at most MAX_NESTING_DEPTH deep) that builds the
 * span-keeping tree directly, tracking lines as it goes. Anything else — a syntax error, but also JSON
 * the lenient tokenizer would take (another white space character) — is declined with undefined, and the
 * caller takes the reference path, which phrases the error. So it accepts a subset of what that path
 * accepts, and builds the same tree for it.
 */
export function parseStrictJson(text: string): StrictJsonTree | undefined {
  const length = text.length;
  const lineStarts = [0];
  let lineStart = 0;
  let pos = 0;
  let depth = 0;
  const duplicates: { order: number; node: JsonObjectNode }[] = [];
  let objectOrder = 0;

  const skipWhitespace = (): void => {
    while (pos < length) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09) pos++;
      else if (c === 0x0a) {
        lineStart = ++pos;
        lineStarts.push(lineStart);
      } else if (c === 0x0d) {
        pos++;
        if (text.charCodeAt(pos) !== 0x0a) {
          lineStart = pos;
          lineStarts.push(lineStart);
        }
      } else return;
    }
  };

  const stringValue = (): string => {
    // pos is at the opening quote.
    const start = pos + 1;
    let i = start;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        pos = i + 1;
        return text.slice(start, i);
      }
      if (c === BACKSLASH) return escapedString(start, i);
      if (c < 0x20) throw DECLINE;
      i++;
    }
    throw DECLINE;
  };

  const escapedString = (start: number, firstBackslash: number): string => {
    let result = text.slice(start, firstBackslash);
    let i = firstBackslash;
    let run = i;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        pos = i + 1;
        return result + text.slice(run, i);
      }
      if (c < 0x20) throw DECLINE;
      if (c !== BACKSLASH) {
        i++;
        continue;
      }
      result += text.slice(run, i);
      const escaped = text.charCodeAt(i + 1);
      switch (escaped) {
        case QUOTE:
          result += '"';
          break;
        case BACKSLASH:
          result += '\\';
          break;
        case 0x2f:
          result += '/';
          break;
        case 0x62:
          result += '\b';
          break;
        case 0x66:
          result += '\f';
          break;
        case 0x6e:
          result += '\n';
          break;
        case 0x72:
          result += '\r';
          break;
        case 0x74:
          result += '\t';
          break;
        case 0x75: {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw DECLINE;
          result += String.fromCharCode(Number.parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          throw DECLINE;
      }
      i += 2;
      run = i;
    }
    throw DECLINE;
  };

  const stringNode = (): JsonStringNode => {
    const offset = pos;
    const line = lineStarts.length;
    const column = offset - lineStart + 1;
    const value = stringValue();
    return { kind: 'string', offset, length: pos - offset, line, column, value };
  };

  const numberEnd = (from: number): number => {
    let i = from;
    if (text.charCodeAt(i) === 0x2d) i++;
    const first = text.charCodeAt(i);
    if (first === 0x30) i++;
    else if (first >= 0x31 && first <= 0x39) {
      i++;
      while (isDigit(text.charCodeAt(i))) i++;
    } else throw DECLINE;
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      if (!isDigit(text.charCodeAt(i))) throw DECLINE;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      if (!isDigit(text.charCodeAt(i))) throw DECLINE;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    return i;
  };

  const literal = (word: string): void => {
    if (!text.startsWith(word, pos)) throw DECLINE;
    pos += word.length;
  };

  const value = (): JsonNode => {
    skipWhitespace();
    const offset = pos;
    const line = lineStarts.length;
    const column = offset - lineStart + 1;
    const c = text.charCodeAt(pos);
    switch (c) {
      case QUOTE:
        return stringNode();
      case 0x7b:
        return object(offset, line, column);
      case 0x5b: {
        if (++depth > MAX_NESTING_DEPTH) throw DECLINE;
        pos++;
        const items: JsonNode[] = [];
        skipWhitespace();
        if (text.charCodeAt(pos) === 0x5d) pos++;
        else {
          for (;;) {
            items.push(value());
            skipWhitespace();
            const next = text.charCodeAt(pos++);
            if (next === 0x5d) break;
            if (next !== 0x2c) throw DECLINE;
          }
        }
        depth--;
        return { kind: 'array', offset, length: pos - offset, line, column, items };
      }
      case 0x74:
        literal('true');
        return { kind: 'boolean', offset, length: 4, line, column, value: true };
      case 0x66:
        literal('false');
        return { kind: 'boolean', offset, length: 5, line, column, value: false };
      case 0x6e:
        literal('null');
        return { kind: 'null', offset, length: 4, line, column, value: null };
      default: {
        const end = numberEnd(pos);
        const raw = text.slice(pos, end);
        pos = end;
        return { kind: 'number', offset, length: end - offset, line, column, value: Number(raw), raw };
      }
    }
  };

  const object = (offset: number, line: number, column: number): JsonObjectNode => {
    if (++depth > MAX_NESTING_DEPTH) throw DECLINE;
    const order = objectOrder++;
    pos++;
    const properties: JsonProperty[] = [];
    skipWhitespace();
    if (text.charCodeAt(pos) === 0x7d) pos++;
    else {
      for (;;) {
        skipWhitespace();
        if (text.charCodeAt(pos) !== QUOTE) throw DECLINE;
        const keyNode = stringNode();
        skipWhitespace();
        if (text.charCodeAt(pos++) !== 0x3a) throw DECLINE;
        properties.push({ key: keyNode.value, keyNode, value: value() });
        skipWhitespace();
        const next = text.charCodeAt(pos++);
        if (next === 0x7d) break;
        if (next !== 0x2c) throw DECLINE;
      }
    }
    depth--;
    const node: JsonObjectNode = { kind: 'object', offset, length: pos - offset, line, column, properties };
    if (hasDuplicateKey(properties)) duplicates.push({ order, node });
    return node;
  };

  try {
    const root = value();
    skipWhitespace();
    if (pos !== length) return undefined;
    duplicates.sort((a, b) => a.order - b.order);
    return { root, lineStarts, objectsWithDuplicateKeys: duplicates.map((entry) => entry.node) };
  } catch (error) {
    if (error === DECLINE) return undefined;
    throw error;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hasDuplicateKey(properties: readonly JsonProperty[]): boolean {
  const count = properties.length;
  if (count < 2) return false;
  if (count <= 8) {
    for (let i = 1; i < count; i++) {
      const key = properties[i]!.key;
      for (let j = 0; j < i; j++) if (properties[j]!.key === key) return true;
    }
    return false;
  }
  const seen = new Set<string>();
  for (const property of properties) {
    if (seen.has(property.key)) return true;
    seen.add(property.key);
  }
  return false;
}
