import { type KnownSignature, onFirstCall } from './signature.js';

// HTTP status codes and descriptions: the bedrock-runtime service model (botocore
// data/bedrock-runtime/2023-09-30/service-2.json), as published in the API reference.
const INVOKE_MODEL_ERRORS_URL =
  'https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html#API_runtime_InvokeModel_Errors';
const TROUBLESHOOTING_URL = 'https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html';
const THROTTLING_URL = 'https://repost.aws/knowledge-center/bedrock-throttling-error';
const SERVICE_UNAVAILABLE_URL = 'https://repost.aws/knowledge-center/bedrock-service-unavailable-error';
const VALIDATION_URL = 'https://repost.aws/knowledge-center/bedrock-validation-exception-errors';

const NOT_AUTHORIZATION =
  'This is not an authorization failure: the call was authenticated and authorized, and no identity policy, SCP, permissions boundary or session policy causes it or would fix it.';

// Exception names as they appear in a text: the code itself, or its lower-camel event-stream member name
// (throttlingException in an InvokeModelWithResponseStream / ConverseStream stream). Word boundaries keep
// "ThrottlingExceptionHandler" or "MyServiceUnavailableError" out.
function exceptionName(name: string): string {
  return String.raw`\b[${name.charAt(0)}${name.charAt(0).toLowerCase()}]${name.slice(1)}\b`;
}

/**
 * Errors Bedrock runtime returns next to the AccessDenied family that are not authorization failures:
 * throttling and quotas, the model not ready, timing out or failing, the service unavailable, and
 * request bodies the model rejects. Recognised by their documented message, or by the exception name.
 */
