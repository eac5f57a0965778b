import { describe, expect, it } from 'vitest';
import { absent, check, ctx, withValue } from './helpers.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
describe('string operators', () => {
  it('StringEquals is exact and case-sensitive', () => {
    expect(withValue('StringEquals', 'john', 'john')).toBe(true);
    expect(withValue('StringEquals', 'john', 'John')).toBe(false);
    expect(withValue('StringEquals', 'john', 'johnny')).toBe(false);
    // Wildcards are plain characters outside the Like operators.
    expect(withValue('StringEquals', 'j*', 'john')).toBe(false);
    expect(withValue('StringEquals', 'j*', 'j*')).toBe(true);
  });

  it('StringNotEquals is its negation', () => {
    expect(withValue('StringNotEquals', 'john', 'john')).toBe(false);
    expect(withValue('StringNotEquals', 'john', 'John')).toBe(true);
  });

  it('the IgnoreCase forms ignore case in values', () => {
    expect(withValue('StringEqualsIgnoreCase', 'us-EAST-1', 'US-east-1')).toBe(true);
    expect(withValue('StringEqualsIgnoreCase', 'us-east-1', 'us-east-2')).toBe(false);
    expect(withValue('StringNotEqualsIgnoreCase', 'us-EAST-1', 'US-east-1')).toBe(false);
    expect(withValue('StringNotEqualsIgnoreCase', 'us-east-1', 'us-west-2')).toBe(true);
  });

  it('StringLike matches * and ? case-sensitively', () => {
    expect(withValue('StringLike', 'us-*', 'us-east-1')).toBe(true);
    expect(withValue('StringLike', 'us-*', 'US-east-1')).toBe(false);
    expect(withValue('StringLike', 'us-????-1', 'us-east-1')).toBe(true);
    expect(withValue('StringLike', 'us-????-1', 'us-west-12')).toBe(false);
    expect(withValue('StringLike', '*', '')).toBe(true);
    expect(withValue('StringLike', 'home/', 'home/x')).toBe(false);
    expect(withValue('StringLike', '', '')).toBe(true);
    // Regex metacharacters are plain characters.
    expect(withValue('StringLike', 'a.c', 'abc')).toBe(false);
    expect(withValue('StringLike', '(a|b)+', '(a|b)+')).toBe(true);
  });

  it('StringNotLike is its negation', () => {
    expect(withValue('StringNotLike', 'us-*', 'us-east-1')).toBe(false);
    expect(withValue('StringNotLike', 'us-*', 'eu-west-1')).toBe(true);
  });

  // A backtracking matcher never returns here; the test's timeout is the hang guard, not a speed measure.
  it('a pathological pattern returns (no backtracking blow-up)', { timeout: 20_000 }, () => {
    const pattern = `${'*a'.repeat(200)}b`;
    expect(withValue('StringLike', pattern, 'a'.repeat(5000))).toBe(false);
  });

  // "If a single condition operator includes multiple values for a context key, those values are
  // evaluated using a logical OR. If a single negated matching condition operator includes multiple
  // values for a context key, those values are evaluated using a logical NOR."
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
  it('ORs the values of a key, and NORs them for negated operators', () => {
    expect(withValue('StringEquals', ['Dev', 'QA'], 'QA')).toBe(true);
    expect(withValue('StringEquals', ['Dev', 'QA'], 'Ops')).toBe(false);
    expect(withValue('StringNotEquals', ['Dev', 'QA'], 'QA')).toBe(false);
    expect(withValue('StringNotEquals', ['Dev', 'QA'], 'Ops')).toBe(true);
    expect(withValue('StringNotLike', ['d*', 'q*'], 'qa')).toBe(false);
  });

  it('compares context key names case-insensitively', () => {
    expect(check('StringEquals', 'AWS:PrincipalTag/Team', 'ml', ctx({ 'aws:principaltag/team': 'ml' }))).toBe(true);
    expect(check('StringEquals', 'aws:principaltag/team', 'ml', ctx({ 'AWS:PrincipalTag/Team': 'ml' }))).toBe(true);
  });

  it('on an absent key: positive false, negated true', () => {
    expect(check('StringEquals', 'k:key', 'x', absent)).toBe(false);
    expect(check('StringLike', 'k:key', '*', absent)).toBe(false);
    expect(check('StringNotEquals', 'k:key', 'x', absent)).toBe(true);
    expect(check('StringNotLike', 'k:key', '*', absent)).toBe(true);
  });
});
