import { describe, expect, it } from 'vitest';
import { triAnd, triNot, triOr } from '../../src/model/tri.js';

describe('three-valued logic', () => {
  it('false dominates AND, true dominates OR', () => {
    expect(triAnd(false, 'unknown')).toBe(false);
    expect(triOr(true, 'unknown')).toBe(true);
    expect(triAnd(true, 'unknown')).toBe('unknown');
    expect(triOr(false, 'unknown')).toBe('unknown');
    expect(triNot('unknown')).toBe('unknown');
    expect(triNot(true)).toBe(false);
  });
});
