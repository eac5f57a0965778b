// The one-pass parser (src/parse/strict-json-parser.ts) must build exactly the tree, line map and
// duplicate-key issues of the jsonc-parser reference path, and decline whatever it does not accept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonDocument, parseJsonDocumentWithJsonc } from '../../src/parse/json-with-spans.js';
import { parseStrictJson } from '../../src/parse/strict-json-parser.js';

const sameAsReference = (text: string): void => {
  const fast = parseJsonDocument(text, 'f.json');
  const reference = parseJsonDocumentWithJsonc(text.replace(/^\uFEFF/, ''), 'f.json');
  expect(fast.issues).toEqual(reference.issues);
  expect(fast.document?.root).toEqual(reference.document?.root);
  if (fast.document && reference.document)
    for (let offset = 0; offset <= fast.document.text.length; offset++)
      expect(fast.document.locate(offset)).toEqual(reference.document.locate(offset));
};

describe('parseStrictJson', () => {
  it('builds the reference tree for any JSON value, however laid out (property)', () => {
    const whitespace = fc.constantFrom('', ' ', '\n', '\r\n', '\r', '\t', '  \n  ');
    const key = fc.constantFrom('a', 'b', 'Statement', 'é', 'x\\"y', '\\u00e9', '\\n');
    const scalar = fc.oneof(
      fc.string().map((s) => JSON.stringify(s)),
      fc.constantFrom('"\\/\\b\\f\\ud83d\\ude00"', '0', '-0', '1.5e+10', '2E-3', '123', 'true', 'false', 'null'),
    );
    const value: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc
          .array(fc.tuple(whitespace, tie('value'), whitespace), { maxLength: 4 })
          .map((items) => `[${items.map(([a, v, b]) => a + v + b).join(',')}]`),
        fc
          .array(fc.tuple(whitespace, key, whitespace, tie('value')), { maxLength: 4 })
          .map((props) => `{${props.map(([a, k, b, v]) => `${a}"${k}"${b}:${v}`).join(',')}}`),
      ),
    })).value;
    fc.assert(
      fc.property(whitespace, value, whitespace, (before, text, after) => sameAsReference(before + text + after)),
      { numRuns: 400 },
    );
  });

  it('reports duplicate keys in document order, as the reference does', () => {
    sameAsReference('{"a": {"x": 1, "x": 2}, "a": [{"y": 1, "y": 2}], "b": 1, "b": 2}');
  });

  it('declines what it does not accept, leaving the error (or the lenient reading) to the reference path', () => {
    for (const text of ['', '{', '{"a":1,}', '[1 2]', '01', '1.', '"\t"', '"\\x"', '"\\u12"', '{"a"\u00a0:1}', 'nul']) {
      expect(parseStrictJson(text)).toBeUndefined();
      sameAsReference(text);
    }
    expect(parseStrictJson(`${'['.repeat(65)}${']'.repeat(65)}`)).toBeUndefined();
    expect(parseStrictJson(`${'['.repeat(64)}${']'.repeat(64)}`)).toBeDefined();
  });
});
