import { joinParts } from '../variables.js';
import type { ValueFamily } from './value-test.js';

/**
 * Bool compares "true" or "false"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean).
 * The docs do not say whether "True" is accepted; the comparison ignores case on both sides, as other
 * IAM evaluators do, and any other text is not a boolean and matches nothing. The operators page says
 * a policy variable may be used with Bool (the variables page says it may not): values are substituted,
 * since a `${…}` left as written could never be a boolean anyway.
 */
export function parseBool(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

export const bool: ValueFamily = {
  substitutesVariables: true,
  compile(parts) {
    const expected = parseBool(joinParts(parts));
    if (expected === undefined) return undefined;
    return { test: (value) => parseBool(value) === expected, constant: null };
  },
};

/**
 * BinaryEquals "compares the value of the specified key byte for byte against a base-64 encoded
 * representation of the binary value in the policy"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals).
 * Context values are strings here, so they carry the binary value base64-encoded too; both sides are
 * decoded and the bytes compared (padding is optional, so "QQ" and "QQ==" are the same byte).
 */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The decoded bytes as a string of char codes 0–255, or undefined when the text is not base64. */
export function decodeBase64(text: string): string | undefined {
  let end = text.length;
  if (end % 4 === 0) {
    if (text[end - 1] === '=') end--;
    if (text[end - 1] === '=') end--;
  }
  if (end % 4 === 1) return undefined;
  let bytes = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const value = BASE64.indexOf(text[i]!);
    if (value < 0) return undefined;
    buffer = ((buffer << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  return bytes;
}

export const binaryEquals: ValueFamily = {
  substitutesVariables: false,
  compile(parts) {
    const expected = decodeBase64(joinParts(parts));
    if (expected === undefined) return undefined;
    return { test: (value) => decodeBase64(value) === expected, constant: null };
  },
};
