import {
  explicitDenyPattern,
  IAM_TROUBLESHOOT_URL,
  implicitDenyPattern,
  TOKEN,
  type KnownSignature,
  onFirstCall,
} from '../../explain/signatures/signature.js';

/** AccessDenied texts decided by the caller's identity-based policies (the user's, its groups', or the role's). */
export const identityPolicySignatures = onFirstCall((): readonly KnownSignature[] => [
  {
    id: 'identity-policy/explicit-deny',
    rule: 'identity-policy',
    title: 'explicit deny in an identity-based policy',
    exception: 'AccessDeniedException',
    pattern: explicitDenyPattern('identity'),
    policyType: 'identity',
    denial: 'explicit',
    cause:
      'A Deny statement in an identity-based policy attached to the caller (the IAM user or its groups, or the role behind the session) matches this action on this resource; an explicit Deny overrides every Allow.',
    steps: [
      'Find the Deny statement that matches the action and resource in the policies attached to the caller (AWS names the policy ARN after the colon when it can).',
      'Narrow the Deny so that it no longer matches this request (exclude the resource, fix its condition) or remove it; adding an Allow cannot override it.',
      'A Deny that restricts Regions (aws:RequestedRegion) must leave out every destination Region of the inference profile and, for a global profile, the value "unspecified".',
    ],
    source: IAM_TROUBLESHOOT_URL,
  },
  {
    id: 'identity-policy/implicit-deny',
    rule: 'identity-policy',
    title: 'no identity-based policy allows the action',
    exception: 'AccessDeniedException',
    pattern: implicitDenyPattern('identity'),
    policyType: 'identity',
    denial: 'implicit',
    cause:
      'No statement in the identity-based policies attached to the caller allows this action on this resource, so the request is implicitly denied.',
    steps: [
      'Add an Allow statement for the action on the resource ARN in the message to a policy attached to the caller (for an assumed-role session: to the role).',
      'Through an inference profile the call is authorized on the profile ARN and on the foundation model in every destination Region (a global profile also on arn:aws:bedrock:::foundation-model/ID): allow all of them.',
      'Converse is authorized as bedrock:InvokeModel and ConverseStream as bedrock:InvokeModelWithResponseStream; allow the action the message names.',
    ],
    source: IAM_TROUBLESHOOT_URL,
  },
  {
    id: 'identity-policy/agent-role-inference-profile',
    rule: 'identity-policy',
    title: "the agent's service role may not use the inference profile",
    exception: 'AccessDeniedException',
    pattern: new RegExp(
      `Access denied while trying to create/update an agent using InferenceProfile (?<modelId>${TOKEN})`,
    ),
    cause:
      "Bedrock checks, when an agent is created or updated, that the agent's service role may invoke the inference profile; the role's identity-based policy does not allow it.",
    steps: [
      "Allow bedrock:InvokeModel (and bedrock:InvokeModelWithResponseStream) in the agent service role's policy on the inference-profile ARN and on the foundation model in every destination Region of the profile.",
      'Also allow bedrock:GetInferenceProfile on the profile ARN if the role policy restricts Bedrock actions.',
    ],
    source: 'https://github.com/hashicorp/terraform-provider-aws/issues/42324',
  },
]);
