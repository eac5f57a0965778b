import type { InputIssue } from '../model/index.js';
import { warningAt } from './issue-factory.js';
import { findProperty, oneOrMany, type JsonDocument, type JsonNode, type JsonStringNode } from './json-tree.js';
import { codePointName, quoteTokenAround } from './quote-token.js';

interface SuspiciousCharacter {
  readonly index: number;
  readonly char: string;
  /** e.g. "a Cyrillic letter that looks like a Latin one". */
  readonly description: string;
}

/** Characters pasted from documents and chat tools that read as ASCII but never match it. */
const CONFUSABLE: readonly (readonly [RegExp, string])[] = [
  [/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u2028\u2029]/, 'a space other than the ASCII space'],
  [/[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/, 'an invisible formatting character'],
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
  [/[\u0000-\u001f\u007f-\u009f]/, 'a control character'],
  [/[\u00ab\u00bb\u2018-\u201f\u2032-\u2037]/, 'a typographic quote'],
  [/[\u2010-\u2015\u2212\ufe58\ufe63]/, 'a typographic dash'],
  [/[\u02d0\u02d1\u0589\u05c3\u2236\ua789\ufe13\ufe55]/, 'a character that looks like a colon'],
];

/**
 * The first character of `text` that is likely a lookalike of ASCII. `strict` is for text AWS defines
 * as ASCII (element names, ARN prefixes, condition keys): there any non-ASCII character is one.
 * Elsewhere (the resource part of an ARN, condition values) only known confusables count, and a
 * Cyrillic or Greek letter only beside Latin letters.
 */
function suspiciousCharacter(text: string, strict: boolean): SuspiciousCharacter | undefined {
  let hasLatin: boolean | undefined;
  for (let index = 0; index < text.length; index++) {
    // Printable ASCII is never suspicious (describeCharacter has nothing to say about it): skip it cheaply.
    const unit = text.charCodeAt(index);
    if (unit >= 0x20 && unit <= 0x7e) continue;
    hasLatin ??= /[A-Za-z]/.test(text);
    const char = String.fromCodePoint(text.codePointAt(index) ?? 0);
    const description = describeCharacter(char, hasLatin, strict);
    if (description) return { index, char, description };
    index += char.length - 1;
  }
  return undefined;
}

function describeCharacter(char: string, hasLatin: boolean, strict: boolean): string | undefined {
  if (char === '\t' && !strict) return undefined;
  for (const [pattern, description] of CONFUSABLE) if (pattern.test(char)) return description;
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0xff01 && code <= 0xff5e)
    return `the fullwidth form of ${JSON.stringify(String.fromCharCode(code - 0xfee0))}`;
  if (code >= 0x0400 && code <= 0x04ff && (hasLatin || strict)) return 'a Cyrillic letter that looks like a Latin one';
  if (code >= 0x0370 && code <= 0x03ff && (hasLatin || strict)) return 'a Greek letter that looks like a Latin one';
  return strict && code > 0x7e ? 'not an ASCII character' : undefined;
}

/** ` (it contains U+0430, …)` for a message quoting text that holds a non-ASCII character, else ''. */
export function lookalikeNote(text: string | undefined): string {
  const found = text === undefined ? undefined : suspiciousCharacter(text, true);
  return found ? ` (it contains ${codePointName(found.char)}, ${found.description})` : '';
}

/**
 * Warnings for lookalike characters where the schema accepts them: Resource and NotResource ARNs,
 * condition keys and condition values. AWS compares these character for character, so the statement
 * silently does not apply as it reads — harmless in an Allow's Resource, dangerous in a Deny.
 * (Effect, Action, element names and operators are ASCII-only in the schema: errors there.)
 */
export function lookalikeIssues(document: JsonDocument, root: JsonNode): InputIssue[] {
  if (root.kind !== 'object') return [];
  const statements = findProperty(root, 'Statement')?.value;
  const issues: InputIssue[] = [];
  for (const statement of statements ? oneOrMany(statements) : []) {
    if (statement.kind !== 'object') continue;
    const effectNode = findProperty(statement, 'Effect')?.value;
    const effect =
      effectNode?.kind === 'string' && (effectNode.value === 'Allow' || effectNode.value === 'Deny')
        ? effectNode.value
        : 'this';
    const check = (node: JsonNode, what: string, strictUpTo: number): void => {
      if (node.kind !== 'string') return;
      const found =
        suspiciousCharacter(node.value.slice(0, strictUpTo), true) ??
        offsetBy(suspiciousCharacter(node.value.slice(strictUpTo), false), strictUpTo);
      if (found) issues.push(issueFor(document, node, found, what, effect));
    };
    for (const element of ['Resource', 'NotResource']) {
      const value = findProperty(statement, element)?.value;
      for (const item of value ? oneOrMany(value) : [])
        check(item, element, item.kind === 'string' ? arnPrefixLength(item.value) : 0);
    }
    const condition = findProperty(statement, 'Condition')?.value;
    if (condition?.kind !== 'object') continue;
    for (const operator of condition.properties) {
      if (operator.value.kind !== 'object') continue;
      for (const key of operator.value.properties) {
        check(key.keyNode, 'condition key', Infinity);
        for (const value of oneOrMany(key.value)) check(value, `${operator.key} value`, 0);
      }
    }
  }
  return issues;
}

/** `arn:partition:service:region:account:` is ASCII in every ARN; the resource part after it may not be. */
function arnPrefixLength(text: string): number {
  let colons = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ':' && ++colons === 5) return i + 1;
  }
  return text.startsWith('arn:') ? text.length : 0;
}

function offsetBy(found: SuspiciousCharacter | undefined, by: number): SuspiciousCharacter | undefined {
  return found && { ...found, index: found.index + by };
}

function issueFor(
  document: JsonDocument,
  node: JsonStringNode,
  found: SuspiciousCharacter,
  what: string,
  effect: string,
): InputIssue {
  // Point at the character itself when the file holds it literally (not as a \u escape).
  const raw = document.text.slice(node.offset, node.offset + node.length);
  const at = raw.indexOf(found.char);
  const location =
    at >= 0 ? { offset: node.offset + at, length: found.char.length, ...document.locate(node.offset + at) } : node;
  const consequence =
    effect === 'Deny'
      ? 'this Deny statement may not deny what it appears to, and a request it seems to deny can be allowed'
      : `${effect === 'Allow' ? 'this Allow statement' : 'this statement'} does not apply as it reads`;
  return warningAt(
    document.file,
    location,
    'lookalike-character',
    `${what} ${quoteTokenAround(node.value, found.index)} contains ${codePointName(found.char)} (${found.description}): AWS compares it character for character, so ${consequence}`,
  );
}
