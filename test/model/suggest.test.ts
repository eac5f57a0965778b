import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, suggestNames } from '../../src/model/index.js';

describe('editDistance (optimal string alignment)', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['InvokeModel', 'InvokeModle', 1],
    ['kitten', 'sitting', 3],
    ['ab', 'ba', 1],
  ])('%s → %s: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('property: symmetric, zero only for equal strings, at most the longer length; a limit only caps it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.nat(4), (a, b, limit) => {
        const d = editDistance(a, b);
        expect(editDistance(b, a)).toBe(d);
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(editDistance(a, b, limit)).toBe(d <= limit ? d : limit + 1);
      }),
    );
  });
});

describe('suggestNames', () => {
  it('nearest first, at most three, case-insensitive', () => {
    expect(suggestNames('invokemodle', ['InvokeModel', 'InvokeModelWithResponseStream', 'ListModels'])).toEqual([
      'InvokeModel',
    ]);
    expect(suggestNames('us-east', ['us-east-1', 'us-east-2', 'us-west-1', 'eu-west-1'])).toEqual([
      'us-east-1',
      'us-east-2',
    ]);
    expect(suggestNames('zzzzzz', ['InvokeModel'])).toEqual([]);
  });
});
