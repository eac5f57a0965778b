import { RULES_BY_SIGNATURE_PRIORITY } from '../../rules/index.js';
import { ACCESS_DENIED_MIDDLE_SIGNATURE, accessDeniedFragmentSignatures } from './fragments.js';
import { otherSignatures } from './other.js';
import { runtimeSignatures } from './runtime.js';
import type { KnownSignature } from './signature.js';

export type { KnownSignature } from './signature.js';

let known: readonly KnownSignature[] | undefined;

/**
 * Every signature, in the order explain tries them: the first that matches wins. The rules' own texts
 * come first (exact texts before the IAM AccessDenied family, see RULES_BY_SIGNATURE_PRIORITY); then the
 * fragments of AccessDenied texts (a tail without its head), the runtime errors that are not
 * authorization failures (some recognised by their exception name alone), the catch-alls of other.ts (a
 * cut-off AccessDenied), and last the bare middle of an AccessDenied text.
 */
export function knownSignatures(): readonly KnownSignature[] {
  known ??= [
    ...RULES_BY_SIGNATURE_PRIORITY.flatMap((rule) => rule.signatures),
    ...accessDeniedFragmentSignatures(),
    ...runtimeSignatures(),
    ...otherSignatures(),
    ACCESS_DENIED_MIDDLE_SIGNATURE,
  ];
  return known;
}
