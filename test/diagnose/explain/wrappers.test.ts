// The same service message, printed by every client form explain strips: the message, code, operation,
// status and request id come out exactly.
import { describe, expect, it } from 'vitest';
import { explainError } from '../../../src/diagnose/explain/index.js';

const PRINCIPAL = 'arn:aws:sts::111122223333:assumed-role/BedrockApp/session-1';
const RESOURCE = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';
const MESSAGE = `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: ${RESOURCE} with an explicit deny in an identity-based policy`;
const REQUEST_ID = '3b1e0f2a-5c7d-4e8f-9a0b-1c2d3e4f5a6b';

interface Form {
  readonly name: string;
  readonly text: string;
  readonly exception: string | null;
  readonly operation?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly client: string | null;
}

const FORMS: readonly Form[] = [
  {
    name: 'boto3 traceback',
    text: [
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 12, in <module>',
      '    response = client.invoke_model(modelId=model_id, body=body)',
      `botocore.errorfactory.AccessDeniedException: An error occurred (AccessDeniedException) when calling the InvokeModel operation: ${MESSAGE}`,
    ].join('\n'),
    exception: 'AccessDeniedException',
    operation: 'InvokeModel',
    client: 'boto3',
  },
  {
    name: 'AWS CLI',
    text: `\nAn error occurred (AccessDeniedException) when calling the Converse operation: ${MESSAGE}\n`,
    exception: 'AccessDeniedException',
    operation: 'Converse',
    client: 'boto3 or AWS CLI',
  },
  {
    name: 'boto3 with retries',
    text: `An error occurred (AccessDeniedException) when calling the InvokeModel operation (reached max retries: 4): ${MESSAGE}`,
    exception: 'AccessDeniedException',
    operation: 'InvokeModel',
    client: 'boto3 or AWS CLI',
  },
  {
    name: 'JS SDK v3 with stack and $metadata',
    text: [
      `AccessDeniedException: ${MESSAGE}`,
      '    at de_AccessDeniedExceptionRes (/app/node_modules/@aws-sdk/client-bedrock-runtime/dist-cjs/index.js:1170:21)',
      '    at de_CommandError (/app/node_modules/@aws-sdk/client-bedrock-runtime/dist-cjs/index.js:1516:19)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {',
      "  '$fault': 'client',",
      "  '$metadata': {",
      '    httpStatusCode: 403,',
      `    requestId: '${REQUEST_ID}',`,
      '    extendedRequestId: undefined,',
      '    attempts: 1,',
      '    totalRetryDelay: 0',
      '  }',
      '}',
    ].join('\n'),
    exception: 'AccessDeniedException',
    httpStatus: 403,
    requestId: REQUEST_ID,
    client: 'AWS SDK for JavaScript v3',
  },
  {
    name: 'Go SDK v2',
    text: `operation error Bedrock Runtime: InvokeModel, https response error StatusCode: 403, RequestID: ${REQUEST_ID}, AccessDeniedException: ${MESSAGE}`,
    exception: 'AccessDeniedException',
    operation: 'InvokeModel',
    httpStatus: 403,
    requestId: REQUEST_ID,
    client: 'AWS SDK for Go v2',
  },
  {
    name: 'Java SDK v2',
    text: `software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException: ${MESSAGE} (Service: BedrockRuntime, Status Code: 403, Request ID: ${REQUEST_ID}) (SDK Attempt Count: 1)`,
    exception: 'AccessDeniedException',
    httpStatus: 403,
    requestId: REQUEST_ID,
    client: 'AWS SDK for Java v2',
  },
  {
    name: 'raw JSON body, "message"',
    text: JSON.stringify({ message: MESSAGE }),
    exception: null,
    client: 'raw HTTP response body',
  },
  {
    name: 'raw JSON body, "Message", with HTTP status and the x-amzn-ErrorType header',
    text: `HTTP/1.1 403 Forbidden\nx-amzn-ErrorType: AccessDeniedException:http://internal.amazon.com/coral/com.amazon.bedrock/\n\n${JSON.stringify({ Message: MESSAGE })}`,
    exception: 'AccessDeniedException',
    httpStatus: 403,
    client: 'raw HTTP response body',
  },
  {
    name: 'event stream (lower-case exception name)',
    text: `botocore.exceptions.EventStreamError: An error occurred (accessDeniedException) when calling the ConverseStream operation: ${MESSAGE}`,
    exception: 'AccessDeniedException',
    operation: 'ConverseStream',
    client: 'boto3 (event stream)',
  },
  {
    name: 'LangChain',
    text: `ValueError: Error raised by bedrock service: An error occurred (AccessDeniedException) when calling the InvokeModel operation: ${MESSAGE}`,
    exception: 'AccessDeniedException',
    operation: 'InvokeModel',
    client: 'LangChain over boto3 or AWS CLI',
  },
  {
    name: 'LiteLLM over a JSON body',
    text: `litellm.APIConnectionError: BedrockException - ${JSON.stringify({ Message: MESSAGE })}`,
    exception: null,
    client: 'LiteLLM',
  },
  {
    name: 'LiteLLM proxy JSON with the Bedrock body escaped inside',
    text: JSON.stringify({
      error: {
        message: `litellm.APIConnectionError: BedrockException - ${JSON.stringify({ message: MESSAGE })}`,
        type: null,
        code: '500',
      },
    }),
    exception: null,
    client: 'LiteLLM',
  },
  {
    name: 'Swift SDK',
    text: `Error invoking the model: AccessDeniedException(properties: AWSBedrockRuntime.AccessDeniedException.Properties(message: Optional("${MESSAGE}")), httpResponse: Status Code: http_status_403 x-amzn-ErrorType: AccessDeniedException:http://internal.amazon.com/coral/com.amazon.bedrock/, requestID: nil)`,
    exception: 'AccessDeniedException',
    httpStatus: 403,
    client: 'AWS SDK for Swift',
  },
  {
    name: 'log line "Code - message"',
    text: `2026-01-02 10:00:00 ERROR app.bedrock: Non-retryable Bedrock error: AccessDeniedException - ${MESSAGE}`,
    exception: 'AccessDeniedException',
    client: null,
  },
];

