import { RULES_BY_SIGNATURE_PRIORITY } from '../../rules/index.js';
import { ACCESS_DENIED_FRAGMENT_SIGNATURES, ACCESS_DENIED_MIDDLE_SIGNATURE } from './fragments.js';
import { OTHER_SIGNATURES } from './other.js';
import { RUNTIME_SIGNATURES } from './runtime.js';
import type { KnownSignature } from './signature.js';

export type { KnownSignature } from './signature.js';

/**
 * Every signature, in the order explain tries them: the first that matches wins. The rules' own texts
 * come first (exact texts before the IAM AccessDenied family, see RULES_BY_SIGNATURE_PRIORITY); then the
 * fragments of AccessDenied texts (a tail without its head), the runtime errors that are not
 * authorization failures (some recognised by their exception name alone), the catch-alls of other.ts (a
 * cut-off AccessDenied), and last the bare middle of an AccessDenied text.
 */
export const KNOWN_SIGNATURES: readonly KnownSignature[] = [
  ...RULES_BY_SIGNATURE_PRIORITY.flatMap((rule) => rule.signatures),
  ...ACCESS_DENIED_FRAGMENT_SIGNATURES,
  ...RUNTIME_SIGNATURES,
  ...OTHER_SIGNATURES,
  ACCESS_DENIED_MIDDLE_SIGNATURE,
];
