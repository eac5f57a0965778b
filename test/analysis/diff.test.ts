import { describe, expect, it } from 'vitest';
import { diffFails, diffMatrices } from '../../src/analysis/diff.js';
import type { DiffableCell, DiffableStatement } from '../../src/model/index.js';
import { cell, check, END_OF_LIFE, matrixOf, NOVA, ROLE, statement } from '../helpers/diff-matrices.js';
import { renderCliHints } from '../../src/report/cli-hints.js';

const STREAM = { action: 'bedrock:InvokeModelWithResponseStream' };

function diffOf(before: readonly DiffableCell[], after: readonly DiffableCell[]) {
  return diffMatrices(matrixOf(before), matrixOf(after));
}

function onlyRow(before: DiffableCell, after: DiffableCell) {
  const diff = diffOf([before], [after]);
  expect(diff.rows).toHaveLength(1);
  return diff.rows[0]!;
}

describe('diffMatrices: access', () => {
  it('finds no change between a matrix and itself', () => {
    const cells = [cell([check('allowed')]), cell([check('explicit-deny')], { model: 'other' })];
    const diff = diffOf(cells, cells);
    expect(diff.rows).toEqual([]);
    expect(diff.summary.unchanged).toBe(2);
    expect(diffFails(diff, ['any'])).toBe(false);
  });

  it('allowed → explicit deny is access lost, with the denying SCP statement and the new message', () => {
    const row = onlyRow(cell([check('allowed')]), cell([check('explicit-deny')]));
    expect(row.changes).toEqual(['lost']);
    expect(row.checks).toHaveLength(1);
    expect(row.checks[0]).toMatchObject({ change: 'lost', old: { decision: 'allowed' } });
    expect(row.checks[0]!.new).toMatchObject({ decision: 'explicit-deny', deniedBy: 'scp', deniedAtLevel: 'Root' });
    expect(row.checks[0]!.new!.deciding.map((s) => s.sid)).toEqual(['DenyRegions']);
  });

  it('denied → allowed is access gained', () => {
    expect(onlyRow(cell([check('implicit-deny')]), cell([check('allowed')])).changes).toEqual(['gained']);
  });

  // Fail closed: a conditional decision is neither allowed nor denied, so a move to or from it is a possible change.
  it.each([
    ['allowed', 'conditional', 'possibly-lost'],
    ['conditional', 'implicit-deny', 'possibly-lost'],
    ['conditional', 'explicit-deny', 'possibly-lost'],
    ['implicit-deny', 'conditional', 'possibly-gained'],
    ['conditional', 'allowed', 'possibly-gained'],
  ] as const)('%s → %s is %s', (from, to, expected) => {
    const row = onlyRow(cell([check(from)]), cell([check(to)]));
    expect(row.changes).toEqual([expected]);
    expect(row.checks[0]!.change).toBe(expected);
  });

  it('allowed → incomplete (a policy could not be read) is possibly lost: the checks are conditional', () => {
    const row = onlyRow(cell([check('allowed')]), cell([check('conditional')], { verdict: 'incomplete' }));
    expect(row.changes).toEqual(['possibly-lost']);
  });

  it('an implicit deny in an incomplete cell is uncertain: the unread policy may allow it', () => {
    const after = cell([check('implicit-deny')], { verdict: 'incomplete' });
    const row = onlyRow(cell([check('allowed')]), after);
    expect(row.changes).toEqual(['possibly-lost']);
    expect(row.checks[0]!.change).toBe('possibly-lost');
    expect(onlyRow(after, cell([check('allowed')])).changes).toEqual(['possibly-gained']);
  });

  it('even an allowed check is uncertain in an incomplete cell: something could not be evaluated', () => {
    const row = onlyRow(cell([check('allowed')]), cell([check('allowed')], { verdict: 'incomplete' }));
    expect(row.changes).toEqual(['possibly-lost']);
  });

  it('an explicit deny in an incomplete cell stands: allowed → it is lost', () => {
    const row = onlyRow(cell([check('allowed')]), cell([check('explicit-deny')], { verdict: 'denied' }));
    expect(row.changes).toEqual(['lost']);
  });

  it('an allowed verdict whose call fails (an error finding) counts as denied', () => {
    const failing = cell([check('allowed')], { findings: [END_OF_LIFE] });
    const lost = onlyRow(cell([check('allowed')]), failing);
    expect(lost.changes).toEqual(['lost']);
    expect(lost.new).toMatchObject({ verdict: 'allowed', fails: true });
    expect(lost.checks).toEqual([]);
    expect(onlyRow(failing, cell([check('allowed')])).changes).toEqual(['gained']);
  });

  it('a warning finding does not make the call fail', () => {
    const warned = cell([check('allowed')], { findings: [{ ...END_OF_LIFE, severity: 'warning' }] });
    expect(onlyRow(cell([check('allowed')]), warned).changes).toEqual(['cause-changed']);
  });

  it('one check gained inside a cell that stays denied is access gained', () => {
    const before = cell([check('implicit-deny'), check('implicit-deny', STREAM)]);
    const after = cell([check('allowed'), check('implicit-deny', STREAM)]);
    const row = onlyRow(before, after);
    expect(row.changes).toEqual(['gained']);
    expect(row.checks.map((c) => [c.action, c.change])).toEqual([['bedrock:InvokeModel', 'gained']]);
  });

  it('a check lost and another gained give both kinds, most severe first', () => {
    const before = cell([check('allowed'), check('implicit-deny', STREAM)]);
    const after = cell([check('implicit-deny'), check('allowed', STREAM)]);
    expect(onlyRow(before, after).changes).toEqual(['lost', 'gained']);
  });
});

