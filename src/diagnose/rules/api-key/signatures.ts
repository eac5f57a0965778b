import { POLICY_TYPE_WORDING, type PolicyType } from '../../../model/index.js';
import { TOKEN, type KnownSignature, onFirstCall } from '../../explain/signatures/signature.js';

const PERMISSIONS_URL = 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html';

/** The head of an IAM AccessDenied text about bedrock:CallWithBearerToken (resource "*", the action has no resource type). */
const HEAD =
  `(?:User: (?<principal>${TOKEN}) )?is not authorized to perform: (?<action>bedrock:CallWithBearerToken)` +
  `(?: on resource: (?<resource>${TOKEN}))?` +
  String.raw`(?: (?:\.\.\.|\u2026))?`;

const OWNER: Readonly<Record<PolicyType, string>> = {
  identity: "the caller's identity-based policies (for a long-term key: the IAM user the key belongs to)",
  scp: "the organization's service control policies (only its administrators can change them)",
  'permissions-boundary': "the permissions boundary of the caller's IAM user or role",
  'session-policy': 'the session policies passed when the session was created',
  'vpc-endpoint': 'the policy of the VPC endpoint the call goes through',
};

function deniedSignatures(policyType: PolicyType): KnownSignature[] {
  const { name, article } = POLICY_TYPE_WORDING[policyType];
  return [
    {
      id: `api-key/${policyType}-explicit-deny`,
      rule: 'api-key',
      title: `API keys denied by an explicit deny in ${article} ${name}`,
      exception: 'AccessDeniedException',
      pattern: new RegExp(`${HEAD} with an explicit deny in ${article} ${name}(?:: (?<policyArn>arn:${TOKEN}))?`),
      policyType,
      denial: 'explicit',
      cause: `The call was made with an Amazon Bedrock API key, which needs bedrock:CallWithBearerToken besides the invoke permissions, and a Deny in ${OWNER[policyType]} blocks API keys.`,
      steps: [
        'Sign the call with AWS credentials (SigV4) instead of the API key: unset AWS_BEARER_TOKEN_BEDROCK (or the api_key the client was given) and use a profile, role or session credentials; the Deny on bedrock:CallWithBearerToken does not apply to signed calls.',
        `Or ask the owner of ${OWNER[policyType]} to exempt this caller, if API keys are meant to be allowed for it.`,
      ],
      source: PERMISSIONS_URL,
    },
    {
      id: `api-key/${policyType}-implicit-deny`,
      rule: 'api-key',
      title: `no ${name} allows bedrock:CallWithBearerToken`,
      exception: 'AccessDeniedException',
      pattern: new RegExp(`${HEAD} because no ${name} allows the`),
      policyType,
      denial: 'implicit',
      cause: `The call was made with an Amazon Bedrock API key, which needs bedrock:CallWithBearerToken (an action on "*", with the key's kind in bedrock:BearerTokenType) besides the invoke permissions; no statement of ${OWNER[policyType]} allows it.`,
      steps: [
        `Allow bedrock:CallWithBearerToken on "*" in ${OWNER[policyType]}, optionally only for the kind of key used ("Condition": {"StringEquals": {"bedrock:BearerTokenType": "SHORT_TERM"}} or "LONG_TERM").`,
        'Or sign the call with AWS credentials (SigV4) instead of the API key.',
        'A short-term key acts with the permissions of the principal that generated it; a long-term key with those of its IAM user.',
      ],
      source: PERMISSIONS_URL,
    },
    {
      id: `api-key/${policyType}-implicit-deny-fragment`,
      rule: 'api-key',
      title: `no ${name} allows bedrock:CallWithBearerToken (fragment: principal not in the text)`,
      exception: 'AccessDeniedException',
      // The tail log lines keep; the action has no resource type, so the resource is "*" whatever the head said.
      pattern: new RegExp(String.raw`\bbecause no ${name} allows the (?<action>bedrock:CallWithBearerToken) action\b`),
      policyType,
      denial: 'implicit',
      cause: `A call made with an Amazon Bedrock API key needs bedrock:CallWithBearerToken besides the invoke permissions; no statement of ${OWNER[policyType]} allows it. The text keeps only the end of the message, so which principal it was about is not known from it.`,
      steps: [
        `Allow bedrock:CallWithBearerToken on "*" in ${OWNER[policyType]} for the caller that made the call, or sign the call with AWS credentials (SigV4) instead of the API key.`,
      ],
      source: PERMISSIONS_URL,
    },
  ];
}

/** Texts of calls made with an Amazon Bedrock API key (bearer token). */
export const apiKeySignatures = onFirstCall((): readonly KnownSignature[] => [
  {
    id: 'api-key/bearer-token-expired',
    rule: 'api-key',
    title: 'the Amazon Bedrock API key has expired',
    exception: 'AccessDeniedException',
    pattern: /Bearer Token has expired/,
    cause:
      'The request was authenticated with an Amazon Bedrock API key (bearer token) that has expired: a short-term key lasts at most the session that generated it, up to 12 hours; a long-term key until the expiry set when it was created. This is not a policy problem.',
    steps: [
      'Generate a new API key, or sign requests with AWS credentials (SigV4) instead.',
      'For a short-term key, generate it from a session that lasts as long as the work needs (the key never outlives it).',
    ],
    policyIndependent: true,
    source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-how.html',
  },
  {
    id: 'api-key/invalid-key',
    rule: 'api-key',
    title: 'Amazon Bedrock did not accept the API key',
    exception: 'AccessDeniedException',
    pattern: /Authentication failed: Please make sure your API Key is valid/,
    cause:
      'The bearer token sent as the API key was not accepted: it is malformed or truncated, revoked or expired, or a short-term key used outside the Region it was generated in (short-term keys are valid only there). This is not a policy problem.',
    steps: [
      'Check the value of AWS_BEARER_TOKEN_BEDROCK (or the api_key given to the client): the whole key, without quotes or whitespace.',
      "Send the call to the Region the key was generated in (set AWS_REGION to it), or generate a key in the call's Region.",
      'Generate a new key if it has expired or was revoked.',
    ],
    policyIndependent: true,
    source: 'https://github.com/ai4s-research/open-science/issues/53',
  },
  ...deniedSignatures('scp'),
  ...deniedSignatures('identity'),
  ...deniedSignatures('permissions-boundary'),
  ...deniedSignatures('session-policy'),
  ...deniedSignatures('vpc-endpoint'),
]);
