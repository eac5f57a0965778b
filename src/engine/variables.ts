import { lookupKey, type RequestContext } from '../model/request.js';
import type { GlobPart } from './wildcard.js';

/**
 * Policy variables (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html):
 * `${key}`, `${key, 'default'}` (a doubled quote stands for one quote), and the escapes `${*}`, `${?}`,
 * `${$}` for literal characters. Only one round of substitution: a substituted value is never
 * scanned again, and its `*` / `?` are plain characters.
 */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string; readonly literal: boolean }
  | { readonly kind: 'variable'; readonly key: string; readonly defaultValue?: string };

export type Template = readonly TemplatePart[];

const ESCAPES: Record<string, string> = { '*': '*', '?': '?', $: '$' };
const VARIABLE = /^\s*([A-Za-z0-9_.:/-]+)\s*(?:,\s*'((?:[^']|'')*)'\s*)?$/;

export function parseTemplate(text: string): Template {
  const parts: TemplatePart[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) break;
    const end = findClosingBrace(text, start + 2);
    if (end < 0) break;
    const body = text.slice(start + 2, end);
    const escapeValue = ESCAPES[body];
    const variable = escapeValue === undefined ? VARIABLE.exec(body) : null;
    if (escapeValue === undefined && variable === null) {
      // Not a variable AWS recognises: the characters stand as written.
      plain += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    plain += text.slice(i, start);
    if (plain) parts.push({ kind: 'text', text: plain, literal: false });
    plain = '';
    if (escapeValue !== undefined) {
      parts.push({ kind: 'text', text: escapeValue, literal: true });
    } else {
      const key = variable![1]!;
      const rawDefault = variable![2];
      parts.push(
        rawDefault === undefined
          ? { kind: 'variable', key }
          : { kind: 'variable', key, defaultValue: rawDefault.replace(/''/g, "'") },
      );
    }
    i = end + 1;
  }
  plain += text.slice(i);
  if (plain || parts.length === 0) parts.push({ kind: 'text', text: plain, literal: false });
  return parts;
}

/** The closing brace of a variable body, skipping braces inside a quoted default. */
function findClosingBrace(text: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (ch === '}' && !quoted) return i;
  }
  return -1;
}

export type Resolution =
  | { readonly kind: 'resolved'; readonly parts: readonly GlobPart[] }
  /** A variable's key is unknown: the element may or may not match. */
  | { readonly kind: 'unknown'; readonly keys: readonly string[] }
  /** A variable has no value and no default: AWS cannot substitute it, so the element matches nothing. */
  | { readonly kind: 'unresolvable'; readonly key: string };

export function resolveTemplate(template: Template, context: RequestContext): Resolution {
  const parts: GlobPart[] = [];
  const unknown: string[] = [];
  for (const part of template) {
    if (part.kind === 'text') {
      parts.push(part);
      continue;
    }
    const found = lookupKey(context, part.key);
    // A multi-valued key cannot be substituted (the reference page, "policy variables with no value").
    if (found.state === 'present' && found.values.length === 1) {
      parts.push({ text: found.values[0]!, literal: true });
    } else if (found.state === 'unknown') {
      unknown.push(part.key);
    } else if (part.defaultValue !== undefined) {
      parts.push({ text: part.defaultValue, literal: true });
    } else {
      return { kind: 'unresolvable', key: part.key };
    }
  }
  if (unknown.length > 0) return { kind: 'unknown', keys: unknown };
  return { kind: 'resolved', parts };
}

/** The substituted text, for operators that compare whole strings (where `*` is never a wildcard). */
export function joinParts(parts: readonly GlobPart[]): string {
  return parts.map((part) => part.text).join('');
}
