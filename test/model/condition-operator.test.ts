import { describe, expect, it } from 'vitest';
import { isNegated, parseOperator, positiveForm } from '../../src/model/condition-operator.js';

describe('parseOperator', () => {
  it('splits set prefix, base and IfExists', () => {
    expect(parseOperator('StringEquals')).toEqual({ base: 'StringEquals', ifExists: false, set: null });
    expect(parseOperator('ForAnyValue:StringLikeIfExists')).toEqual({
      base: 'StringLike',
      ifExists: true,
      set: 'ForAnyValue',
    });
    expect(parseOperator('ForAllValues:ArnNotLike')).toEqual({
      base: 'ArnNotLike',
      ifExists: false,
      set: 'ForAllValues',
    });
    expect(parseOperator('NotIpAddressIfExists')).toEqual({ base: 'NotIpAddress', ifExists: true, set: null });
    expect(parseOperator('Null')).toEqual({ base: 'Null', ifExists: false, set: null });
  });

  it('knows every documented operator', () => {
    const documented = [
      'StringEquals',
      'StringNotEquals',
      'StringEqualsIgnoreCase',
      'StringNotEqualsIgnoreCase',
      'StringLike',
      'StringNotLike',
      'NumericEquals',
      'NumericNotEquals',
      'NumericLessThan',
      'NumericLessThanEquals',
      'NumericGreaterThan',
      'NumericGreaterThanEquals',
      'DateEquals',
      'DateNotEquals',
      'DateLessThan',
      'DateLessThanEquals',
      'DateGreaterThan',
      'DateGreaterThanEquals',
      'Bool',
      'BinaryEquals',
      'IpAddress',
      'NotIpAddress',
      'ArnEquals',
      'ArnLike',
      'ArnNotEquals',
      'ArnNotLike',
      'Null',
    ];
    for (const name of documented) expect(parseOperator(name)?.base).toBe(name);
  });

  // IAM rejects "stringEquals": MalformedPolicyDocument: Invalid Condition type : stringEquals.
  it('is case-sensitive and rejects what AWS does not have', () => {
    for (const name of [
      'stringEquals',
      'STRINGEQUALS',
      'StringEqual',
      'IfExists',
      'ForAnyValue:',
      'ForAnyValue:IfExists',
      'ForSomeValues:StringEquals',
      'forallvalues:StringEquals',
      'StringEqualsIfExistsIfExists',
      'ForAnyValue:ForAllValues:StringEquals',
      'BinaryNotEquals',
      '',
      // "You can add IfExists to the end of any condition operator name except the Null condition".
      'NullIfExists',
      'ForAnyValue:Null',
      'ForAllValues:Null',
    ]) {
      expect(parseOperator(name), name).toBeUndefined();
    }
  });

  it('maps negated operators to the positive form they negate', () => {
    expect(positiveForm('StringNotEqualsIgnoreCase')).toBe('StringEqualsIgnoreCase');
    expect(positiveForm('NotIpAddress')).toBe('IpAddress');
    expect(positiveForm('ArnNotEquals')).toBe('ArnEquals');
    expect(isNegated('DateNotEquals')).toBe(true);
    expect(isNegated('NumericLessThan')).toBe(false);
    expect(isNegated('Null')).toBe(false);
  });
});
