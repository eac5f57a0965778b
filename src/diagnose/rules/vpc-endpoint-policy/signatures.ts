import {
  explicitDenyPattern,
  IAM_TROUBLESHOOT_URL,
  implicitDenyPattern,
  type KnownSignature,
  onFirstCall,
} from '../../explain/signatures/signature.js';

/** AccessDenied texts decided by the policy of the interface VPC endpoint the call went through. */
export const vpcEndpointPolicySignatures = onFirstCall((): readonly KnownSignature[] => [
  {
    id: 'vpc-endpoint-policy/explicit-deny',
    rule: 'vpc-endpoint-policy',
    title: 'explicit deny in a VPC endpoint policy',
    exception: 'AccessDeniedException',
    pattern: explicitDenyPattern('vpc-endpoint'),
    policyType: 'vpc-endpoint',
    denial: 'explicit',
    cause:
      'The call went through an interface VPC endpoint (com.amazonaws.{region}.bedrock-runtime) whose endpoint policy has a Deny statement that matches this caller, action and resource.',
    steps: [
      'Find the endpoint the client resolves (aws ec2 describe-vpc-endpoints --filters Name=service-name,Values=com.amazonaws.{region}.bedrock-runtime) and read its PolicyDocument.',
      'Narrow the Deny so it no longer matches this caller and model, or call through an endpoint whose policy does not deny it; run `policy-check check --vpce-policy FILE` to verify.',
    ],
    source: IAM_TROUBLESHOOT_URL,
  },
  {
    id: 'vpc-endpoint-policy/implicit-deny',
    rule: 'vpc-endpoint-policy',
    title: 'the VPC endpoint policy does not allow the action',
    exception: 'AccessDeniedException',
    pattern: implicitDenyPattern('vpc-endpoint'),
    policyType: 'vpc-endpoint',
    denial: 'implicit',
    cause:
      "The call went through an interface VPC endpoint whose endpoint policy has no Allow statement for this caller (Principal), action and resource: the endpoint policy must allow the call as well as the caller's own policies.",
    steps: [
      'Find the endpoint the client resolves (aws ec2 describe-vpc-endpoints --filters Name=service-name,Values=com.amazonaws.{region}.bedrock-runtime) and read its PolicyDocument.',
      'Add an Allow statement naming the caller in Principal, the action, and the resource (for an inference profile: the profile ARN and every destination foundation-model ARN); `policy-check check --vpce-policy FILE` proposes one verified by re-evaluation.',
    ],
    source: IAM_TROUBLESHOOT_URL,
  },
]);
