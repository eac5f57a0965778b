import {
  explicitDenyPattern,
  IAM_TROUBLESHOOT_URL,
  implicitDenyPattern,
  type KnownSignature,
  onFirstCall,
} from '../../explain/signatures/signature.js';

/** AccessDenied texts decided by the session policies passed when the session was created. */
export const sessionPolicySignatures = onFirstCall((): readonly KnownSignature[] => [
  {
    id: 'session-policy/explicit-deny',
    rule: 'session-policy',
    title: 'explicit deny in a session policy',
    exception: 'AccessDeniedException',
    pattern: explicitDenyPattern('session-policy'),
    policyType: 'session-policy',
    denial: 'explicit',
    cause:
      'A Deny statement in a session policy (the Policy or PolicyArns passed to AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML or GetFederationToken) matches this request.',
    steps: [
      'Find the code or service that creates the session (SDK credential provider, SSO, a broker) and the session policy it passes.',
      'Create the session with a session policy that does not deny this request, or without a session policy.',
    ],
    source: IAM_TROUBLESHOOT_URL,
  },
  {
    id: 'session-policy/implicit-deny',
    rule: 'session-policy',
    title: 'the session policy does not allow the action',
    exception: 'AccessDeniedException',
    pattern: implicitDenyPattern('session-policy'),
    policyType: 'session-policy',
    denial: 'implicit',
    cause:
      "The session was created with a session policy that does not allow this action on this resource: a session's permissions are the intersection of the role's policies and its session policies.",
    steps: [
      'Find the code or service that creates the session and the session policy it passes (Policy / PolicyArns).',
      'Add the action on this resource (for an inference profile: the profile ARN and every destination foundation-model ARN) to the session policy, or create the session without one.',
    ],
    source: IAM_TROUBLESHOOT_URL,
  },
]);
