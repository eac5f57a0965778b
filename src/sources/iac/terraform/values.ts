import type { HclRange } from '../../../parse/index.js';
import type { Span, UnknownReason } from '../../../model/index.js';

/*
 * Values of evaluated Terraform expressions: JSON-like data plus markers for what is not a plain value.
 * Objects and arrays remember where they were written (`originOf`), so a statement built from
 * `jsonencode({...})` or a policy document points at its line in the .tf file.
 */

/** A value not known before deployment, with the expression and where it is written. */
export class Unknown {
  constructor(
    readonly expression: string,
    readonly reason: UnknownReason,
    readonly span: Span,
  ) {}
}

/** A string of which some parts are unknown. */
export class PartlyKnown {
  constructor(readonly parts: readonly (string | Unknown)[]) {}
}

/** A reference to a resource the repository declares, for what cannot be a plain value: its ARN or id. */
export class ResourceRef {
  constructor(
    readonly address: string,
    readonly resourceType: string,
    readonly attribute: string,
    /** The value when it is known (a name written literally, an ARN once the account is known). */
    readonly known: string | Unknown,
  ) {}
}

/** `jsonencode(value)` or a policy document's `json`: the value keeps its structure and lines. */
export class Encoded {
  constructor(readonly value: TfValue) {}
}

/** JSON text with the line of the .tf or .json file its first line stands on (a heredoc, a file()). */
export class JsonText {
  constructor(
    readonly text: PartlyKnown | string,
    readonly file: string,
    readonly firstLine: number,
    /** Where each statement is written, when not in this text (a plan's rendering of a `.tf` document). */
    readonly statements?: readonly Span[],
  ) {}
}

export type TfObject = { readonly [key: string]: TfValue };
export type TfValue =
  | string
  | number
  | boolean
  | null
  | readonly TfValue[]
  | TfObject
  | Unknown
  | PartlyKnown
  | ResourceRef
  | Encoded
  | JsonText;

const origins = new WeakMap<object, Span>();

export function withOrigin<T extends object>(value: T, span: Span): T {
  origins.set(value, span);
  return value;
}

export function originOf(value: object): Span | undefined {
  return origins.get(value);
}

export function spanOf(file: string, range: HclRange): Span {
  return { file, line: range.line, column: range.column, endLine: range.endLine, endColumn: range.endColumn };
}

function isMarker(value: TfValue): boolean {
  return (
    value instanceof Unknown ||
    value instanceof PartlyKnown ||
    value instanceof ResourceRef ||
    value instanceof Encoded ||
    value instanceof JsonText
  );
}

export function isObject(value: TfValue): value is TfObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isMarker(value);
}

/**
 * The value as text: a string, or the parts of a partly known one. JSON for an encoded value; a number or
 * bool as Terraform converts it. Undefined for what is no string (a list, an object).
 */
export function textOf(value: TfValue, at: Span): string | PartlyKnown | Unknown | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Unknown || value instanceof PartlyKnown) return value;
  if (value instanceof ResourceRef) return value.known;
  if (value instanceof JsonText) return value.text;
  if (value instanceof Encoded) return encodeJson(value.value, at);
  return undefined;
}

/** Concatenation of texts; unknown parts stay parts. */
export function joinTexts(texts: readonly (string | PartlyKnown | Unknown)[]): string | PartlyKnown {
  const parts: (string | Unknown)[] = [];
  for (const text of texts) {
    const pieces = typeof text === 'string' ? [text] : text instanceof Unknown ? [text] : text.parts;
    for (const piece of pieces) {
      const last = parts[parts.length - 1];
      if (typeof piece === 'string' && typeof last === 'string') parts[parts.length - 1] = last + piece;
      else if (piece !== '') parts.push(piece);
    }
  }
  if (parts.length === 0) return '';
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  return new PartlyKnown(parts);
}

/** JSON text of a value; unknown parts of strings stay unknown parts, a wholly unknown value an unknown. */
function encodeJson(value: TfValue, at: Span): string | PartlyKnown | Unknown {
  const texts: (string | PartlyKnown | Unknown)[] = [];
  const write = (item: TfValue): boolean => {
    if (item instanceof Encoded) {
      texts.push(JSON.stringify(encodeJson(item.value, at)));
      return true;
    }
    if (Array.isArray(item)) {
      texts.push('[');
      item.forEach((element, i) => {
        if (i > 0) texts.push(',');
        write(element);
      });
      texts.push(']');
      return true;
    }
    if (isObject(item)) {
      texts.push('{');
      Object.keys(item)
        .sort()
        .forEach((key, i) => {
          texts.push(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
          write(item[key]!);
        });
      texts.push('}');
      return true;
    }
    if (item === null || typeof item === 'number' || typeof item === 'boolean') {
      texts.push(JSON.stringify(item));
      return true;
    }
    const text = textOf(item, at);
    if (text === undefined || text instanceof Unknown) {
      texts.push(text ?? new Unknown('jsonencode(…)', 'unsupported-expression', at));
      return false;
    }
    if (typeof text === 'string') texts.push(JSON.stringify(text));
    else
      texts.push(
        '"',
        ...text.parts.map((part) => (typeof part === 'string' ? JSON.stringify(part).slice(1, -1) : part)),
        '"',
      );
    return true;
  };
  write(value);
  return joinTexts(texts);
}

const unknownKeys = new WeakMap<object, Map<string, Unknown>>();

/** Records that `key` of `object` stands for an unknown (an object key must be a string). */
export function markUnknownKey(object: object, key: string, unknown: Unknown): void {
  let keys = unknownKeys.get(object);
  if (!keys) {
    keys = new Map();
    unknownKeys.set(object, keys);
  }
  keys.set(key, unknown);
}

export function unknownKeyOf(object: object, key: string): Unknown | undefined {
  return unknownKeys.get(object)?.get(key);
}
