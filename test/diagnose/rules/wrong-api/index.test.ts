import { describe, expect, it } from 'vitest';
import { explainError } from '../../../../src/diagnose/explain/index.js';
import { wrongApiRule } from '../../../../src/diagnose/rules/wrong-api/index.js';

describe('wrong-api rule', () => {
  // Registration, signatures and the static check: registration.test.ts.
  it('has a help that gives the fix for each SDK', () => {
    for (const fix of [
      "boto3.client('bedrock-runtime')",
      '@aws-sdk/client-bedrock-runtime',
      'aws bedrock-runtime invoke-model',
      'bedrock-runtime.{region}.amazonaws.com',
    ]) {
      expect(wrongApiRule.help).toContain(fix);
    }
  });

  it.each([
    [
      'Kibana (raw body)',
      'API Error: The requested operation is not recognized by the service.',
      'wrong-api/operation-not-recognized',
    ],
    [
      'LangChain on the 2023 client',
      'ValueError: Error raised by bedrock service: An error occurred (ValidationException) when calling the InvokeModel operation: The requested operation is not recognized by the service.',
      'wrong-api/operation-not-recognized',
    ],
    [
      'control-plane call on bedrock-runtime',
      'An error occurred (ValidationException) when calling the ListCustomModels operation: Operation unknown',
      'wrong-api/operation-unknown',
    ],
    [
      "boto3 'bedrock' client",
      "AttributeError: 'Bedrock' object has no attribute 'invoke_model'",
      'wrong-api/bedrock-client-has-no-invoke',
    ],
  ])('explains %s', (_name, text, signature) => {
    const explanation = explainError(text);
    expect(explanation).toMatchObject({ status: 'recognised', rule: 'wrong-api', signature });
    expect(explanation.steps.join(' ')).toMatch(/bedrock-runtime|'bedrock'/);
  });
});
