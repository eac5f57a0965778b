import type { Finding } from '../../model/index.js';
import type { Evaluation } from '../evaluation.js';
import { accountRestrictionRule } from './account-restriction/index.js';
import { apiKeyRule } from './api-key/index.js';
import { guardrailRule } from './guardrail/index.js';
import { identityPolicyRule } from './identity-policy/index.js';
import { modelAccessRule } from './model-access/index.js';
import { permissionsBoundaryRule } from './permissions-boundary/index.js';
import type { Rule } from './rule.js';
import { serviceControlPolicyRule } from './service-control-policy/index.js';
import { sdkTooOldRule } from './sdk-too-old/index.js';
import { sessionPolicyRule } from './session-policy/index.js';
import { vpcEndpointPolicyRule } from './vpc-endpoint-policy/index.js';
import { wrongApiRule } from './wrong-api/index.js';

/**
 * The rule registry: every diagnosis rule, in the order their findings are reported. Adding a rule means
 * its folder and a line here (and `npm run build`, which regenerates the rule ids in schemas/, src/model
 * and the README from this list).
 */
export const RULES: readonly Rule[] = [
  modelAccessRule,
  serviceControlPolicyRule,
  identityPolicyRule,
  permissionsBoundaryRule,
  sessionPolicyRule,
  wrongApiRule,
  sdkTooOldRule,
  accountRestrictionRule,
  vpcEndpointPolicyRule,
  guardrailRule,
  apiKeyRule,
];

/**
 * The order `policy-check explain` tries the rules' signatures (the first that matches wins): the exact
 * texts of client and account errors and of model access before the IAM AccessDenied family.
 */
export const RULES_BY_SIGNATURE_PRIORITY: readonly Rule[] = [
  accountRestrictionRule,
  wrongApiRule,
  sdkTooOldRule,
  modelAccessRule,
  apiKeyRule,
  guardrailRule,
  identityPolicyRule,
  serviceControlPolicyRule,
  permissionsBoundaryRule,
  sessionPolicyRule,
  vpcEndpointPolicyRule,
];

export function diagnose(evaluation: Evaluation): Finding[] {
  return RULES.flatMap((rule) => rule.diagnose(evaluation));
}
