import {
  type ConditionClause,
  type Effect,
  type InputIssue,
  type Policy,
  type PolicyType,
  type Span,
  type Statement,
  type StatementPrincipal,
  type UnknownValue,
  unknownPlaceholder,
  withPolicyId,
} from '../../../model/index.js';
import { parseJsonDocument, type JsonNode } from '../../../parse/index.js';
import {
  Encoded,
  isObject,
  JsonText,
  originOf,
  PartlyKnown,
  ResourceRef,
  type TfObject,
  type TfValue,
  Unknown,
  unknownKeyOf,
  withOrigin,
} from './values.js';

export interface PolicyMeta {
  readonly type: PolicyType;
  readonly name: string;
  readonly arn?: string;
  /** Where the policy attribute is written: the statement span when the document gives none. */
  readonly at: Span;
}

export type DocumentResult =
  | { readonly kind: 'policy'; readonly policy: Policy; readonly issues: readonly InputIssue[] }
  | { readonly kind: 'unknown'; readonly unknown: Unknown; readonly issues: readonly InputIssue[] };

/** The document a policy attribute's value holds: encoded, JSON text (with its lines), or unknown. */
export function documentValue(value: TfValue, at: Span): { value?: TfValue; unknown?: Unknown; issues: InputIssue[] } {
  if (value instanceof Encoded) return { value: value.value, issues: [] };
  if (value instanceof Unknown) return { unknown: value, issues: [] };
  const text =
    value instanceof JsonText
      ? value
      : typeof value === 'string' || value instanceof PartlyKnown
        ? new JsonText(value, at.file, at.line)
        : undefined;
  if (!text) return { unknown: new Unknown('policy', 'unsupported-expression', at), issues: [] };
  return jsonTextValue(text);
}

