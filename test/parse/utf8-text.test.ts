import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Input, firstInvalidByte, MAX_INPUT_BYTES } from '../../src/parse/utf8-text.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

describe('decodeUtf8Input', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeUtf8Input(bytes([0xef, 0xbb, 0xbf], '{"a":"é"}'), 'p.json')).toEqual({ text: '{"a":"é"}' });
  });

  it('names the line and column of the first invalid byte instead of replacing it', () => {
    const result = decodeUtf8Input(bytes('{\n  "Resource": "ab', [0xff], 'c"\n}'), 'p.json');
    expect(result.issue).toMatchObject({ file: 'p.json', line: 2, column: 18, code: 'invalid-utf8' });
    expect(result.issue?.message).toContain('0xFF');
  });

  it('counts columns in characters after valid multi-byte characters, and rejects a truncated sequence', () => {
    const result = decodeUtf8Input(bytes('"éé', [0xe2, 0x82], '"'), 'p.json');
    expect(result.issue).toMatchObject({ line: 1, column: 4 });
  });

  it('refuses a file over the cap, naming AWS quotas, without decoding it', () => {
    const result = decodeUtf8Input(new Uint8Array(MAX_INPUT_BYTES + 1).fill(0x20), 'big.json');
    expect(result.issue).toMatchObject({ code: 'input-too-large', line: 1, column: MAX_INPUT_BYTES + 1 });
    expect(result.issue?.message).toMatch(/10,240 characters/);
  });

  it('agrees with TextDecoder on which byte sequences are valid', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (input) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(input);
        } catch {
          valid = false;
        }
        expect(firstInvalidByte(input) === input.length).toBe(valid);
        if (!valid) new TextDecoder('utf-8', { fatal: true }).decode(input.subarray(0, firstInvalidByte(input)));
      }),
      { seed: 6, numRuns: 2000 },
    );
  });
});
