import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, matchGlob, wildcardMatch } from '../../src/engine/wildcard.js';

/** Textbook dynamic-programming glob matcher, used as the reference. */
function referenceMatch(pattern: string, text: string): boolean {
  const p = [...pattern];
  const t = [...text];
  const dp: boolean[][] = Array.from({ length: p.length + 1 }, () => new Array<boolean>(t.length + 1).fill(false));
  dp[0]![0] = true;
  for (let i = 1; i <= p.length; i++) dp[i]![0] = dp[i - 1]![0]! && p[i - 1] === '*';
  for (let i = 1; i <= p.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const pc = p[i - 1];
      dp[i]![j] = pc === '*' ? dp[i - 1]![j]! || dp[i]![j - 1]! : (pc === '?' || pc === t[j - 1]) && dp[i - 1]![j - 1]!;
    }
  }
  return dp[p.length]![t.length]!;
}

describe('wildcard matching', () => {
  it('matches * and ? as IAM documents them', () => {
    expect(wildcardMatch('bedrock:Invoke*', 'bedrock:InvokeModel')).toBe(true);
    expect(wildcardMatch('bedrock:Invoke*', 'bedrock:Invoke')).toBe(true);
    expect(wildcardMatch('bedrock:Invoke?odel', 'bedrock:InvokeModel')).toBe(true);
    expect(wildcardMatch('bedrock:Invoke?odel', 'bedrock:InvokeMMModel')).toBe(false);
    expect(wildcardMatch('*', '')).toBe(true);
    expect(wildcardMatch('', '')).toBe(true);
    expect(wildcardMatch('a*b*c', 'abc')).toBe(true);
    expect(wildcardMatch('a*b*c', 'acb')).toBe(false);
    expect(wildcardMatch('*Model', 'bedrock:InvokeModelWithResponseStream')).toBe(false);
  });

  it('is case-sensitive unless asked not to be', () => {
    expect(wildcardMatch('BEDROCK:invokemodel', 'bedrock:InvokeModel')).toBe(false);
    expect(wildcardMatch('BEDROCK:invoke*', 'bedrock:InvokeModel', true)).toBe(true);
  });

  it('treats escaped wildcards as plain characters', () => {
    const glob = compileGlob([
      { text: 'a', literal: false },
      { text: '*', literal: true },
      { text: '*', literal: false },
    ]);
    expect(matchGlob(glob, 'a*xyz')).toBe(true);
    expect(matchGlob(glob, 'axyz')).toBe(false);
  });

  // A backtracking matcher never returns here (200 stars over 20,000 characters); the test's timeout is the
  // hang guard, not a measure of speed (that is bench/'s job).
  it('returns on patterns that make backtracking matchers explode', { timeout: 20_000 }, () => {
    const pattern = `${'a*'.repeat(200)}b`;
    const text = 'a'.repeat(20000);
    expect(wildcardMatch(pattern, text)).toBe(false);
  });

  it('agrees with a reference matcher', () => {
    const alphabet = fc.constantFrom('a', 'b', ':', '/', '*', '?');
    const textAlphabet = fc.constantFrom('a', 'b', ':', '/');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 10 }), fc.array(textAlphabet, { maxLength: 12 }), (p, t) => {
        const pattern = p.join('');
        const text = t.join('');
        expect(wildcardMatch(pattern, text)).toBe(referenceMatch(pattern, text));
      }),
      { numRuns: 3000 },
    );
  });
});
