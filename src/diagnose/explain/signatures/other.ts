import { BEDROCK_ERRORS_URL, TOKEN, type KnownSignature, onFirstCall } from './signature.js';

/**
 * Texts policy-check recognises but no rule of its own explains: credentials, request size, policy types
 * it does not evaluate, and AccessDenied texts cut off before they say which policy type denied.
 */
export const otherSignatures = onFirstCall((): readonly KnownSignature[] => [
  {
    id: 'other/security-token-expired',
    rule: null,
    title: 'the temporary credentials have expired',
    exception: 'ExpiredTokenException',
    pattern: /The security token included in the request is expired/,
    cause: 'The session credentials used to sign the request have expired; this is not a policy problem.',
    steps: [
      'Refresh the credentials (aws sso login, a new AssumeRole, or let the SDK credential provider refresh them) and retry.',
    ],
    source: BEDROCK_ERRORS_URL,
  },
  {
    id: 'other/security-token-invalid',
    rule: null,
    title: 'the credentials are not valid',
    exception: 'UnrecognizedClientException',
    pattern: /The security token included in the request is invalid/,
    cause:
      'The access key or session token used to sign the request does not exist (deleted, mistyped, or from another partition).',
    steps: [
      'Check which credentials the client resolves (aws sts get-caller-identity with the same profile and environment) and replace them.',
    ],
    source: BEDROCK_ERRORS_URL,
  },
  {
    id: 'other/context-limit',
    rule: null,
    title: 'the request exceeds the model context window',
    exception: 'ValidationException',
    pattern: /input length and `?max_tokens`? exceed context limit/,
    policyIndependent: true,
    cause: "The prompt plus max_tokens exceed the model's context window; the request was authorized.",
    steps: ['Shorten the input or lower max_tokens.'],
    source: BEDROCK_ERRORS_URL,
  },
  {
    id: 'other/access-denied-other-policy',
    rule: null,
    title: 'denied by a policy type policy-check does not evaluate',
    exception: 'AccessDeniedException',
    pattern: new RegExp(
      `(?:User: (?<principal>${TOKEN}) )?is not authorized to perform: (?<action>[A-Za-z0-9-]+:[A-Za-z0-9*?-]+)(?: on resource: (?<resource>${TOKEN}))?` +
        ` (?:because no|with an explicit deny in an?) (?<detail>resource-based policy|resource control policy)`,
    ),
    cause:
      'The text names a policy type policy-check does not evaluate: a resource-based policy or a resource control policy (Bedrock models support neither).',
    steps: ['Find the policy of that type that applies to the request and allow it there.'],
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html',
  },
  {
    id: 'other/access-denied-cut-off',
    rule: null,
    title: 'an AccessDenied text cut off before it names the policy type',
    exception: 'AccessDeniedException',
    pattern: new RegExp(
      `User: (?<principal>arn:${TOKEN})(?: is not authorized to perform: (?<action>[A-Za-z0-9-]+:[A-Za-z0-9*?-]+)(?: on resource: (?<resource>${TOKEN}))?)?`,
    ),
    cause:
      'The caller was denied by IAM, but the text stops before "because no … allows" / "with an explicit deny in …", which says which policy type denied it.',
    steps: [
      'Find the complete message: the application log with a wider limit, or the errorMessage of the event in CloudTrail (Event history, event name InvokeModel / Converse).',
      'Run `policy-check explain` on the complete text, or `policy-check check` with the identity policies, SCPs, boundary and session policies of the caller.',
    ],
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html',
  },
]);
