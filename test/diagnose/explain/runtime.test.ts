// Bedrock runtime errors that are not authorization failures (throttling, quotas, the model not ready,
// timing out or failing, the service unavailable, request bodies the model rejects) and the model-id texts
// pasted next to them. Status codes and descriptions: the bedrock-runtime service model as the API reference
// publishes it (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html#API_runtime_InvokeModel_Errors);
// throttling messages: https://repost.aws/knowledge-center/bedrock-throttling-error; 503 remedies:
// https://repost.aws/knowledge-center/bedrock-service-unavailable-error; "Malformed input request" and
// "Input is too long for requested model": https://repost.aws/knowledge-center/bedrock-validation-exception-errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainError, knownSignatures } from '../../../src/diagnose/explain/index.js';
import { explainReport, reproduceError } from '../../../src/analysis/index.js';
import { formatExplainText } from '../../../src/report/explain.js';
import { doc, policy } from '../../helpers/policies.js';
import { REGION_GIVEN } from '../../helpers/region-given.js';

interface RuntimeMessage {
  readonly text: string;
  readonly exception: string;
  readonly httpStatus: number;
  readonly operation: string;
  readonly source: string;
  readonly retrieved: string;
  readonly synthetic?: boolean;
  readonly expectedSignature: string;
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/explain/bedrock-runtime-errors.json', import.meta.url), 'utf8'),
) as {
  readonly messages: readonly RuntimeMessage[];
};

const signatureOf = (id: string) => knownSignatures().find((signature) => signature.id === id);

