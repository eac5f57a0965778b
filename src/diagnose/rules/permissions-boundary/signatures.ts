import {
  explicitDenyPattern,
  IAM_TROUBLESHOOT_URL,
  implicitDenyPattern,
  type KnownSignature,
  onFirstCall,
} from '../../explain/signatures/signature.js';

/** AccessDenied texts decided by the permissions boundary set on the caller's user or role. */
export const permissionsBoundarySignatures = onFirstCall((): readonly KnownSignature[] => [
  {
    id: 'permissions-boundary/explicit-deny',
    rule: 'permissions-boundary',
    title: 'explicit deny in a permissions boundary',
    exception: 'AccessDeniedException',
    pattern: explicitDenyPattern('permissions-boundary'),
    policyType: 'permissions-boundary',
    denial: 'explicit',
    cause: "A Deny statement in the permissions boundary set on the caller's IAM user or role matches this request.",
    steps: [
      'Find the boundary: the message names its ARN when AWS can (iam get-role / get-user shows PermissionsBoundary).',
      'Ask its owner to narrow the Deny, or set a different boundary on the user or role.',
    ],
    source: IAM_TROUBLESHOOT_URL,
  },
  {
    id: 'permissions-boundary/implicit-deny',
    rule: 'permissions-boundary',
    title: 'the permissions boundary does not allow the action',
    exception: 'AccessDeniedException',
    pattern: implicitDenyPattern('permissions-boundary'),
    policyType: 'permissions-boundary',
    denial: 'implicit',
    cause:
      "The caller's identity-based policies allow the request, but the permissions boundary set on the user or role does not: effective permissions are the intersection of the two.",
    steps: [
      'Add the action on this resource (the profile ARN and every destination foundation-model ARN for an inference profile) to an Allow statement of the boundary policy.',
      'Or set a boundary that allows it (only principals allowed to call iam:PutRolePermissionsBoundary / PutUserPermissionsBoundary can).',
    ],
    source: IAM_TROUBLESHOOT_URL,
  },
]);
