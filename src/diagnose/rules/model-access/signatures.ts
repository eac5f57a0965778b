import { BEDROCK_ERRORS_URL, TOKEN, type KnownSignature, onFirstCall } from '../../explain/signatures/signature.js';

const MODEL_ACCESS_URL = 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html';
const INFERENCE_PROFILES_URL = 'https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html';
const LIFECYCLE_URL = 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html';

// Bedrock prints both apostrophes: "isn’t" (U+2019) on the wire, "isn't" where people retype it.
const APOSTROPHE = "['’]";

/**
 * Texts about the model rather than the caller's policies: model access not granted, Marketplace
 * subscription, Anthropic use-case form, lifecycle (Legacy, end of life), invocation type (inference
 * profile required), unknown model id, operation the model does not support.
 */
export const modelAccessSignatures = onFirstCall((): readonly KnownSignature[] => [
  {
    id: 'model-access/knowledge-base-role-no-access',
    rule: 'model-access',
    title: 'model access is not granted for the model a service role calls',
    exception: 'AccessDeniedException',
    pattern: new RegExp(
      String.raw`role (?<principal>arn:${TOKEN}) is not able to call the specified model (?<resource>arn:[^\s"'\\]+?): You don${APOSTROPHE}t have access to the model`,
    ),
    cause:
      "A Bedrock service role (here a Knowledge Base's) called a model this account has no access to in that Region: the model's access grant (or Marketplace subscription) is missing, or the model is not offered there.",
    steps: [
      'Grant access to the model named in the message in that Region (Bedrock console → Model access, or the first invocation for serverless models with the aws-marketplace permissions).',
      'Check that the model is offered in the Region of the resource ARN; if not, choose a model (or inference profile) that is.',
    ],
    source: MODEL_ACCESS_URL,
  },
  {
    id: 'model-access/no-access',
    rule: 'model-access',
    title: 'no access to the model in this Region',
    exception: 'AccessDeniedException',
    pattern: new RegExp(`You don${APOSTROPHE}t have access to the model with the specified model ID`),
    cause:
      'The account has not been granted access to this model in the Region it called (model access is per account and Region), or the model is not offered in that Region.',
    steps: [
      'Check that the model is offered in the Region the client calls (the client Region, or every destination Region of an inference profile).',
      'Grant model access in that Region: Bedrock console → Model access (models sold through AWS Marketplace are subscribed on first invocation by a caller with aws-marketplace:Subscribe and aws-marketplace:ViewSubscriptions).',
      'Anthropic models also need the one-time use-case form for the account.',
    ],
    source: 'https://repost.aws/knowledge-center/bedrock-invokemodel-api-error',
  },
  {
    id: 'model-access/account-not-authorized',
    rule: 'model-access',
    title: 'the account may not invoke the model in this Region',
    exception: 'AccessDeniedException',
    pattern: /Your (?:AWS )?account is not authorized to invoke this API operation/,
    cause:
      'The account has no model access in the Region it called (also returned as ValidationException): access was granted in another Region, or not at all. In the 2023 preview it also meant the account was not allow-listed.',
    steps: [
      'Check the Region the client really calls and grant model access there (Bedrock console → Model access).',
      'Check that the model is offered in that Region.',
    ],
    source: 'https://repost.aws/knowledge-center/bedrock-invokemodel-api-error',
  },
  {
    id: 'model-access/marketplace-permissions',
    rule: 'model-access',
    title: 'the caller may not subscribe to the model in AWS Marketplace',
    exception: 'AccessDeniedException',
    pattern:
      /Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions/,
    cause:
      'The model is sold through AWS Marketplace and the account is not subscribed yet; Bedrock subscribes on first invocation, but only when the caller may call aws-marketplace:ViewSubscriptions and aws-marketplace:Subscribe.',
    steps: [
      'Allow aws-marketplace:ViewSubscriptions and aws-marketplace:Subscribe to the caller (or have an administrator invoke the model once to create the subscription).',
      'Retry after about 5 minutes, as the message says.',
    ],
    source: 'https://github.com/ministryofjustice/modernisation-platform-environments/pull/18323',
  },
  {
    id: 'model-access/marketplace-agreement-failed',
    rule: 'model-access',
    title: 'the AWS Marketplace agreement for the model failed',
    exception: 'AccessDeniedException',
    pattern: /Model access is denied due to (?<detail>[A-Z][A-Z_]+):/,
    cause:
      'Bedrock could not create the AWS Marketplace agreement for the model; the code after "due to" says why (INVALID_PAYMENT_INSTRUMENT: the account has no valid payment method, common for AISPL accounts).',
    steps: [
      'Fix the cause the code names (for INVALID_PAYMENT_INSTRUMENT: add a valid payment method in Billing and Cost Management).',
      'Invoke the model again to retry the subscription.',
    ],
    source: BEDROCK_ERRORS_URL,
  },
  {
    id: 'model-access/marketplace-subscription-pending',
    rule: 'model-access',
    title: 'the AWS Marketplace subscription is still being processed',
    exception: 'AccessDeniedException',
    pattern:
      /Your AWS Marketplace subscription for this model is still being processed|Your account is not authorized to access this model\. Your AWS Marketplace/,
    cause: 'The AWS Marketplace subscription for the model is being created (MPAgreementBeingCreated).',
    steps: ['Wait (up to about 15 minutes) and retry.'],
    source: BEDROCK_ERRORS_URL,
  },
  {
    id: 'model-access/use-case-form',
    rule: 'model-access',
    title: 'the Anthropic use-case form has not been submitted',
    exception: 'ResourceNotFoundException',
    pattern: /Model use case details have not been submitted for this account/,
    cause: 'Anthropic models require a one-time use-case form per account (FTUFormNotFilled, HTTP 404).',
    steps: [
      'Submit the Anthropic use-case details form (Bedrock console, model catalog → an Anthropic model), once per account (or once in the management account of an organization).',
      'Retry after about 15 minutes, as the message says.',
    ],
    source: BEDROCK_ERRORS_URL,
  },
  {
    id: 'model-access/legacy',
    rule: 'model-access',
    title: 'the model is Legacy and the account has not used it recently',
    exception: 'ResourceNotFoundException',
    pattern: /This Model is marked by provider as Legacy/i,
    cause:
      'The model version is in the Legacy state; accounts that have not invoked it in the last 30 days can no longer use it (returned as ResourceNotFoundException, or ValidationException through some inference profiles).',
    steps: [
      'Move to an active model version (and its inference profile); Legacy models reach end of life on a published date.',
    ],
    source: LIFECYCLE_URL,
  },
  {
    id: 'model-access/end-of-life',
    rule: 'model-access',
    title: 'the model version has reached end of life',
    exception: 'ResourceNotFoundException',
    pattern: /This model version has reached the end of its life/,
    cause: 'The model version is past its end-of-life date in this Region and can no longer be invoked.',
    steps: ['Move to an active model version (see the model lifecycle page for its recommended replacement).'],
    source: LIFECYCLE_URL,
  },
  {
    id: 'model-access/inference-profile-required',
    rule: 'model-access',
    title: 'the model must be invoked through an inference profile',
    exception: 'ValidationException',
    pattern: new RegExp(
      `Invocation of model ID (?<modelId>${TOKEN}) with on-demand throughput isn${APOSTROPHE}t supported|The provided model doesn${APOSTROPHE}t support on-demand throughput`,
    ),
    cause:
      'In this Region the model is offered only through inference profiles (INFERENCE_PROFILE invocation type), not on demand by its model ID.',
    steps: [
      'Invoke the model through an inference profile that contains it: the geographic profile id (us., eu., apac., jp., au., …) or global., or its ARN.',
      'Allow the action on the profile ARN and on the foundation model in every destination Region of the profile.',
    ],
    source: INFERENCE_PROFILES_URL,
  },
  {
    id: 'model-access/invalid-model-id',
    rule: 'model-access',
    title: 'the model identifier is not one Bedrock knows here',
    exception: 'ValidationException',
    pattern:
      /The provided model identifier is invalid|Value '(?<modelId>[^'\s]+)' at 'modelId' failed to satisfy constraint/,
    cause:
      'The model id (or ARN) is misspelled, misses its version suffix (e.g. ":0"), names a model or inference profile not offered in this Region, or is not a Bedrock model at all.',
    steps: [
      'Compare the id with the Bedrock model catalog or `aws bedrock list-foundation-models` / `list-inference-profiles` in the Region the client calls.',
      'Use an inference-profile id offered from that Region when the model is profile-only.',
      'A malformed or unknown id is rejected before any authorization: no policy change fixes it (a policy that names the wrong id is a separate problem `policy-check check` finds).',
    ],
    source: 'https://repost.aws/knowledge-center/bedrock-validation-exception-errors',
  },
  {
    id: 'model-access/model-not-found',
    rule: 'model-access',
    title: 'Bedrock found no model for the identifier in this Region',
    exception: 'ResourceNotFoundException',
    // "Model not found." only as the whole message: as a phrase it is too common in other tools' texts.
    pattern: /Could not resolve the foundation model from the provided model identifier|^Model not found\.?$/,
    cause:
      'The model id or ARN names no model Bedrock can resolve in the Region called: a misspelled id or a missing version suffix, a model not offered (or no longer offered) in that Region, or an inference-profile id called from a Region that is not its source Region.',
    steps: [
      'Compare the id with `aws bedrock list-foundation-models` / `list-inference-profiles` in the Region the client calls (model ids and access are per Region).',
      'Check that the client calls the Region you expect (AWS_REGION, the profile, the endpoint override).',
    ],
    source: 'https://github.com/aws-samples/bedrock-chat/issues/91',
  },
  {
    id: 'model-access/unsupported-operation',
    rule: 'model-access',
    title: 'the model does not support this API',
    exception: 'ValidationException',
    pattern: new RegExp(`This action doesn${APOSTROPHE}t support the model that you provided`),
    cause: 'The operation is not supported for this model (e.g. an embedding model sent to Converse).',
    steps: [
      'Use an operation the model supports (InvokeModel for embedding and image models), or a text/chat model for Converse.',
    ],
    source:
      'https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html',
  },
]);
