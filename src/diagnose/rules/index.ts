import type { Finding } from '../../model/index.js';
import type { Evaluation } from '../evaluation.js';
import { accountRestrictionRule } from './account-restriction.js';
import { identityPolicyRule } from './identity-policy.js';
import { modelAccessRule } from './model-access.js';
import { permissionsBoundaryRule } from './permissions-boundary.js';
import type { Rule } from './rule.js';
import { serviceControlPolicyRule } from './service-control-policy.js';
import { sdkTooOldRule } from './sdk-too-old.js';
import { sessionPolicyRule } from './session-policy.js';
import { wrongApiRule } from './wrong-api.js';

/** Every diagnosis rule, in the order their findings are reported. */
export const RULES: readonly Rule[] = [modelAccessRule, serviceControlPolicyRule, identityPolicyRule, permissionsBoundaryRule, sessionPolicyRule, wrongApiRule, sdkTooOldRule, accountRestrictionRule];

export function diagnose(evaluation: Evaluation): Finding[] {
  return RULES.flatMap((rule) => rule.diagnose(evaluation));
}