describe('wrapper forms', () => {
  it.each(FORMS.map((form) => [form.name, form] as const))(
    '%s: the message and its fields come out exactly',
    (_name, form) => {
      const explanation = explainError(form.text);
      expect(explanation.signature).toBe('identity-policy/explicit-deny');
      expect(explanation.message).toBe(MESSAGE);
      expect(explanation.truncated).toBe(false);
      expect(explanation.exception).toBe(form.exception);
      expect(explanation.operation).toBe(form.operation ?? null);
      expect(explanation.httpStatus).toBe(form.httpStatus ?? null);
      expect(explanation.requestId).toBe(form.requestId ?? null);
      expect(explanation.client).toBe(form.client);
      expect(explanation.fields).toEqual({
        principal: PRINCIPAL,
        action: 'bedrock:InvokeModel',
        resource: RESOURCE,
        policyType: 'identity',
        denial: 'explicit',
        policyArn: null,
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        region: 'us-east-1',
        detail: null,
      });
    },
  );

  it('reads a JS SDK error whose name is on its own line and whose message spans lines', () => {
    const explanation = explainError(
      'ResourceNotFoundException\nThis model version has reached the end of its life.\nPlease refer to the AWS documentation for more details.',
    );
    expect(explanation).toMatchObject({
      signature: 'model-access/end-of-life',
      exception: 'ResourceNotFoundException',
      message:
        'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
    });
  });

  it('keeps the message of an EventStreamError quoted inside a Python exception', () => {
    const explanation = explainError(
      `Exception: ('unexpected event.', EventStreamError('An error occurred (throttlingException) when calling the InvokeAgent operation: ${MESSAGE}'))`,
    );
    expect(explanation.message).toBe(MESSAGE);
    expect(explanation.exception).toBe('ThrottlingException');
    expect(explanation.wrappers).toEqual(['event-stream']);
  });

  it('drops a gateway request id appended to the message', () => {
    const explanation = explainError(
      `ValidationException: The provided model identifier is invalid. (request id: 2025052919083290595713412628472)`,
    );
    expect(explanation.message).toBe('The provided model identifier is invalid.');
  });
});
