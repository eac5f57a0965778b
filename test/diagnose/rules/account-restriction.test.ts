import { describe, expect, it } from 'vitest';
import { explainError } from '../../../src/diagnose/explain/index.js';
import { ACCOUNT_RESTRICTION_SIGNATURES } from '../../../src/diagnose/explain/signatures/account-restriction.js';
import { accountRestrictionRule } from '../../../src/diagnose/rules/account-restriction.js';
import { RULES } from '../../../src/diagnose/rules/index.js';
import { sampleEvaluation } from './client-side-rule-helpers.js';

describe('account-restriction rule', () => {
  it('is registered, with its signatures and a help that sends the user to AWS Support', () => {
    expect(RULES).toContain(accountRestrictionRule);
    expect(accountRestrictionRule.id).toBe('account-restriction');
    expect(accountRestrictionRule.signatures).toBe(ACCOUNT_RESTRICTION_SIGNATURES);
    expect(accountRestrictionRule.help).toContain('AWS Support case');
    expect(accountRestrictionRule.help).toContain('https://github.com/aws/aws-cli/issues/8717');
    expect(accountRestrictionRule.helpUri).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/awssupport\//);
  });

  it('finds nothing in a static check: the block is not in the policies', () => {
    expect(accountRestrictionRule.diagnose(sampleEvaluation())).toEqual([]);
  });

  it.each([
    ['AWS CLI', 'An error occurred (ValidationException) when calling the InvokeModel operation: Operation not allowed', 'account-restriction/operation-not-allowed'],
    ['Dify JSON', '{\n    "code": "invalid_param",\n    "message": "ValidationException: Operation not allowed",\n    "status": 400\n}', 'account-restriction/operation-not-allowed'],
    ['console banner', 'ValidationException: Operation not allowed', 'account-restriction/operation-not-allowed'],
    [
      'support-case variant',
      'ValidationException: Your account is not authorized to perform this action. Please create a support case...',
      'account-restriction/create-support-case',
    ],
  ])('explains %s', (_name, text, signature) => {
    const explanation = explainError(text);
    expect(explanation).toMatchObject({ status: 'recognised', rule: 'account-restriction', signature, exception: 'ValidationException' });
    expect(explanation.steps.join(' ')).toContain('AWS Support case');
  });

  it('does not take the model-access text "not authorized to invoke this API operation" for an account block', () => {
    expect(explainError('ValidationException: Your account is not authorized to invoke this API operation.').rule).toBe('model-access');
  });
});
