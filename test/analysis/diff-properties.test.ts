// Properties of the access diff over random matrices: what the diff of a matrix with itself, the diff in
// both directions, and a conditional or incomplete side must be, whatever the cells.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffFails, diffMatrices } from '../../src/analysis/diff.js';
import type { AccessChangeKind, DecisionKind, DiffableCell, DiffableMatrix, Verdict } from '../../src/model/index.js';
import { cell, check, END_OF_LIFE, matrixOf, verdictOf } from '../helpers/diff-matrices.js';

const DECISIONS: readonly DecisionKind[] = ['allowed', 'explicit-deny', 'implicit-deny', 'conditional'];
const ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

const decision = fc.constantFrom(...DECISIONS);
/** One cell: its key from a small set (so two matrices share some), two checks, sometimes incomplete or failing. */
const cellArb: fc.Arbitrary<DiffableCell> = fc
  .record({
    principal: fc.constantFrom('role/A', 'role/B', 'user/c'),
    model: fc.constantFrom('m1', 'm2'),
    region: fc.constantFrom('us-east-1', 'eu-west-1'),
    decisions: fc.tuple(decision, decision),
    unresolved: fc.boolean(),
    fails: fc.boolean(),
  })
  .map(({ principal, model, region, decisions, unresolved, fails }) => {
    const checks = decisions.map((d, i) => check(d, { action: ACTIONS[i]! }));
    const verdict: Verdict =
      unresolved && !checks.some((c) => c.decision === 'explicit-deny') ? 'incomplete' : verdictOf(checks);
    return cell(checks, {
      principal: `arn:aws:iam::111122223333:${principal}`,
      model,
      region,
      verdict,
      findings: fails && verdict === 'allowed' ? [END_OF_LIFE] : [],
    });
  });

const matrixArb: fc.Arbitrary<DiffableMatrix> = fc
  .uniqueArray(cellArb, { selector: (c) => `${c.principal} ${c.model} ${c.region}`, maxLength: 8 })
  .map((cells) => matrixOf(cells));

const MIRROR: Readonly<Record<AccessChangeKind, AccessChangeKind>> = {
  lost: 'gained',
  gained: 'lost',
  'possibly-lost': 'possibly-gained',
  'possibly-gained': 'possibly-lost',
  'cause-changed': 'cause-changed',
  added: 'removed',
  removed: 'added',
};

const RUNS = { numRuns: 500, seed: 9 };

describe('access diff properties', () => {
  it('diff(A, A) has no change', () => {
    fc.assert(
      fc.property(matrixArb, (a) => {
        const diff = diffMatrices(a, a);
        return diff.rows.length === 0 && diff.summary.unchanged === a.matrix.length && !diffFails(diff, ['any']);
      }),
      RUNS,
    );
  });

  it('diff(B, A) is diff(A, B) mirrored: gained there is lost here, added is removed', () => {
    fc.assert(
      fc.property(matrixArb, matrixArb, (a, b) => {
        const forward = diffMatrices(a, b);
        const backward = diffMatrices(b, a);
        const mirrored = forward.rows.map((row) => ({
          key: [row.principal, row.model, row.region],
          changes: row.changes.map((kind) => MIRROR[kind]).sort(),
        }));
        const actual = backward.rows.map((row) => ({
          key: [row.principal, row.model, row.region],
          changes: [...row.changes].sort(),
        }));
        expect(actual).toEqual(mirrored);
        expect(backward.summary.lost).toBe(forward.summary.gained);
        expect(backward.summary['possibly-gained']).toBe(forward.summary['possibly-lost']);
        expect(diffFails(backward, ['lost'])).toBe(diffFails(forward, ['gained']));
      }),
      RUNS,
    );
  });

  it('a conditional or incomplete side is never read as allowed nor denied: only possible changes', () => {
    fc.assert(
      fc.property(matrixArb, matrixArb, (a, b) => {
        for (const row of diffMatrices(a, b).rows) {
          const uncertain = [row.old?.verdict, row.new?.verdict].some((v) => v === 'conditional' || v === 'incomplete');
          const decided = row.changes.filter((kind) => kind === 'lost' || kind === 'gained');
          // A decided change may still come from a check whose decision is certain on both sides.
          if (uncertain && decided.length > 0) {
            const certainChecks = row.checks.filter((c) => c.change === 'lost' || c.change === 'gained');
            expect(certainChecks.length, JSON.stringify(row)).toBeGreaterThan(0);
            for (const c of certainChecks) {
              expect(c.old?.decision).not.toBe('conditional');
              expect(c.new?.decision).not.toBe('conditional');
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('whenever access went from allowed to anything else, --fail-on lost fails', () => {
    fc.assert(
      fc.property(matrixArb, matrixArb, (a, b) => {
        const diff = diffMatrices(a, b);
        const key = (c: DiffableCell) => `${c.principal} ${c.model} ${c.region}`;
        const after = new Map(b.matrix.map((c) => [key(c), c]));
        const allowedBefore = a.matrix.filter((c) => c.verdict === 'allowed' && c.findings.length === 0);
        const noLonger = allowedBefore.some((c) => {
          const now = after.get(key(c));
          return now?.verdict !== 'allowed' || now.findings.length > 0;
        });
        if (noLonger) expect(diffFails(diff, ['lost'])).toBe(true);
      }),
      RUNS,
    );
  });

  it('is deterministic and sorted', () => {
    fc.assert(
      fc.property(matrixArb, matrixArb, (a, b) => {
        const diff = diffMatrices(a, b);
        expect(
          diffMatrices({ ...a, matrix: [...a.matrix].reverse() }, { ...b, matrix: [...b.matrix].reverse() }),
        ).toEqual(diff);
        const keys = diff.rows.map((row) => [row.principal, row.model, row.region].join('\u0000'));
        expect(keys).toEqual([...keys].sort());
      }),
      RUNS,
    );
  });
});
