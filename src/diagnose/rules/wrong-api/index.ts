import type { Finding } from '../../../model/index.js';
import type { Evaluation } from '../../evaluation.js';
import { wrongApiSignatures } from './signatures.js';
import type { Rule } from '../rule.js';

/**
 * InvokeModel sent with the control-plane client. A static check of policies cannot see which client or
 * endpoint the caller uses, so diagnose() finds nothing; `policy-check explain` recognises the error text.
 */
export const wrongApiRule: Rule = {
  id: 'wrong-api',
  recognises:
    '`ValidationException: The requested operation is not recognized by the service.` (InvokeModel sent to `bedrock` instead of `bedrock-runtime`)',
  notInPolicies: 'a client-side problem, not a policy decision',
  title: 'Inference call sent to the Bedrock control-plane endpoint instead of bedrock-runtime',
  helpUri: 'https://docs.aws.amazon.com/general/latest/gr/bedrock.html',
  help: [
    '`ValidationException: The requested operation is not recognized by the service.` means the request reached an',
    'endpoint that does not implement the operation. Amazon Bedrock has two APIs with separate endpoints',
    '([endpoints and quotas](https://docs.aws.amazon.com/general/latest/gr/bedrock.html)):',
    '',
    '- control plane `bedrock.{region}.amazonaws.com` (ListFoundationModels, GetFoundationModel, model access, …);',
    '- runtime `bedrock-runtime.{region}.amazonaws.com` (InvokeModel, InvokeModelWithResponseStream, Converse, ConverseStream).',
    '',
    'Sending InvokeModel through the control-plane client or endpoint (as the 2023 preview did) returns this error; the',
    'reverse (ListFoundationModels through bedrock-runtime) returns `ValidationException: Operation unknown`, and the boto3',
    "control-plane client has no `invoke_model` method at all (`'Bedrock' object has no attribute 'invoke_model'`).",
    '',
    '**Fix**: create the runtime client and drop endpoint overrides that point at the control plane:',
    '',
    "- Python: `boto3.client('bedrock-runtime')`;",
    '- JavaScript: `new BedrockRuntimeClient({ region })` from `@aws-sdk/client-bedrock-runtime`;',
    '- AWS CLI: `aws bedrock-runtime invoke-model` (or `converse`);',
    '- VPC: an interface endpoint for `com.amazonaws.{region}.bedrock-runtime`.',
    '',
    'Seen in [langchain-ai/langchain#11189](https://github.com/langchain-ai/langchain/issues/11189) (fixed by',
    '[#11161](https://github.com/langchain-ai/langchain/pull/11161), "It should be bedrock-runtime always for Inference',
    'APIs"), [aws-samples/amazon-bedrock-workshop#58](https://github.com/aws-samples/amazon-bedrock-workshop/issues/58),',
    '[boto/boto3#3881](https://github.com/boto/boto3/issues/3881) and, in reverse,',
    '[aws-samples/aws-genai-llm-chatbot#246](https://github.com/aws-samples/aws-genai-llm-chatbot/issues/246).',
  ].join('\n'),
  get signatures() {
    return wrongApiSignatures();
  },
  diagnose(_evaluation: Evaluation): Finding[] {
    return [];
  },
};
