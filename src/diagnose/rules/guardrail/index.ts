import type { Rule } from '../rule.js';
import { enforcementFindings } from './enforcement.js';
import { guardrailSignatures } from './signatures.js';

/**
 * A call with a guardrail (InvokeModel's guardrailIdentifier, Converse's guardrailConfig) also needs
 * bedrock:ApplyGuardrail on the guardrail; policies may enforce a guardrail through bedrock:GuardrailIdentifier.
 * The ApplyGuardrail request is one more check of the call: the policy-type rules report its denial and the fix
 * planner grants it (verified by re-evaluation); this rule reports enforced guardrails the call does not name, and
 * recognises the ApplyGuardrail AccessDenied texts.
 */
export const guardrailRule: Rule = {
  id: 'guardrail',
  title: 'A guardrail is missing from the call, or applying it is denied',
  recognises:
    '`… is not authorized to perform: bedrock:ApplyGuardrail on resource: arn:aws:bedrock:…:guardrail/…` (implicit or explicit deny, any policy type)',
  help:
    'A call that names a guardrail is also authorized as `bedrock:ApplyGuardrail` on the guardrail ARN ' +
    '(`arn:aws:bedrock:REGION:ACCOUNT:guardrail/ID`; versions have no ARN), so the caller needs that grant besides ' +
    'the invoke grants. Policies can enforce a guardrail with the condition key `bedrock:GuardrailIdentifier` ' +
    '(the guardrail ARN, or `ARN:VERSION` for a numeric version): a Deny with `StringNotEquals` on it denies every ' +
    'call that names no guardrail or another one. Call with the guardrail the policy names; do not narrow the Deny.',
  helpUri: 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions.html',
  get signatures() {
    return guardrailSignatures();
  },
  diagnose: enforcementFindings,
};
