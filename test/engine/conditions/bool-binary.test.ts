import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../src/engine/conditions/bool-binary.js';
import { compileClause } from '../../../src/engine/conditions/index.js';
import { absent, check, clause, ctx, withValue } from './helpers.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean
describe('Bool', () => {
  it('compares true and false, ignoring case', () => {
    expect(withValue('Bool', 'true', 'true')).toBe(true);
    expect(withValue('Bool', 'false', 'true')).toBe(false);
    expect(withValue('Bool', 'True', 'TRUE')).toBe(true);
    expect(withValue('Bool', 'FALSE', 'false')).toBe(true);
    expect(withValue('Bool', ['true', 'false'], 'false')).toBe(true);
  });

  it('a request value that is not a boolean matches neither', () => {
    expect(withValue('Bool', 'true', 'yes')).toBe(false);
    expect(withValue('Bool', 'false', '')).toBe(false);
  });

  it('a policy value that is not a boolean disables the clause', () => {
    const compiled = compileClause(clause('Bool', 'aws:SecureTransport', '1'), { substituteVariables: true });
    expect(compiled.invalid).not.toBeNull();
    expect(compiled.evaluate(ctx({ 'aws:SecureTransport': '1' }))).toBe('unknown');
  });

  it('substitutes policy variables, as the operators page allows for Bool', () => {
    const context = ctx({ 'aws:SecureTransport': 'true', 'k:expected': 'true' });
    expect(check('Bool', 'aws:SecureTransport', '${k:expected}', context)).toBe(true);
    expect(check('Bool', 'aws:SecureTransport', "${k:missing, 'false'}", context)).toBe(false);
    // A substituted value that is not a boolean matches nothing.
    expect(
      check('Bool', 'aws:SecureTransport', '${k:other}', ctx({ 'aws:SecureTransport': 'true', 'k:other': 'yes' })),
    ).toBe(false);
  });

  it('the deny-without-TLS idiom: Bool aws:SecureTransport false', () => {
    expect(check('Bool', 'aws:SecureTransport', 'false', ctx({ 'aws:SecureTransport': 'false' }))).toBe(true);
    expect(check('Bool', 'aws:SecureTransport', 'false', ctx({ 'aws:SecureTransport': 'true' }))).toBe(false);
    expect(check('Bool', 'aws:SecureTransport', 'false', absent)).toBe(false);
    expect(check('BoolIfExists', 'aws:MultiFactorAuthPresent', 'false', absent)).toBe(true);
  });
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
describe('BinaryEquals', () => {
  it('decodes base64', () => {
    expect(decodeBase64('QmluYXJ5VmFsdWVJbkJhc2U2NA==')).toBe('BinaryValueInBase64');
    expect(decodeBase64('')).toBe('');
    expect(decodeBase64('QQ==')).toBe('A');
    expect(decodeBase64('QQ')).toBe('A');
    expect(decodeBase64('/+8=')).toBe('\xff\xef');
    for (const text of ['Q', 'Q===', 'QQ=A', 'QQ==QQ==', 'Q Q=', 'QQ-_'])
      expect(decodeBase64(text), text).toBeUndefined();
  });

  it('compares bytes', () => {
    expect(withValue('BinaryEquals', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==')).toBe(true);
    expect(withValue('BinaryEquals', 'QQ==', 'QQ')).toBe(true);
    expect(withValue('BinaryEquals', 'QQ==', 'Qg==')).toBe(false);
    expect(withValue('BinaryEquals', 'QQ==', 'not base64!')).toBe(false);
    expect(check('BinaryEquals', 'k:key', 'QQ==', absent)).toBe(false);
  });

  it('invalid base64 in the policy disables the clause', () => {
    expect(compileClause(clause('BinaryEquals', 'k:key', 'Q'), { substituteVariables: true }).invalid).not.toBeNull();
  });
});
