// Statements are compiled per action asked, and only those whose Action/NotAction covers it
// (src/engine/compiled-policy.ts): the selection must agree with plain wildcard matching, keep document
// order, and always keep a malformed statement (it can only make a decision conditional).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/engine/compiled-policy.js';
import { wildcardMatch } from '../../src/engine/wildcard.js';
import type { Policy, Statement } from '../../src/model/index.js';

const statement = (index: number, fields: Partial<Statement>): Statement => ({
  effect: 'Allow',
  resource: ['*'],
  conditions: [],
  span: { file: 'p.json', line: index + 1, column: 1 },
  index,
  ...fields,
});
const handBuilt = (statements: Statement[]): Policy =>
  ({ type: 'identity', name: 'p', file: 'p.json', version: '2012-10-17', statements, id: '' }) as Policy;
const indexes = (list: readonly { statement: Statement }[]) => list.map((s) => s.statement.index);

describe('compilePolicy(...).forAction', () => {
  it('selects the statements whose Action or NotAction covers the action, Allows and Denies apart, in order', () => {
    const policy = handBuilt([
      statement(0, { action: ['s3:GetObject'] }),
      statement(1, { action: ['bedrock:Invoke*'] }),
      statement(2, { effect: 'Deny', action: ['BEDROCK:invokemodel'] }),
      statement(3, { notAction: ['bedrock:*'] }),
      statement(4, { effect: 'Deny', notAction: ['s3:*'] }),
      statement(5, { action: ['*'] }),
      statement(6, { action: ['bedrock:InvokeModel?'] }),
    ]);
    const selected = compilePolicy(policy).forAction('bedrock:InvokeModel');
    expect(indexes(selected.allows)).toEqual([1, 5]);
    expect(indexes(selected.denies)).toEqual([2, 4]);
    expect(indexes(compilePolicy(policy).forAction('s3:GetObject').allows)).toEqual([0, 3, 5]);
  });

  it('keeps a malformed statement for every action, with the Denies', () => {
    const policy = handBuilt([
      statement(0, { action: ['s3:GetObject'], resource: [] }),
      statement(1, { effect: 'Allow' as const }),
    ]);
    const selected = compilePolicy(policy).forAction('bedrock:InvokeModel');
    expect(selected.allows).toEqual([]);
    expect(indexes(selected.denies)).toEqual([0, 1]);
    expect(selected.denies.every((s) => s.malformed)).toBe(true);
  });

  it('agrees with case-insensitive wildcard matching (property)', () => {
    const piece = fc.constantFrom('bedrock', 'Bedrock', 's3', ':', 'Invoke', 'model', 'Model', '*', '?', 'x', '');
    const text = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), text, fc.boolean(), (patterns, action, negated) => {
        const policy = handBuilt([statement(0, negated ? { notAction: patterns } : { action: patterns })]);
        const covered = patterns.some((pattern) => wildcardMatch(pattern, action, true)) !== negated;
        expect(compilePolicy(policy).forAction(action).allows.length).toBe(covered ? 1 : 0);
      }),
      { numRuns: 500 },
    );
  });
});
