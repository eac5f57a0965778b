import { ACCOUNT_RESTRICTION_SIGNATURES } from './account-restriction.js';
import { ACCESS_DENIED_FRAGMENT_SIGNATURES, ACCESS_DENIED_MIDDLE_SIGNATURE } from './fragments.js';
import { IDENTITY_POLICY_SIGNATURES } from './identity-policy.js';
import { MODEL_ACCESS_SIGNATURES } from './model-access.js';
import { OTHER_SIGNATURES } from './other.js';
import { PERMISSIONS_BOUNDARY_SIGNATURES } from './permissions-boundary.js';
import { RUNTIME_SIGNATURES } from './runtime.js';
import { SDK_TOO_OLD_SIGNATURES } from './sdk-too-old.js';
import { SERVICE_CONTROL_POLICY_SIGNATURES } from './service-control-policy.js';
import { SESSION_POLICY_SIGNATURES } from './session-policy.js';
import type { KnownSignature } from './signature.js';
import { WRONG_API_SIGNATURES } from './wrong-api.js';

export type { KnownSignature } from './signature.js';
export {
  ACCESS_DENIED_FRAGMENT_SIGNATURES,
  ACCESS_DENIED_MIDDLE_SIGNATURE,
  ACCOUNT_RESTRICTION_SIGNATURES,
  IDENTITY_POLICY_SIGNATURES,
  MODEL_ACCESS_SIGNATURES,
  OTHER_SIGNATURES,
  PERMISSIONS_BOUNDARY_SIGNATURES,
  RUNTIME_SIGNATURES,
  SDK_TOO_OLD_SIGNATURES,
  SERVICE_CONTROL_POLICY_SIGNATURES,
  SESSION_POLICY_SIGNATURES,
  WRONG_API_SIGNATURES,
};

/**
 * Every signature, in the order explain tries them: the first that matches wins. Exact texts come
 * before the IAM AccessDenied family; then the fragments of AccessDenied texts (a tail without its head),
 * the runtime errors that are not authorization failures (some recognised by their exception name alone),
 * the catch-alls of other.ts (a cut-off AccessDenied), and last the bare middle of an AccessDenied text.
 */
export const KNOWN_SIGNATURES: readonly KnownSignature[] = [
  ...ACCOUNT_RESTRICTION_SIGNATURES,
  ...WRONG_API_SIGNATURES,
  ...SDK_TOO_OLD_SIGNATURES,
  ...MODEL_ACCESS_SIGNATURES,
  ...IDENTITY_POLICY_SIGNATURES,
  ...SERVICE_CONTROL_POLICY_SIGNATURES,
  ...PERMISSIONS_BOUNDARY_SIGNATURES,
  ...SESSION_POLICY_SIGNATURES,
  ...ACCESS_DENIED_FRAGMENT_SIGNATURES,
  ...RUNTIME_SIGNATURES,
  ...OTHER_SIGNATURES,
  ACCESS_DENIED_MIDDLE_SIGNATURE,
];
