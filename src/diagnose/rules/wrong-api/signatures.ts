import { type KnownSignature, onFirstCall } from '../../explain/signatures/signature.js';

/** A runtime call sent to the control-plane endpoint (or the reverse): the client is the wrong Bedrock client. */
export const wrongApiSignatures = onFirstCall((): readonly KnownSignature[] => [
  {
    id: 'wrong-api/operation-not-recognized',
    rule: 'wrong-api',
    title: 'InvokeModel was sent to the bedrock control-plane endpoint',
    exception: 'ValidationException',
    pattern: /The requested operation is not recognized by the service/,
    cause:
      'The request reached an endpoint that does not implement the operation: InvokeModel, InvokeModelWithResponseStream, Converse and ConverseStream are served by bedrock-runtime.{region}.amazonaws.com, not by the control-plane endpoint bedrock.{region}.amazonaws.com (or an old preview endpoint).',
    steps: [
      "Create the runtime client: boto3.client('bedrock-runtime'), new BedrockRuntimeClient() from @aws-sdk/client-bedrock-runtime, `aws bedrock-runtime invoke-model`.",
      'Remove any endpoint_url / endpoint override pointing at bedrock.{region}.amazonaws.com or invoke-bedrock.{region}.amazonaws.com; for a VPC endpoint use the com.amazonaws.{region}.bedrock-runtime service.',
    ],
    source: 'https://github.com/langchain-ai/langchain/issues/11189',
  },
  {
    id: 'wrong-api/operation-unknown',
    rule: 'wrong-api',
    title: 'a control-plane operation was sent to the bedrock-runtime endpoint',
    exception: 'ValidationException',
    pattern: /\bOperation unknown\b/,
    cause:
      'A control-plane operation (ListFoundationModels, ListCustomModels, GetFoundationModel, …) reached the bedrock-runtime endpoint, which serves only inference.',
    steps: [
      "Use the control-plane client for control-plane operations: boto3.client('bedrock'), @aws-sdk/client-bedrock, `aws bedrock …`, and bedrock-runtime only for inference.",
    ],
    source: 'https://github.com/aws-samples/aws-genai-llm-chatbot/issues/246',
  },
  {
    id: 'wrong-api/bedrock-client-has-no-invoke',
    rule: 'wrong-api',
    title: "the boto3 'bedrock' client has no inference methods",
    exception: 'AttributeError',
    pattern:
      /'Bedrock' object has no attribute '(?:invoke_model|invoke_model_with_response_stream|converse|converse_stream)'/,
    cause:
      "boto3.client('bedrock') is the control-plane client; invoke_model, converse and their streaming forms belong to boto3.client('bedrock-runtime').",
    steps: ["Call the model with boto3.client('bedrock-runtime')."],
    source: 'https://github.com/boto/boto3/issues/3881',
  },
]);
