import { POLICY_TYPE_WORDING, type PolicyType, type RuleId } from '../../../model/index.js';
import {
  ACCESS_DENIED_MIDDLE,
  explicitDenyFragmentPattern,
  IAM_TROUBLESHOOT_URL,
  implicitDenyFragmentPattern,
  type KnownSignature,
} from './signature.js';
import { RULES_BY_SIGNATURE_PRIORITY } from '../../rules/index.js';

/**
 * Pieces of the documented AccessDenied texts, as log lines and truncated reports keep them: only the tail
 * (`… because no service control policy allows the bedrock:InvokeModel action`, `… with an explicit deny in a
 * permissions boundary`) or only the middle (`… is not authorized to perform: bedrock:InvokeModel`). They are
 * tried after every complete text, so that a text with its head is read with its principal and resource; a
 * fragment names only what it carries, and the principal and resource stay unknown.
 */
const STEPS_MISSING_HEAD =
  'The text is cut: find the complete message (the application log with a wider limit, or the errorMessage of the event in CloudTrail, event name InvokeModel / Converse) for the principal and resource it names.';

function fragments(rule: RuleId, policyType: PolicyType): KnownSignature[] {
  const { name, article } = POLICY_TYPE_WORDING[policyType];
  return [
    {
      id: `${rule}/explicit-deny-fragment`,
      rule,
      title: `explicit deny in ${article} ${name} (fragment: principal and resource not in the text)`,
      exception: 'AccessDeniedException',
      pattern: explicitDenyFragmentPattern(policyType),
      policyType,
      denial: 'explicit',
      cause: `The caller was denied by a Deny statement in ${article} ${name} that matches the request; the text keeps only the end of the AccessDenied message, so which principal and resource it was about is not known from it.`,
      steps: [
        STEPS_MISSING_HEAD,
        `Then narrow or remove the Deny statement of the ${name} that matches the request (\`policy-check explain\` on the complete text, or \`policy-check check\` with the policies, names it).`,
      ],
      source: IAM_TROUBLESHOOT_URL,
    },
    {
      id: `${rule}/implicit-deny-fragment`,
      rule,
      title: `no ${name} allows the action (fragment: principal and resource not in the text)`,
      exception: 'AccessDeniedException',
      pattern: implicitDenyFragmentPattern(policyType),
      policyType,
      denial: 'implicit',
      cause: `No statement of the ${name} that applies to the caller allows the action, so the request was implicitly denied; the text keeps only the end of the AccessDenied message, so which principal and resource it was about is not known from it.`,
      steps: [
        STEPS_MISSING_HEAD,
        `Then allow the action on the resource in the ${name} (\`policy-check check\` with the policies gives the verified change).`,
      ],
      source: IAM_TROUBLESHOOT_URL,
    },
  ];
}

/** For each rule about a policy gate, the fragments of the AccessDenied texts that name its policy type. */
let fragmentSignatures: readonly KnownSignature[] | undefined;

export function accessDeniedFragmentSignatures(): readonly KnownSignature[] {
  fragmentSignatures ??= RULES_BY_SIGNATURE_PRIORITY.flatMap((rule) =>
    rule.policyType ? fragments(rule.id, rule.policyType) : [],
  );
  return fragmentSignatures;
}

/** The middle alone says that IAM denied the action, not which policy type did: a catch-all, tried last. */
export const ACCESS_DENIED_MIDDLE_SIGNATURE: KnownSignature = {
  id: 'other/access-denied-fragment',
  rule: null,
  title: 'an AccessDenied fragment that names neither the caller nor the policy type',
  exception: 'AccessDeniedException',
  pattern: ACCESS_DENIED_MIDDLE,
  cause:
    'The caller was denied by IAM, but the text keeps only the middle of the AccessDenied message: the principal before it and the policy type after it ("because no … allows" / "with an explicit deny in …") are cut off.',
  steps: [
    STEPS_MISSING_HEAD,
    'Run `policy-check explain` on the complete text, or `policy-check check` with the identity policies, SCPs, boundary and session policies of the caller.',
  ],
  source: IAM_TROUBLESHOOT_URL,
};
