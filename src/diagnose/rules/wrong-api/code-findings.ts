import {
  type Finding,
  type FixCode,
  type InferenceOperation,
  message,
  type MisdirectedCall,
} from '../../../model/index.js';

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
  detail: message('code-change'),
};

/**
 * `wrong-api` findings for inference calls that reach the control plane: boto3's `bedrock` client has no
 * inference methods (AttributeError before any request); an SDK v3 `BedrockClient` sends the runtime command
 * to bedrock.{region}.amazonaws.com, which answers ValidationException; so does a runtime client whose
 * endpoint override names the control plane.
 */
export function misdirectedCallFindings(calls: readonly MisdirectedCall[]): Finding[] {
  return calls.map((call) => {
    const refs = { at: `${call.at.file}:${call.at.line}`, client: `${call.client.file}:${call.client.line}` };
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
        message: message('runtime-client-control-plane-endpoint', { ...refs, endpoint: call.endpoint ?? null }),
        predictedError: NOT_RECOGNIZED,
        locations,
        checks: [],
        fixes: [fix(call, 'remove-control-plane-endpoint', refs.client)],
      } satisfies Finding;
    }
    const operation = call.operation ?? 'InvokeModel';
    if (call.style === 'python') {
      const method = PYTHON_METHODS[operation];
      return {
        rule: 'wrong-api',
        severity: 'error',
        message: message('boto3-control-plane-client', { ...refs, method, operation }),
        predictedError: { exception: 'AttributeError', message: `'Bedrock' object has no attribute '${method}'` },
        locations,
        checks: [],
        fixes: [fix(call, 'create-boto3-runtime-client', refs.client)],
      } satisfies Finding;
    }
    const aggregated = call.style === 'aggregated';
    return {
      rule: 'wrong-api',
      severity: 'error',
      message: aggregated
        ? message('js-control-plane-client', { ...refs, method: JS_METHODS[operation], operation })
        : message('js-control-plane-command', { ...refs, operation }),
      // The control plane's answer to the bidirectional stream (HTTP/2) is not documented: no error is predicted.
      ...(aggregated || operation === 'InvokeModelWithBidirectionalStream' ? {} : { predictedError: NOT_RECOGNIZED }),
      locations,
      checks: [],
      fixes: [fix(call, 'use-bedrock-runtime-client', refs.client)],
    } satisfies Finding;
  });
}

function fix(call: MisdirectedCall, code: FixCode, client: string): Finding['fixes'][number] {
  return {
    kind: 'instructions',
    owner: 'developer',
    message: message(code, { client }),
    file: call.at.file,
    verification: NOT_APPLIED,
  };
}