export const runtimeSignatures = onFirstCall((): readonly KnownSignature[] => [
  {
    id: 'other/throttling',
    rule: null,
    title: 'the request was throttled (ThrottlingException, HTTP 429)',
    exception: 'ThrottlingException',
    pattern: new RegExp(
      String.raw`Too many (?:requests|tokens), please wait before trying again|Your request rate is too high\. Reduce the frequency of requests|` +
        exceptionName('ThrottlingException'),
    ),
    policyIndependent: true,
    cause: `The account exceeded a Bedrock quota for this model in this Region: requests per minute or tokens per minute (quotas are per model and Region, on-demand and cross-Region separately; the SDK already retried before it raised this). ${NOT_AUTHORIZATION}`,
    steps: [
      'Retry with exponential backoff and random jitter (the SDK retry mode "standard" or "adaptive", with more attempts), and cap the concurrency of the calls.',
      'Check the Bedrock quotas of the model in Service Quotas (requests and tokens per minute) against the CloudWatch metrics Invocations and InputTokenCount, and request an increase where it is adjustable.',
      'Use a cross-Region inference profile (us., eu., apac., global. …) to spread the requests over the capacity of several Regions; the policies must then allow the profile and its destination Regions.',
      'For sustained throughput, buy Provisioned Throughput for the model.',
    ],
    source: THROTTLING_URL,
  },
  {
    id: 'other/service-quota-exceeded',
    rule: null,
    title: 'the request exceeds a service quota of the account (ServiceQuotaExceededException, HTTP 400)',
    exception: 'ServiceQuotaExceededException',
    pattern: new RegExp(exceptionName('ServiceQuotaExceededException')),
    policyIndependent: true,
    cause: `The request exceeds a Bedrock service quota of the account (documented: "Your request exceeds the service quota for your account"); the message names the quota. ${NOT_AUTHORIZATION}`,
    steps: [
      'Look the quota up in the Service Quotas console (service Amazon Bedrock, in the Region of the call) and compare it with the usage.',
      'Request an increase of the quota where it is adjustable, or resubmit the request later.',
    ],
    source: INVOKE_MODEL_ERRORS_URL,
  },
  {
    id: 'other/model-not-ready',
    rule: null,
    title: 'the model is not ready to serve requests (ModelNotReadyException, HTTP 429)',
    exception: 'ModelNotReadyException',
    pattern: new RegExp(exceptionName('ModelNotReadyException')),
    policyIndependent: true,
    cause: `The model is not ready to serve inference requests yet (for example an imported model being loaded). The AWS SDK retries this error automatically up to 5 times, so seeing it means those retries ran out. ${NOT_AUTHORIZATION}`,
    steps: [
      'Wait and retry; raise the SDK retry attempts (retry behaviour in the AWS SDKs and Tools reference guide) if the model takes longer to become ready.',
      'If it persists, check the state of the model (e.g. the imported or custom model) in the Bedrock console.',
    ],
    source: INVOKE_MODEL_ERRORS_URL,
  },
  {
    id: 'other/model-timeout',
    rule: null,
    title: 'the model took too long to process the request (ModelTimeoutException, HTTP 408)',
    exception: 'ModelTimeoutException',
    pattern: new RegExp(exceptionName('ModelTimeoutException')),
    policyIndependent: true,
    cause: `Processing the request took longer than the model's timeout. ${NOT_AUTHORIZATION}`,
    steps: [
      'Make the request smaller: a shorter prompt, a lower maximum output (max_tokens / maxTokens), fewer images or documents.',
      'Use the streaming API (InvokeModelWithResponseStream / ConverseStream) for long generations, then retry.',
    ],
    source: INVOKE_MODEL_ERRORS_URL,
  },
  {
    id: 'other/model-error',
    rule: null,
    title: 'the model failed while processing the request (ModelErrorException, HTTP 424)',
    exception: 'ModelErrorException',
    pattern: new RegExp(`${exceptionName('ModelErrorException')}|${exceptionName('ModelStreamErrorException')}`),
    policyIndependent: true,
    cause: `The model returned an error while processing the request (ModelErrorException; ModelStreamErrorException while streaming the response); the exception carries the model's original status code. ${NOT_AUTHORIZATION}`,
    steps: [
      'Read the originalStatusCode (and resourceName / originalMessage) of the exception: a 4xx from the model means the request body does not suit it, a 5xx a failure of the model.',
      'Check the request body against the inference parameters of the model, then retry; retry a streaming error as the API reference says.',
    ],
    source: INVOKE_MODEL_ERRORS_URL,
  },
  {
    id: 'other/service-unavailable',
    rule: null,
    title: 'Bedrock is temporarily unavailable (ServiceUnavailableException, HTTP 503)',
    exception: 'ServiceUnavailableException',
    pattern: new RegExp(`Bedrock is unable to process your request|${exceptionName('ServiceUnavailableException')}`),
    policyIndependent: true,
    cause: `The service could not handle the request at the moment (high demand on the model in this Region, or a service issue); it is not an account quota, which returns ThrottlingException. ${NOT_AUTHORIZATION}`,
    steps: [
      'Retry with exponential backoff and random jitter.',
      'Check the AWS Health Dashboard for Amazon Bedrock in the Region.',
      'Use a cross-Region inference profile, or another Region or model, to reach capacity elsewhere (the policies and model access must cover it).',
    ],
    source: SERVICE_UNAVAILABLE_URL,
  },
  {
    id: 'other/internal-server-error',
    rule: null,
    title: 'an internal error of Bedrock (InternalServerException, HTTP 500)',
    exception: 'InternalServerException',
    pattern: new RegExp(exceptionName('InternalServerException')),
    policyIndependent: true,
    cause: `The request failed because of an internal error of the service. ${NOT_AUTHORIZATION}`,
    steps: [
      'Retry with exponential backoff and random jitter.',
      'If it persists, open an AWS Support case with the request ID, Region and model.',
    ],
    source: TROUBLESHOOTING_URL,
  },
  {
    id: 'other/malformed-input',
    rule: null,
    title: "the request body does not match the model's input schema",
    exception: 'ValidationException',
    pattern: /Malformed input request(?:: (?<detail>[^\n]{1,500}?)(?:, please reformat your input and try again|$))?/,
    policyIndependent: true,
    cause: `The InvokeModel body is not in the format of this model's provider: a key it does not accept (e.g. top_n for Claude 3, inputText sent to a Cohere model), a required key missing, a wrong value type. The text after "Malformed input request:" lists each schema violation. ${NOT_AUTHORIZATION}`,
    steps: [
      'Build the body with the inference parameters of the model actually invoked (Bedrock user guide, "Inference request parameters and response fields for foundation models"); bodies are not portable between providers.',
      'Or use the Converse API, whose request format is the same for every model that supports it.',
    ],
    source: VALIDATION_URL,
  },
  {
    id: 'other/input-too-long',
    rule: null,
    title: 'the input is too long for the model',
    exception: 'ValidationException',
    pattern: /Input is too long for requested model/,
    policyIndependent: true,
    cause: `The input tokens together with the requested output tokens exceed what the model accepts (its context window). ${NOT_AUTHORIZATION}`,
    steps: [
      'Shorten the input (fewer or smaller documents, a trimmed conversation history) or lower the maximum output tokens, or use a model with a larger context window.',
    ],
    source: VALIDATION_URL,
  },
]);
