import {
  explicitDenyPattern,
  IAM_TROUBLESHOOT_URL,
  implicitDenyPattern,
  type KnownSignature,
  onFirstCall,
} from '../../explain/signatures/signature.js';

const SCP_URL = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html';

/** AccessDenied texts decided by AWS Organizations service control policies (root, OUs, account). */
export const serviceControlPolicySignatures = onFirstCall((): readonly KnownSignature[] => [
  {
    id: 'service-control-policy/explicit-deny',
    rule: 'service-control-policy',
    title: 'explicit deny in a service control policy',
    exception: 'AccessDeniedException',
    // The SCP form may lack "on resource: …" (IAM User Guide example) and usually names the SCP's ARN.
    pattern: explicitDenyPattern('scp'),
    policyType: 'scp',
    denial: 'explicit',
    cause:
      'A Deny statement in a service control policy attached to the account, one of its OUs or the organization root matches this request. SCPs bound every principal in member accounts (except service-linked roles); no identity policy can override them.',
    steps: [
      'Find the SCP: AWS prints its ARN (arn:aws:organizations::…:policy/o-…/service_control_policy/p-…) after the colon when it can; otherwise check the SCPs attached to the root, each OU on the path and the account.',
      'Ask the organization administrator (management account) to exempt this request: Region-restriction SCPs (e.g. AWS Control Tower) must allow every destination Region of a cross-Region inference profile and, for a global profile, requests whose aws:RequestedRegion is "unspecified".',
      'Alternatively exempt the calling role in the Deny (an ArnNotLike condition on aws:PrincipalArn).',
    ],
    source: IAM_TROUBLESHOOT_URL,
  },
  {
    id: 'service-control-policy/implicit-deny',
    rule: 'service-control-policy',
    title: 'no service control policy allows the action',
    exception: 'AccessDeniedException',
    pattern: implicitDenyPattern('scp'),
    policyType: 'scp',
    denial: 'implicit',
    cause:
      'At some level of the organization (root, an OU, or the account) no attached SCP allows this action: every level must allow it, so an allow-list SCP that omits Bedrock (or a detached FullAWSAccess) denies it.',
    steps: [
      'Find the level whose SCPs do not allow the action (FullAWSAccess replaced by an allow-list, or missing).',
      'Ask the organization administrator to add the action (bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream) to the allow-list SCP at that level.',
    ],
    source: SCP_URL,
  },
]);