describe('diffMatrices: cause', () => {
  it('another denying policy type is a cause change, not a loss', () => {
    const row = onlyRow(cell([check('explicit-deny')]), cell([check('implicit-deny')]));
    expect(row.changes).toEqual(['cause-changed']);
    expect(row.checks[0]!.change).toBe('cause-changed');
  });

  it('another deciding statement (Sid) is a cause change', () => {
    const other = check('explicit-deny', {
      statements: [statement({ policyType: 'scp', level: 'Root', sid: 'DenyOther', effect: 'Deny' })],
    });
    expect(onlyRow(cell([check('explicit-deny')]), cell([other])).changes).toEqual(['cause-changed']);
  });

  it('another message alone is a cause change', () => {
    const other = check('implicit-deny', { message: 'User: … because no session policy allows it' });
    expect(onlyRow(cell([check('implicit-deny')]), cell([other])).changes).toEqual(['cause-changed']);
  });

  it('another condition is a cause change', () => {
    const base = check('conditional');
    const other = check('conditional', {
      conditions: [{ ...base.conditions![0]!, kind: 'deny-if' }],
    });
    expect(onlyRow(cell([base]), cell([other])).changes).toEqual(['cause-changed']);
  });

  it('the same statement on another line or in another file is no change: snapshots are two files', () => {
    const moved = check('explicit-deny', {
      statements: [
        check('explicit-deny').statements.map(
          (s) => ({ ...s, file: 'new/snapshot.json', line: 90 }) as DiffableStatement,
        )[0]!,
      ],
    });
    expect(diffOf([cell([check('explicit-deny')])], [cell([moved])]).rows).toEqual([]);
  });

  it('a built-in statement is the same statement with or without the fake file of older reports', () => {
    // A conditional SCP gate whose pending statement is the assumed FullAWSAccess, as a report before the
    // builtIn change wrote it (its name as file) and as it writes it now (no file, no line).
    const builtIn = statement({
      policyType: 'scp',
      policyName: 'FullAWSAccess',
      policyArn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
      level: 'Root',
      sid: null,
      conditional: true,
      file: undefined,
      line: undefined,
      builtIn: true,
    });
    const before = { ...builtIn, file: 'FullAWSAccess', line: 1 } as unknown as DiffableStatement;
    const after = check('conditional', { statements: [builtIn] });
    expect(diffOf([cell([check('conditional', { statements: [before] })])], [cell([after])]).rows).toEqual([]);
    const other = statement({ ...builtIn, sid: 'Other' } as Partial<DiffableStatement>);
    expect(onlyRow(cell([after]), cell([check('conditional', { statements: [other] })])).changes).toEqual([
      'cause-changed',
    ]);
  });

  it('which Allow grants an allowed check does not matter', () => {
    const other = check('allowed', { statements: [statement({ sid: 'Other', policyName: 'other.json' })] });
    expect(diffOf([cell([check('allowed')])], [cell([other])]).rows).toEqual([]);
  });

  it('a check only on one side, same verdict, is a cause change listed as added or removed', () => {
    const row = onlyRow(cell([check('allowed')]), cell([check('allowed'), check('allowed', STREAM)]));
    expect(row.changes).toEqual(['cause-changed']);
    expect(row.checks.map((c) => c.change)).toEqual(['added']);
  });
});

