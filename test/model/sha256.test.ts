import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex, useNativeSha256 } from '../../src/model/sha256.js';

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto on any text, across block boundaries and multi-byte characters', () => {
    for (const length of [55, 56, 63, 64, 65, 119, 120, 128])
      expect(sha256Hex('x'.repeat(length))).toBe(nodeSha256('x'.repeat(length)));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => sha256Hex(text) === nodeSha256(text)),
      { numRuns: 300 },
    );
  });

  it('encodes a lone surrogate as U+FFFD, as node:crypto does', () => {
    expect(sha256Hex('a\ud800b')).toBe(nodeSha256('a\ud800b'));
    expect(sha256Hex('\udc00')).toBe(nodeSha256('\ufffd'));
  });

  it('uses the implementation the CLI hands in for long enough texts, until it is taken back', () => {
    useNativeSha256(() => 'handed-in', 4);
    try {
      expect(sha256Hex('abcd')).toBe('handed-in');
      expect(sha256Hex('abc')).toBe(nodeSha256('abc'));
    } finally {
      useNativeSha256(undefined);
    }
    expect(sha256Hex('abc')).toBe(nodeSha256('abc'));
  });
});
