import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupedCount } from '../../src/model/grouped-count.js';

describe('groupedCount', () => {
  it('groups thousands with commas', () => {
    expect(groupedCount(0)).toBe('0');
    expect(groupedCount(999)).toBe('999');
    expect(groupedCount(1000)).toBe('1,000');
    expect(groupedCount(41226)).toBe('41,226');
    expect(groupedCount(10_485_760)).toBe('10,485,760');
  });

  it("writes every safe integer as toLocaleString('en-US') does", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        (count) => groupedCount(count) === count.toLocaleString('en-US'),
      ),
    );
  });
});