/** JSON text to a value with lines; each unknown part of the text stands in a string as the unknown itself. */
function jsonTextValue(json: JsonText): { value?: TfValue; unknown?: Unknown; issues: InputIssue[] } {
  const unknowns: Unknown[] = [];
  const text =
    typeof json.text === 'string'
      ? json.text
      : json.text.parts
          .map((part) => {
            if (typeof part === 'string') return part;
            unknowns.push(part);
            return `\uffff${unknowns.length - 1}\uffff`;
          })
          .join('');
  const parsed = parseJsonDocument(text, json.file);
  const shift = (line: number) => json.firstLine + line - 1;
  if (!parsed.document) {
    // An unknown written outside a JSON string (a list or number from a reference) leaves the text unparseable.
    if (unknowns.length > 0) return { unknown: unknowns[0]!, issues: [] };
    const issues = parsed.issues.map((issue) => ({ ...issue, line: shift(issue.line) }));
    return { issues };
  }
  const convert = (node: JsonNode): TfValue => {
    const span: Span = { file: json.file, line: shift(node.line), column: node.column };
    switch (node.kind) {
      case 'object': {
        const result: Record<string, TfValue> = {};
        for (const property of node.properties)
          Object.defineProperty(result, property.key, {
            value: convert(property.value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        return withOrigin(result, span);
      }
      case 'array':
        return withOrigin(node.items.map(convert), span);
      case 'string': {
        if (!node.value.includes('\uffff')) return node.value;
        const parts = node.value
          .split(/\uffff(\d+)\uffff/)
          .map((piece, i) => (i % 2 === 1 ? unknowns[Number(piece)]! : piece));
        return new PartlyKnown(parts.filter((part) => part !== ''));
      }
      default:
        return node.value;
    }
  };
  const value = convert(parsed.document.root);
  if (json.statements) placeStatements(value, json.statements);
  return { value, issues: [] };
}

/**
 * The statements of a rendered document at the lines that write them; only when the counts agree (else each keeps
 * its line in the text).
 */
function placeStatements(document: TfValue, spans: readonly Span[]): void {
  if (!isObject(document)) return;
  const statement = document.Statement;
  const list = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  if (list.length !== spans.length) return;
  list.forEach((entry, index) => {
    if (isObject(entry)) withOrigin(entry, spans[index]!);
  });
}

/** A Policy from a document value; unknown values become placeholders listed in the statement's `unknowns`. */
export function policyFromDocument(value: TfValue, meta: PolicyMeta): DocumentResult {
  const issues: InputIssue[] = [];
  if (!isObject(value)) {
    return {
      kind: 'unknown',
      unknown: value instanceof Unknown ? value : new Unknown('policy', 'unsupported-expression', meta.at),
      issues,
    };
  }
  const version = typeof value.Version === 'string' ? value.Version : '2008-10-17';
  const rawStatements = value.Statement;
  if (rawStatements instanceof Unknown) return { kind: 'unknown', unknown: rawStatements, issues };
  const list = Array.isArray(rawStatements) ? rawStatements : rawStatements === undefined ? [] : [rawStatements];
  const statements: Statement[] = [];
  for (const raw of list) {
    if (!isObject(raw)) {
      return {
        kind: 'unknown',
        unknown: raw instanceof Unknown ? raw : new Unknown('Statement', 'unsupported-expression', meta.at),
        issues,
      };
    }
    statements.push(statementFrom(raw, statements.length, originOf(raw) ?? meta.at, meta.type === 'vpc-endpoint'));
  }
  const policy = withPolicyId({
    type: meta.type,
    name: meta.name,
    file: meta.at.file,
    ...(meta.arn !== undefined ? { arn: meta.arn } : {}),
    version,
    statements,
  });
  return { kind: 'policy', policy, issues };
}

function statementFrom(raw: TfObject, index: number, span: Span, withPrincipal = false): Statement {
  const unknowns: UnknownValue[] = [];
  const text = (value: TfValue): string => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value instanceof ResourceRef) return text(value.known);
    if (value instanceof PartlyKnown) return value.parts.map(text).join('');
    const unknown =
      value instanceof Unknown ? value : new Unknown(JSON.stringify(value), 'unsupported-expression', span);
    const placeholder = unknownPlaceholder(unknowns.length);
    unknowns.push({ placeholder, expression: unknown.expression, reason: unknown.reason, span: unknown.span });
    return placeholder;
  };
  const texts = (value: TfValue | undefined): string[] | undefined => {
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.map(text) : [text(value)];
  };
  const conditions: ConditionClause[] = [];
  const block = raw.Condition;
  if (block !== undefined) {
    if (!isObject(block)) conditions.push({ operator: text(block), key: text(block), values: [text(block)], span });
    else
      for (const written of Object.keys(block)) {
        const keys = block[written]!;
        const unknownOperator = unknownKeyOf(block, written);
        const operator = unknownOperator ? text(unknownOperator) : written;
        if (!isObject(keys)) {
          conditions.push({ operator, key: text(keys), values: [text(keys)], span });
          continue;
        }
        for (const key of Object.keys(keys)) {
          const unknownKey = unknownKeyOf(keys, key);
          const values = texts(keys[key]) ?? [];
          conditions.push({ operator, key: unknownKey ? text(unknownKey) : key, values, span: originOf(keys) ?? span });
        }
      }
  }
  const effect = raw.Effect === undefined ? undefined : text(raw.Effect);
  const action = texts(raw.Action);
  const notAction = texts(raw.NotAction);
  const resource = texts(raw.Resource);
  const notResource = texts(raw.NotResource);
  const sid = typeof raw.Sid === 'string' && raw.Sid !== '' ? raw.Sid : undefined;
  const principal = withPrincipal ? principalOf(raw.Principal, text, texts) : undefined;
  return {
    ...(sid !== undefined ? { sid } : {}),
    // An Effect that is not known stays as its placeholder: the engine treats such a statement as malformed, never deciding.
    effect: (effect ?? '') as Effect,
    ...(action ? { action } : {}),
    ...(notAction ? { notAction } : {}),
    ...(resource ? { resource } : {}),
    ...(notResource ? { notResource } : {}),
    ...(principal !== undefined ? { principal } : {}),
    conditions,
    span,
    index,
    ...(unknowns.length > 0 ? { unknowns } : {}),
  };
}

/**
 * The Principal of a resource-style statement (a VPC endpoint policy): `"*"`, or type → values, unknown values as
 * placeholders (undecided). A statement without one, which AWS refuses in an endpoint policy, matches nobody.
 */
function principalOf(
  value: TfValue | undefined,
  text: (value: TfValue) => string,
  texts: (value: TfValue | undefined) => string[] | undefined,
): StatementPrincipal {
  if (value === '*') return '*';
  if (value === undefined) return {};
  if (!isObject(value)) return { AWS: [text(value)] };
  return Object.fromEntries(Object.keys(value).map((type) => [type, texts(value[type]) ?? []]));
}