describe('diffMatrices: cells on one side only', () => {
  const other = (verdictCell: DiffableCell) => ({ ...verdictCell, principal: `${ROLE}2` });

  it.each([
    ['allowed', ['gained', 'added']],
    ['conditional', ['possibly-gained', 'added']],
    ['implicit-deny', ['added']],
  ] as const)('a %s cell only in NEW is %j', (decision, changes) => {
    const diff = diffOf([], [cell([check(decision)])]);
    expect(diff.rows[0]).toMatchObject({ changes, old: null });
    expect(diff.rows[0]!.checks.every((c) => c.change === 'added')).toBe(true);
  });

  it.each([
    ['allowed', ['lost', 'removed']],
    ['conditional', ['possibly-lost', 'removed']],
    ['explicit-deny', ['removed']],
  ] as const)('a %s cell only in OLD is %j', (decision, changes) => {
    expect(diffOf([cell([check(decision)])], []).rows[0]).toMatchObject({ changes, new: null });
  });

  it('sorts rows by principal, model, Region and counts each kind', () => {
    const a = cell([check('allowed')]);
    const diff = diffOf(
      [other(a), a, { ...a, model: 'z-model' }],
      [{ ...a, region: 'us-west-2' }, cell([check('implicit-deny')], { principal: `${ROLE}2` })],
    );
    expect(diff.rows.map((row) => [row.principal, row.model, row.region, row.changes])).toEqual([
      [ROLE, NOVA, 'us-east-1', ['lost', 'removed']],
      [ROLE, NOVA, 'us-west-2', ['gained', 'added']],
      [ROLE, 'z-model', 'us-east-1', ['lost', 'removed']],
      [`${ROLE}2`, NOVA, 'us-east-1', ['lost']],
    ]);
    expect(diff.summary).toEqual({
      lost: 3,
      'possibly-lost': 0,
      gained: 1,
      'possibly-gained': 0,
      'cause-changed': 0,
      added: 1,
      removed: 2,
      unchanged: 0,
    });
  });

  it('refuses a matrix holding the same cell twice instead of picking one', () => {
    const a = cell([check('allowed')]);
    expect(() => diffOf([a, a], [a])).toThrow(/twice/);
  });
});

describe('diffMatrices: notes', () => {
  it('says when the catalogs, extracts, assumptions, models or Regions differ', () => {
    const a = cell([check('allowed')]);
    const diff = diffMatrices(
      matrixOf([a], {
        catalogDate: '2026-01-01',
        assumptions: ['x'],
        managedPolicyExtractDates: ['2026-01-02'],
        toolVersion: '0.1.0',
      }),
      matrixOf([{ ...a, region: 'eu-west-1', model: 'm2' }], {
        catalogDate: '2026-05-01',
        assumptions: ['y'],
        managedPolicyExtractDates: ['2026-05-02'],
        toolVersion: '0.2.0',
      }),
    );
    expect(renderCliHints(diff.notes)).toEqual([
      'OLD used the Bedrock model catalog dated 2026-01-01, NEW the one dated 2026-05-01: model and Region changes may come from the catalog, not the policies',
      'OLD was made by policy-check 0.1.0, NEW by 0.2.0: a change in the analysis can change verdicts too',
      'OLD used the AWS managed policy extract dated 2026-01-02, NEW the one dated 2026-05-02: changes in AWS managed policies may come from the extract, not the account',
      'only OLD assumed: x',
      'only NEW assumed: y',
      `models only in OLD (their cells are removed rows): ${NOVA}`,
      'Regions only in OLD (their cells are removed rows): us-east-1',
      'models only in NEW (their cells are added rows): m2',
      'Regions only in NEW (their cells are added rows): eu-west-1',
    ]);
  });

  it('says nothing when the runs agree', () => {
    const cells = [cell([check('allowed')])];
    expect(diffOf(cells, cells).notes).toEqual([]);
  });
});

describe('diffFails', () => {
  const lost = diffOf([cell([check('allowed')])], [cell([check('conditional')])]);
  const gained = diffOf([cell([check('implicit-deny')])], [cell([check('conditional')])]);
  const cause = diffOf([cell([check('explicit-deny')])], [cell([check('implicit-deny')])]);

  it('--fail-on lost counts possibly lost; gained counts possibly gained', () => {
    expect([diffFails(lost, ['lost']), diffFails(lost, ['gained'])]).toEqual([true, false]);
    expect([diffFails(gained, ['lost']), diffFails(gained, ['gained'])]).toEqual([false, true]);
  });

  it('any counts a cause change; none nothing', () => {
    expect([diffFails(cause, ['lost', 'gained']), diffFails(cause, ['any']), diffFails(lost, ['none'])]).toEqual([
      false,
      true,
      false,
    ]);
  });
});
