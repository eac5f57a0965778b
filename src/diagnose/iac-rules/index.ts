import { apiKeyBidirectionalStreamRule } from './api-key-bidirectional-stream/index.js';
import { broadGrantRule } from './broad-grant/index.js';
import { codeModelAccessRule } from './code-model-access/index.js';
import { denyShadowsAllowRule } from './deny-shadows-allow/index.js';
import { expectationRule } from './expectation/index.js';
import { expiredSuppressionRule } from './expired-suppression/index.js';
import { guardrailNotRequiredRule } from './guardrail-not-required/index.js';
import { profileDestinationsRule } from './profile-destinations/index.js';
import { regionDenyScpRule } from './region-deny-scp/index.js';
import type { IacRule } from './rule.js';
import { streamingActionRule } from './streaming-action/index.js';
import { unknownValueRule } from './unknown-value/index.js';
import { sdkTooOldIacRule } from './sdk-too-old/index.js';
import { wrongApiIacRule } from './wrong-api/index.js';
import { vpcEndpointPolicyIacRule } from './vpc-endpoint-policy/index.js';

/**
 * The IaC rule registry: every check of `policy-check iac`, in the order their findings are made. Adding a
 * rule means its folder and a line here (and `npm run build`, which regenerates the ids in
 * src/model/iac-rule-id.ts and schemas/iac.schema.json, and the README's IaC rule table, from this list).
 */
export const IAC_RULES: readonly IacRule[] = [
  expectationRule,
  streamingActionRule,
  profileDestinationsRule,
  regionDenyScpRule,
  denyShadowsAllowRule,
  broadGrantRule,
  unknownValueRule,
  codeModelAccessRule,
  sdkTooOldIacRule,
  wrongApiIacRule,
  guardrailNotRequiredRule,
  apiKeyBidirectionalStreamRule,
  vpcEndpointPolicyIacRule,
  expiredSuppressionRule,
];
