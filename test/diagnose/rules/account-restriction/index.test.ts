import { describe, expect, it } from 'vitest';
import { explainError } from '../../../../src/diagnose/explain/index.js';
import { accountRestrictionRule } from '../../../../src/diagnose/rules/account-restriction/index.js';

describe('account-restriction rule', () => {
  // Registration, signatures and the static check: registration.test.ts.
  it('has a help that sends the user to AWS Support', () => {
    expect(accountRestrictionRule.help).toContain('AWS Support case');
    expect(accountRestrictionRule.help).toContain('https://github.com/aws/aws-cli/issues/8717');
  });

  it.each([
    [
      'AWS CLI',
      'An error occurred (ValidationException) when calling the InvokeModel operation: Operation not allowed',
      'account-restriction/operation-not-allowed',
    ],
    [
      'Dify JSON',
      '{\n    "code": "invalid_param",\n    "message": "ValidationException: Operation not allowed",\n    "status": 400\n}',
      'account-restriction/operation-not-allowed',
    ],
    ['console banner', 'ValidationException: Operation not allowed', 'account-restriction/operation-not-allowed'],
    [
      'support-case variant',
      'ValidationException: Your account is not authorized to perform this action. Please create a support case...',
      'account-restriction/create-support-case',
    ],
  ])('explains %s', (_name, text, signature) => {
    const explanation = explainError(text);
    expect(explanation).toMatchObject({
      status: 'recognised',
      rule: 'account-restriction',
      signature,
      exception: 'ValidationException',
    });
    expect(explanation.steps.join(' ')).toContain('AWS Support case');
  });

  it('does not take the model-access text "not authorized to invoke this API operation" for an account block', () => {
    expect(explainError('ValidationException: Your account is not authorized to invoke this API operation.').rule).toBe(
      'model-access',
    );
  });
});
