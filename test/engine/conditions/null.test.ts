import { describe, expect, it } from 'vitest';
import { compileClause } from '../../../src/engine/conditions/index.js';
import { absent, check, clause, ctx, unknown } from './helpers.js';

// "Use a Null condition operator to check if a condition key is absent at the time of authorization.
// In the policy statement, use either true (the key doesn't exist — it is null) or false (the key
// exists and its value is not null)."
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
describe('Null', () => {
  const present = ctx({ 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' });

  it('"true" requires the key to be absent', () => {
    expect(check('Null', 'aws:TokenIssueTime', 'true', absent)).toBe(true);
    expect(check('Null', 'aws:TokenIssueTime', 'true', present)).toBe(false);
  });

  it('"false" requires the key to be present', () => {
    expect(check('Null', 'aws:TokenIssueTime', 'false', absent)).toBe(false);
    expect(check('Null', 'aws:TokenIssueTime', 'false', present)).toBe(true);
  });

  it('a key with no values is null', () => {
    const empty = ctx({ 'aws:TagKeys': [] });
    expect(check('Null', 'aws:TagKeys', 'true', empty)).toBe(true);
    expect(check('Null', 'aws:TagKeys', 'false', empty)).toBe(false);
    // An empty string is a value.
    expect(check('Null', 'aws:TagKeys', 'false', ctx({ 'aws:TagKeys': '' }))).toBe(true);
  });

  it('on an unknown key is unknown, unless both answers are accepted', () => {
    expect(check('Null', 'aws:TokenIssueTime', 'true', unknown)).toBe('unknown');
    expect(check('Null', 'aws:TokenIssueTime', 'false', unknown)).toBe('unknown');
    expect(check('Null', 'aws:TokenIssueTime', ['true', 'false'], unknown)).toBe(true);
  });

  it('ignores case in its value, and rejects anything but true and false', () => {
    expect(check('Null', 'aws:TokenIssueTime', 'TRUE', absent)).toBe(true);
    for (const value of ['yes', '', '${aws:username}']) {
      const compiled = compileClause(clause('Null', 'aws:TokenIssueTime', value), { substituteVariables: true });
      expect(compiled.invalid, value).not.toBeNull();
      expect(compiled.evaluate(absent)).toBe('unknown');
    }
  });
});
