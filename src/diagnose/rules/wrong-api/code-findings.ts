import type { Finding, InferenceOperation, MisdirectedCall } from '../../../model/index.js';

const PYTHON_METHODS: Readonly<Record<InferenceOperation, string>> = {
  InvokeModel: 'invoke_model',
  InvokeModelWithResponseStream: 'invoke_model_with_response_stream',
  Converse: 'converse',
  ConverseStream: 'converse_stream',
  InvokeModelWithBidirectionalStream: 'invoke_model_with_bidirectional_stream',
};

const JS_METHODS: Readonly<Record<InferenceOperation, string>> = {
  InvokeModel: 'invokeModel',
  InvokeModelWithResponseStream: 'invokeModelWithResponseStream',
  Converse: 'converse',
  ConverseStream: 'converseStream',
  InvokeModelWithBidirectionalStream: 'invokeModelWithBidirectionalStream',
};

// The runtime error texts of the wrong-api rule's signatures (signatures.ts beside this file).
const NOT_RECOGNIZED = {
  exception: 'ValidationException',
  message: 'The requested operation is not recognized by the service.',
};

const NOT_APPLIED: Finding['fixes'][number]['verification'] = {
  verified: false,
  checksFixed: 0,
  checksOpenedElsewhere: 0,
  detail: 'a change to code, which the tool cannot apply or re-evaluate',
};

/**
 * `wrong-api` findings for inference calls that reach the control plane: boto3's `bedrock` client has no
 * inference methods (AttributeError before any request); an SDK v3 `BedrockClient` sends the runtime command
 * to bedrock.{region}.amazonaws.com, which answers ValidationException; so does a runtime client whose
 * endpoint override names the control plane.
 */
export function misdirectedCallFindings(calls: readonly MisdirectedCall[]): Finding[] {
  return calls.map((call) => {
    const where = `${call.at.file}:${call.at.line}`;
    const created = `${call.client.file}:${call.client.line}`;
    const locations = [
      {
        file: call.at.file,
        line: call.at.line,
        column: call.at.column,
        endLine: call.at.endLine,
        endColumn: call.at.endColumn,
      },
      { file: call.client.file, line: call.client.line, column: call.client.column },
    ];
    if (call.kind === 'control-plane-endpoint') {
      return {
        rule: 'wrong-api',
        severity: 'error',
        title: `bedrock-runtime client pointed at the control-plane endpoint ${call.endpoint}`,
        predictedError: NOT_RECOGNIZED,
        cause: `${where} overrides the endpoint of the bedrock-runtime client created at ${created} with ${call.endpoint}, the control plane: InvokeModel, InvokeModelWithResponseStream, Converse and ConverseStream are served only by bedrock-runtime.{region}.amazonaws.com.`,
        locations,
        checks: [],
        fixes: [
          fix(
            call,
            'Remove the endpoint override, or point it at bedrock-runtime.{region}.amazonaws.com (or a com.amazonaws.{region}.bedrock-runtime VPC endpoint)',
          ),
        ],
      } satisfies Finding;
    }
    const operation = call.operation ?? 'InvokeModel';
    if (call.style === 'python') {
      const method = PYTHON_METHODS[operation];
      return {
        rule: 'wrong-api',
        severity: 'error',
        title: `${method} called on a boto3 'bedrock' (control-plane) client`,
        predictedError: { exception: 'AttributeError', message: `'Bedrock' object has no attribute '${method}'` },
        cause: `${where} calls ${method} on the client created at ${created} with boto3's client('bedrock'), the control plane, which has no inference methods: ${operation} belongs to client('bedrock-runtime').`,
        locations,
        checks: [],
        fixes: [fix(call, "Create the client with boto3.client('bedrock-runtime') for inference calls")],
      } satisfies Finding;
    }
    const aggregated = call.style === 'aggregated';
    return {
      rule: 'wrong-api',
      severity: 'error',
      title: aggregated
        ? `${JS_METHODS[operation]} called on a Bedrock (control-plane) client of @aws-sdk/client-bedrock`
        : `${operation}Command sent with a BedrockClient (control plane) of @aws-sdk/client-bedrock`,
      // The control plane's answer to the bidirectional stream (HTTP/2) is not documented: no error is predicted.
      ...(aggregated || operation === 'InvokeModelWithBidirectionalStream' ? {} : { predictedError: NOT_RECOGNIZED }),
      cause: aggregated
        ? `${where} calls ${JS_METHODS[operation]} on the Bedrock client created at ${created}: the control-plane client of @aws-sdk/client-bedrock has no such method (TypeError: … is not a function); ${operation} belongs to BedrockRuntime of @aws-sdk/client-bedrock-runtime.`
        : `${where} sends ${operation}Command with the BedrockClient created at ${created}: the client sends it to its own endpoint, bedrock.{region}.amazonaws.com, which does not implement ${operation}.`,
      locations,
      checks: [],
      fixes: [
        fix(
          call,
          'Send inference commands with new BedrockRuntimeClient({ region }) from @aws-sdk/client-bedrock-runtime',
        ),
      ],
    } satisfies Finding;
  });
}

function fix(call: MisdirectedCall, summary: string): Finding['fixes'][number] {
  return {
    kind: 'instructions',
    owner: 'developer',
    summary,
    file: call.at.file,
    steps: [`Change the client created at ${call.client.file}:${call.client.line}.`],
    verification: NOT_APPLIED,
  };
}
