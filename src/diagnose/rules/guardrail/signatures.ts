import type { PolicyType } from '../../../model/index.js';
import {
  explicitDenyPattern,
  implicitDenyPattern,
  type KnownSignature,
  onFirstCall,
} from '../../explain/signatures/signature.js';

const PERMISSIONS_URL = 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions.html';
const ANY_ACTION = '(?<action>[A-Za-z0-9-]+:[A-Za-z0-9*?-]+)';

/** An IAM AccessDenied pattern narrowed to bedrock:ApplyGuardrail (the IAM texts' head names the action). */
function applyGuardrailPattern(pattern: RegExp): RegExp {
  return new RegExp(pattern.source.replace(ANY_ACTION, '(?<action>bedrock:ApplyGuardrail)'));
}

const GATES: readonly { type: PolicyType; name: string; where: string }[] = [
  {
    type: 'identity',
    name: 'identity-based policy',
    where: 'a policy attached to the caller (for a session: the role)',
  },
  { type: 'scp', name: 'service control policy', where: "the SCPs of the caller's account, its OUs and the root" },
  { type: 'permissions-boundary', name: 'permissions boundary', where: "the caller's permissions boundary" },
  { type: 'session-policy', name: 'session policy', where: 'the session policies passed when the session was created' },
];

/**
 * AccessDenied texts about applying the guardrail a call names: IAM's format with the action bedrock:ApplyGuardrail
 * and the guardrail ARN as the resource (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
 * Tried before the policy-type rules, which would take them for an invocation.
 */
export const guardrailSignatures = onFirstCall((): readonly KnownSignature[] =>
  GATES.flatMap(({ type, name, where }) => [
    {
      id: `guardrail/${type}-implicit-deny`,
      rule: 'guardrail',
      title: `no ${name} allows applying the guardrail`,
      exception: 'AccessDeniedException',
      pattern: applyGuardrailPattern(implicitDenyPattern(type)),
      policyType: type,
      denial: 'implicit',
      cause: `The call names a guardrail, and applying it needs bedrock:ApplyGuardrail on the guardrail ARN; no statement in ${where} allows it.`,
      steps: [
        'Allow bedrock:ApplyGuardrail on the guardrail ARN the message names (arn:aws:bedrock:REGION:ACCOUNT:guardrail/ID; versions have no ARN of their own, so the grant covers every version).',
        'Keep the invoke grants: the call needs bedrock:InvokeModel (or InvokeModelWithResponseStream) on the model as well.',
        'A guardrail with cross-Region inference also needs bedrock:ApplyGuardrail on its guardrail profile in each destination Region; a guardrail of another account also needs its resource-based policy.',
      ],
      source: PERMISSIONS_URL,
    },
    {
      id: `guardrail/${type}-explicit-deny`,
      rule: 'guardrail',
      title: `explicit deny of applying the guardrail in a ${name}`,
      exception: 'AccessDeniedException',
      pattern: applyGuardrailPattern(explicitDenyPattern(type)),
      policyType: type,
      denial: 'explicit',
      cause: `The call names a guardrail, and a Deny statement in ${where} matches bedrock:ApplyGuardrail on it; an explicit Deny overrides every Allow.`,
      steps: [
        'Find the Deny that matches bedrock:ApplyGuardrail on the guardrail ARN (or bedrock:*) and narrow it, or call with a guardrail it does not deny.',
        'Adding an Allow cannot override the Deny.',
      ],
      source: PERMISSIONS_URL,
    },
  ]),
);
