/**
 * The texts Amazon Bedrock returns for model-access failures, character for character, as printed in
 * the sources of the error corpus (shared/data/bedrock-error-messages.json; the entry's source is
 * cited beside each text). Only the message is kept: the client's prefix ("An error occurred (…)
 * when calling the InvokeModel operation: ") is not part of what AWS returns.
 */

/** AccessDeniedException, model access not granted or the model not offered in the Region (dirkpetersen/our-chat#3, dify#2829). */
export const NO_MODEL_ACCESS = "You don't have access to the model with the specified model ID.";

/** AccessDeniedException (and, for the same cause, ValidationException): the Region differs from where access exists (amazon-bedrock-workshop#109, amazon-bedrock-audio-summarizer#3). */
export const ACCOUNT_NOT_AUTHORIZED = 'Your account is not authorized to invoke this API operation.';

/**
 * ValidationException, a base model id invoked where the model is served only through an inference
 * profile (terricain/aioboto3#352, Laisky/one-api#77). AWS prints a typographic apostrophe (U+2019).
 */
export function onDemandNotSupported(modelId: string): string {
  return `Invocation of model ID ${modelId} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`;
}

/** ResourceNotFoundException, a model (or profile) past end of life (awsdocs/aws-doc-sdk-examples#6403, serverless-patterns#2855). */
export const END_OF_LIFE =
  'This model version has reached the end of its life. Please refer to the AWS documentation for more details.';

/** ResourceNotFoundException, a Legacy model the account has not used recently (fourTheorem/podwhisperer#24; no final period in the source). */
export const LEGACY_INACTIVE =
  'Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last 30 days. Please upgrade to an active model on Amazon Bedrock';

/** ValidationException, an id AWS does not know in the Region (tombii/better-ccflare#49, strands-agents/harness-sdk#38). */
export const INVALID_MODEL_ID = 'The provided model identifier is invalid.';

/**
 * AccessDeniedException, the automatic AWS Marketplace subscription on first use failed because the
 * caller may not subscribe (ministryofjustice/modernisation-platform-environments#18323, inner Bedrock text).
 */
export const MARKETPLACE_DENIED =
  'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions ' +
  '(aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation ' +
  'for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, ' +
  'try again after 5 minutes.';

/** ResourceNotFoundException, the Anthropic first-time-use form not submitted (FTUFormNotFilled, troubleshooting-api-error-codes.html). */
export const ANTHROPIC_FORM_MISSING =
  'Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model. ' +
  'If you have already filled out the form, try again in 15 minutes.';

/**
 * AccessDeniedException (MPAgreementBeingCreated), the AWS Marketplace subscription still being created; retry after
 * about 15 minutes (troubleshooting-api-error-codes.html; no final period in the source).
 */
export const AGREEMENT_BEING_CREATED =
  'Your account is not authorized to access this model. Your AWS Marketplace subscription for this model is still being processed';

export const DOCS = {
  modelAccess: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html',
  modelAccessPermissions:
    'https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html#model-access-permissions',
  regions: 'https://docs.aws.amazon.com/bedrock/latest/userguide/models-region-compatibility.html',
  inferenceProfiles: 'https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html',
  lifecycle: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html',
  putUseCase: 'https://docs.aws.amazon.com/bedrock/latest/APIReference/API_PutUseCaseForModelAccess.html',
  availability: 'https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetFoundationModelAvailability.html',
} as const;
