import { describe, expect, it } from 'vitest';
import { parseJsonDocument } from '../../src/parse/json-with-spans.js';
import { findProperty, resolvePointer, toPlainValue, type JsonNode } from '../../src/parse/json-tree.js';
import { fixture, formatted } from './fixture.js';

function parseOk(text: string): JsonNode {
  const result = parseJsonDocument(text, 'f.json');
  expect(result.issues).toEqual([]);
  if (!result.document) throw new Error('expected a document');
  return result.document.root;
}

function syntaxErrors(text: string, file = 'f.json'): string[] {
  const result = parseJsonDocument(text, file);
  expect(result.document).toBeUndefined();
  return formatted(result.issues);
}

describe('parseJsonDocument: spans', () => {
  it('gives every node and key its 1-based line and column', () => {
    const root = parseOk('{\n  "a": [1, "x"],\n  "b": {\n    "c": true\n  }\n}');
    expect(root).toMatchObject({ kind: 'object', line: 1, column: 1 });
    const a = resolvePointer(root, '/a');
    expect(a?.property?.keyNode).toMatchObject({ line: 2, column: 3, value: 'a' });
    expect(a?.node).toMatchObject({ kind: 'array', line: 2, column: 8 });
    expect(resolvePointer(root, '/a/1')?.node).toMatchObject({ kind: 'string', value: 'x', line: 2, column: 12 });
    expect(resolvePointer(root, '/b/c')?.node).toMatchObject({ kind: 'boolean', value: true, line: 4, column: 10 });
  });

  it('counts \\r\\n and a lone \\r as one line break each', () => {
    const root = parseOk('{\r\n"a":\r1,\r\n\r\n"b": 2}');
    expect(resolvePointer(root, '/a')?.node).toMatchObject({ line: 3, column: 1 });
    expect(resolvePointer(root, '/b')?.property?.keyNode).toMatchObject({ line: 5, column: 1 });
  });

  it('ignores a byte-order mark when counting columns', () => {
    const root = parseOk('\uFEFF{"a": 1}');
    expect(root).toMatchObject({ line: 1, column: 1 });
    expect(resolvePointer(root, '/a')?.node).toMatchObject({ column: 7 });
  });

  it('keeps numbers as written, since AWS compares the text of a policy', () => {
    const root = parseOk('{"n": 10.0, "m": -1.5e3}');
    expect(resolvePointer(root, '/n')?.node).toMatchObject({ kind: 'number', value: 10, raw: '10.0' });
    expect(resolvePointer(root, '/m')?.node).toMatchObject({ raw: '-1.5e3' });
  });

  it('converts to the value JSON.parse returns, keeping "__proto__" an ordinary key', () => {
    const text = '{"a": [1, "x", null, false], "__proto__": {"polluted": true}}';
    const plain = toPlainValue(parseOk(text));
    expect(plain).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('resolves JSON Pointer escapes (~1 is "/", ~0 is "~")', () => {
    const root = parseOk('{"a/b": {"c~d": 1}}');
    expect(resolvePointer(root, '/a~1b/c~0d')?.node).toMatchObject({ kind: 'number', value: 1 });
    expect(resolvePointer(root, '/missing')).toBeUndefined();
    expect(resolvePointer(root, '/a~1b/c~0d/0')).toBeUndefined();
  });

  it('findProperty returns the last of duplicated keys, as JSON.parse would', () => {
    const root = parseJsonDocument('{"a": 1, "a": 2}', 'f.json').document?.root;
    expect(root?.kind === 'object' && findProperty(root, 'a')?.value).toMatchObject({ value: 2 });
  });
});

describe('parseJsonDocument: strict JSON, errors with file:line:column', () => {
  it('reports a truncated file at its end', () => {
    expect(syntaxErrors(fixture('truncated.json'), 'truncated.json')).toEqual([
      'truncated.json:8:1: error: unexpected end of file: expected a comma or closing brace',
    ]);
    expect(syntaxErrors('[1, 2')).toEqual([
      'f.json:1:6: error: unexpected end of file: expected a comma or closing bracket',
    ]);
    expect(syntaxErrors('{"Effect":')).toEqual(['f.json:1:11: error: unexpected end of file: expected a value']);
    expect(syntaxErrors('{"Effect"')).toEqual(['f.json:1:10: error: unexpected end of file: expected a colon']);
  });

  it('rejects a trailing comma, pointing at the comma', () => {
    expect(syntaxErrors(fixture('trailing-comma.json'), 'trailing-comma.json')).toEqual([
      'trailing-comma.json:7:22: error: trailing comma before "}" is not allowed in JSON',
    ]);
    expect(syntaxErrors('[1, 2,\n]')).toEqual(['f.json:1:6: error: trailing comma before "]" is not allowed in JSON']);
  });

  it('rejects comments', () => {
    expect(syntaxErrors(fixture('comment.json'), 'comment.json')).toEqual([
      'comment.json:3:3: error: comments are not allowed in JSON',
    ]);
    expect(syntaxErrors('{"a": 1 /* x */}')).toEqual(['f.json:1:9: error: comments are not allowed in JSON']);
  });

  it('reports duplicated keys, which AWS rejects, at the second one', () => {
    const result = parseJsonDocument(fixture('duplicate-key.json'), 'duplicate-key.json');
    expect(formatted(result.issues)).toEqual([
      'duplicate-key.json:7:5: error: duplicate key "Effect" (first at line 4, column 5): each key may appear only once in an object',
    ]);
    expect(result.issues[0]?.code).toBe('duplicate-key');
  });

  it('finds duplicated keys at any depth, including inside arrays', () => {
    const result = parseJsonDocument('[{"x": {"k": 1, "k": 2}}]', 'f.json');
    expect(formatted(result.issues)).toEqual([
      'f.json:1:17: error: duplicate key "k" (first at line 1, column 9): each key may appear only once in an object',
    ]);
  });

  it('names the missing separator', () => {
    expect(syntaxErrors('{"a": 1 "b": 2}')).toEqual([
      'f.json:1:9: error: expected a comma or closing brace, found "\\"b\\""',
    ]);
    expect(syntaxErrors('[1 2]')).toEqual(['f.json:1:4: error: expected a comma or closing bracket, found "2"']);
    expect(syntaxErrors('{"a" 1}')).toEqual(['f.json:1:6: error: expected a colon after the property name, found "1"']);
  });

  it('explains common non-JSON habits', () => {
    expect(syntaxErrors("{'a': 1}")).toEqual([`f.json:1:2: error: unexpected "'a'": JSON strings use double quotes`]);
    expect(syntaxErrors('{a: 1}')).toEqual([
      'f.json:1:2: error: unexpected "a": property names must be in double quotes',
    ]);
    expect(syntaxErrors('{"a": True}')).toEqual([
      'f.json:1:7: error: unexpected "True": JSON literals are lowercase (true, false, null)',
    ]);
  });

  it('rejects content after the JSON value, unterminated strings, bad escapes and control characters', () => {
    expect(syntaxErrors('{"a": 1}\n}')).toEqual(['f.json:2:1: error: unexpected "}" after the end of the JSON value']);
    expect(syntaxErrors('{"a": "x')).toEqual(['f.json:1:7: error: unterminated string']);
    expect(syntaxErrors('{"a": "\\q"}')).toEqual(['f.json:1:7: error: invalid escape sequence in string']);
    expect(syntaxErrors('{"a": "x\ty"}')).toEqual([
      'f.json:1:7: error: control character in string: write it as an escape such as \\n or \\t',
    ]);
  });

  it('reports an empty file', () => {
    expect(syntaxErrors('')).toEqual(['f.json:1:1: error: the file is empty: expected a JSON object']);
    expect(syntaxErrors(' \n ')).toEqual(['f.json:1:1: error: the file is empty: expected a JSON object']);
  });

  it('reports only the first syntax error: the rest are the parser recovering from it', () => {
    expect(syntaxErrors('{"a": [1,, 2], "b" 3,}')).toHaveLength(1);
  });
});