describe('Bedrock runtime errors that are not authorization failures', () => {
  it('covers every exception the issue lists, each with a real or documented text, its source and date', () => {
    const exceptions = new Set(fixture.messages.map((message) => message.exception));
    for (const name of [
      'ThrottlingException',
      'ServiceQuotaExceededException',
      'ModelNotReadyException',
      'ModelTimeoutException',
      'ModelErrorException',
      'ServiceUnavailableException',
    ]) {
      expect(exceptions.has(name), name).toBe(true);
    }
    for (const message of fixture.messages) {
      expect(message.source).toMatch(/^https:\/\//);
      expect(message.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it.each(fixture.messages.map((message) => [message.expectedSignature, message] as const))(
    '%s: %s',
    (_id, message) => {
      const explanation = explainError(message.text);
      expect(explanation.status).toBe('recognised');
      expect(explanation.signature).toBe(message.expectedSignature);
      expect(explanation.documentedException).toBe(
        message.exception === 'ModelStreamErrorException' ? 'ModelErrorException' : message.exception,
      );
      // Nothing of an AccessDenied text is invented for them.
      expect(explanation.fields).toMatchObject({
        principal: null,
        action: null,
        resource: null,
        policyType: null,
        denial: null,
      });
      const signature = signatureOf(message.expectedSignature)!;
      if (signature.rule === null) {
        expect(signature.policyIndependent).toBe(true);
        expect(explanation.cause).toContain('This is not an authorization failure');
      } else {
        // Model-id problems belong to the model-access rule, which `check` also reports.
        expect(signature.rule).toBe('model-access');
      }
    },
  );

  it('titles carry the HTTP status the service model documents for each exception', () => {
    const documented: Record<string, number> = {
      'other/throttling': 429,
      'other/service-quota-exceeded': 400,
      'other/model-not-ready': 429,
      'other/model-timeout': 408,
      'other/model-error': 424,
      'other/service-unavailable': 503,
      'other/internal-server-error': 500,
    };
    for (const [id, status] of Object.entries(documented))
      expect(signatureOf(id)?.title, id).toContain(`HTTP ${status}`);
  });

  it('says what to do concretely', () => {
    const steps = (id: string): string => [signatureOf(id)!.cause, ...signatureOf(id)!.steps].join(' ');
    expect(steps('other/throttling')).toMatch(/exponential backoff/);
    expect(steps('other/throttling')).toMatch(/Service Quotas/);
    expect(steps('other/throttling')).toMatch(/cross-Region inference profile/);
    // "The AWS SDK will automatically retry the operation up to 5 times" (ModelNotReadyException, API reference).
    expect(steps('other/model-not-ready')).toMatch(/retries this error automatically up to 5 times/);
    expect(steps('other/service-quota-exceeded')).toMatch(/Service Quotas console/);
    expect(steps('other/model-error')).toMatch(/originalStatusCode/);
    expect(steps('other/service-unavailable')).toMatch(/AWS Health Dashboard/);
    expect(steps('other/malformed-input')).toMatch(/Converse API/);
    expect(steps('model-access/invalid-model-id')).toMatch(/list-foundation-models/);
  });

  it('extracts the schema violations of a malformed body', () => {
    const explanation = explainError(fixture.messages.find((message) => message.source.includes('chroma-core'))!.text);
    expect(explanation.fields.detail).toBe(
      '#: required key [texts] not found#: required key [input_type] not found#: extraneous key [inputText] is not permitted',
    );
    expect(explanation).toMatchObject({ exception: 'ValidationException', operation: 'InvokeModel' });
  });

  it('reads the throttling of a stream (event-stream member name) and the status a client printed', () => {
    expect(
      explainError(
        "EventStreamError('An error occurred (throttlingException) when calling the InvokeModelWithResponseStream operation: Too many tokens, please wait before trying again.')",
      ),
    ).toMatchObject({
      signature: 'other/throttling',
      exception: 'ThrottlingException',
      operation: 'InvokeModelWithResponseStream',
    });
    expect(explainError('API Error (429 Too many tokens, please wait before trying again.)').httpStatus).toBe(429);
  });

  it('"The provided model identifier is invalid" and "Model not found" are model-id problems of the model-access rule', () => {
    expect(
      explainError(
        'An error occurred (ValidationException) when calling the ConverseStream operation: The provided model identifier is invalid.',
      ),
    ).toMatchObject({
      rule: 'model-access',
      signature: 'model-access/invalid-model-id',
    });
    expect(
      explainError(
        'An error occurred (ResourceNotFoundException) when calling the InvokeModel operation: Model not found.',
      ),
    ).toMatchObject({
      rule: 'model-access',
      signature: 'model-access/model-not-found',
      exception: 'ResourceNotFoundException',
    });
  });

  it('skips re-evaluation with a note: no policy can cause these errors', () => {
    const allowAll = policy(doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' }));
    for (const message of fixture.messages.filter(
      (candidate) => signatureOf(candidate.expectedSignature)?.rule === null,
    )) {
      const explanation = explainError(message.text);
      const reproduction = reproduceError({
        explanation,
        identity: [allowAll],
        fallbackRegion: { region: 'us-east-1', assumption: REGION_GIVEN },
        now: new Date('2026-01-15T12:00:00Z'),
        toolVersion: '0.0.0-test',
      });
      expect(reproduction.status, message.text).toBe('not-applicable');
      expect(reproduction.evaluated).toBeNull();
      expect(reproduction.reason).toMatch(
        /is not an authorization failure: no identity policy, SCP, permissions boundary or session policy causes it, so the policies given were not re-evaluated$/,
      );
      const text = formatExplainText(explainReport(explanation, reproduction, '0.0.0-test'));
      expect(text.split('\n')[0]).toMatch(/^not reproduced: .* is not an authorization failure/);
    }
  });
});

describe('texts that resemble these errors but are not them stay unrecognised', () => {
  it.each([
    ['a class whose name starts with an exception name', 'ThrottlingExceptionHandler registered for queue orders'],
    ['another library error ending in Error', 'MyServiceUnavailableError: upstream down'],
    ['a bare HTTP 429', 'HTTP/1.1 429 Too Many Requests'],
    ['a generic rate-limit sentence', 'Too many requests. Slow down.'],
    ["another provider's prompt-length error", 'prompt is too long: 210000 tokens > 200000 maximum'],
    ['"Input is too long" about something else', 'Input is too long for the text field'],
    ['"Model not found" inside a longer sentence', 'Model not found in local cache, downloading it now'],
    ['a lower-case "malformed input"', 'error: malformed input in line 3'],
    ['a health check that mentions throttling', 'no throttling observed in the last hour'],
    ['a quota mentioned in prose', 'the service quota for your account is 10 requests per minute'],
  ])('%s', (_name, text) => {
    expect(explainError(text)).toMatchObject({ status: 'unrecognised', signature: null });
  });
});
