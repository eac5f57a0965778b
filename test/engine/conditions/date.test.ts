import { describe, expect, it } from 'vitest';
import { compileClause } from '../../../src/engine/conditions/index.js';
import { parseDate } from '../../../src/model/date-value.js';
import { absent, check, clause, withValue } from './helpers.js';

describe('date parsing', () => {
  it('reads the W3C ISO 8601 profiles, with and without time and zone', () => {
    expect(parseDate('2020-01-01T00:00:01Z')).toBe(Date.UTC(2020, 0, 1, 0, 0, 1));
    expect(parseDate('2020-01-01')).toBe(Date.UTC(2020, 0, 1));
    expect(parseDate('2020-06')).toBe(Date.UTC(2020, 5, 1));
    expect(parseDate('2020-01-01T10:20Z')).toBe(Date.UTC(2020, 0, 1, 10, 20));
    expect(parseDate('2020-01-01T10:20:30.45Z')).toBe(Date.UTC(2020, 0, 1, 10, 20, 30, 450));
    expect(parseDate('2020-01-01T10:20:30.123456Z')).toBe(Date.UTC(2020, 0, 1, 10, 20, 30, 123));
    // No zone: UTC.
    expect(parseDate('2020-01-01T10:20:30')).toBe(Date.UTC(2020, 0, 1, 10, 20, 30));
    expect(parseDate('2020-01-01T10:20:30+02:00')).toBe(Date.UTC(2020, 0, 1, 8, 20, 30));
    expect(parseDate('2020-01-01T00:30:00-05:30')).toBe(Date.UTC(2020, 0, 1, 6, 0, 0));
    // Years below 100 are not shifted into the 1900s.
    expect(new Date(parseDate('0050-03-04')!).toISOString()).toBe('0050-03-04T00:00:00.000Z');
  });

  it('reads epoch seconds', () => {
    expect(parseDate('0')).toBe(0);
    expect(parseDate('1577836801')).toBe(Date.UTC(2020, 0, 1, 0, 0, 1));
    expect(parseDate('-86400')).toBe(-86_400_000);
    // Digits only are epoch seconds, not a W3C year.
    expect(parseDate('2024')).toBe(2_024_000);
    expect(parseDate('20200101')).toBe(20_200_101_000);
  });

  it('rejects what is not a date', () => {
    for (const text of [
      '',
      'now',
      '2020-13-01',
      '2020-02-30',
      '2021-02-29',
      '2020-01-01T24:00Z',
      '2020-01-01T10:60Z',
      '2020-01-01T10:20:61Z',
      '2020-01-01 10:20Z',
      '2020-1-1',
      '2020-0101',
      '2020-01-01T10Z',
      '2020-01-01T10:20+2',
      '2020-01-01T10:20+25:00',
      '1.5',
      '99999999999999999999',
      '2020-01-01t10:20z',
    ]) {
      expect(parseDate(text), text).toBeUndefined();
    }
    expect(parseDate('2020-02-29')).toBe(Date.UTC(2020, 1, 29));
  });
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
describe('date operators', () => {
  it('compare the request time against the policy time, either side in either form', () => {
    // aws:TokenIssueTime DateGreaterThan 2020-01-01T00:00:01Z: credentials issued after that.
    expect(withValue('DateGreaterThan', '2020-01-01T00:00:01Z', '2020-01-01T00:00:02Z')).toBe(true);
    expect(withValue('DateGreaterThan', '2020-01-01T00:00:01Z', '2020-01-01T00:00:01Z')).toBe(false);
    expect(withValue('DateGreaterThanEquals', '2020-01-01T00:00:01Z', '1577836801')).toBe(true);
    expect(withValue('DateLessThan', '1577836801', '2020-01-01T00:00:00Z')).toBe(true);
    expect(withValue('DateLessThan', '2020-01-01', '2020-01-01T00:00:00Z')).toBe(false);
    expect(withValue('DateLessThanEquals', '2020-01-01', '2020-01-01T00:00:00Z')).toBe(true);
    expect(withValue('DateEquals', '2020-01-01T02:00:00+02:00', '2020-01-01T00:00:00Z')).toBe(true);
    expect(withValue('DateEquals', '2020-01-01', '2020-01-01T00:00:01Z')).toBe(false);
    expect(withValue('DateNotEquals', '2020-01-01', '2020-01-01T00:00:01Z')).toBe(true);
    expect(withValue('DateNotEquals', '1577836800', '2020-01-01T00:00:00Z')).toBe(false);
  });

  it('a request value that is not a date matches nothing; an invalid policy value disables the clause', () => {
    expect(withValue('DateLessThan', '2020-01-01', 'yesterday')).toBe(false);
    expect(withValue('DateNotEquals', '2020-01-01', 'yesterday')).toBe(true);
    const compiled = compileClause(clause('DateNotEquals', 'aws:CurrentTime', '2020-02-30'), {
      substituteVariables: true,
    });
    expect(compiled.invalid).not.toBeNull();
    expect(compiled.evaluate(absent)).toBe('unknown');
  });

  it('on an absent key: positive false, DateNotEquals true', () => {
    expect(check('DateLessThan', 'aws:TokenIssueTime', '2030-01-01', absent)).toBe(false);
    expect(check('DateNotEquals', 'aws:TokenIssueTime', '2030-01-01', absent)).toBe(true);
  });
});
