import { groupedCount, type InputIssue } from '../model/index.js';
import { createLineIndex } from './line-index.js';

/**
 * The largest input read, in bytes. AWS's largest policy quota is 10,240 characters (a role's inline
 * policies, white space not counted), so even a pretty-printed SCP-levels file holding every SCP of a
 * chain stays far below it; a bigger file is not a policy, and parsing it would only cost time and memory.
 */
export const MAX_INPUT_BYTES = 1024 * 1024;

export type DecodeResult =
  | { readonly text: string; readonly issue?: undefined }
  | { readonly text?: undefined; readonly issue: InputIssue };

/**
 * Decodes a file's bytes as UTF-8 (the encoding AWS reads policies in), refusing what is not:
 * a file over MAX_INPUT_BYTES, or any invalid byte sequence (named at its line and column rather than
 * silently replaced by U+FFFD, which could change what a statement matches). A byte-order mark is dropped.
 */
export function decodeUtf8Input(bytes: Uint8Array, file: string, maxBytes = MAX_INPUT_BYTES): DecodeResult {
  if (bytes.length > maxBytes) {
    return {
      issue: issueAt(
        bytes,
        MAX_INPUT_BYTES,
        file,
        'input-too-large',
        `the file is larger than ${groupedCount(MAX_INPUT_BYTES)} bytes, the most policy-check reads: AWS's largest policy quota is 10,240 characters (a role's inline policies; managed policies 6,144, SCPs 5,120, session policies 2,048), so this is not a policy file`,
      ),
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    return {
      issue: issueAt(
        bytes,
        offset,
        file,
        'invalid-utf8',
        `invalid UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0')}): save the file as UTF-8`,
      ),
    };
  }
}

/** Line and column (in characters, as everywhere else) of a byte offset, from the valid text before it. */
function issueAt(bytes: Uint8Array, offset: number, file: string, code: string, message: string): InputIssue {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset)).replace(/^\uFEFF/, '');
  const { line, column } = createLineIndex(before)(before.length);
  return { severity: 'error', file, line, column, code, message };
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

function sequenceLength(bytes: Uint8Array, i: number): number {
  const first = bytes[i] ?? 0;
  if (first < 0x80) return 1;
  const continuation = (at: number, low = 0x80, high = 0xbf): boolean => {
    const byte = bytes[at];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (first >= 0xc2 && first <= 0xdf) return continuation(i + 1) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    // No overlong forms (E0 80–9F) and no surrogates (ED A0–BF).
    const [low, high] = first === 0xe0 ? [0xa0, 0xbf] : first === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return continuation(i + 1, low, high) && continuation(i + 2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const [low, high] = first === 0xf0 ? [0x90, 0xbf] : first === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return continuation(i + 1, low, high) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
  }
  return 0;
}
