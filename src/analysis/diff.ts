import {
  ACCESS_CHANGE_KINDS,
  FAIL_ON_KINDS,
  message,
  type AccessChangeKind,
  type AccessDiff,
  type AccessDiffRow,
  type CheckChange,
  diffableCells,
  type DiffableCell,
  type DiffableCells,
  type DiffableCheck,
  type DiffInput,
  type DiffFailOn,
  type Note,
} from '../model/index.js';
import {
  type AccessLevel,
  cellAccess,
  cellState,
  checkAccess,
  checkState,
  compareText,
  sameCheckCause,
  sameList,
} from './diff-states.js';
import { callOptionNotes } from './diff-call-options.js';

/**
 * Which principals gained or lost access to which models between two access matrices, per principal ×
 * model × Region and per check (action on resource) inside it. Pure: the same matrices give the same
 * diff, sorted by principal, model, Region. Matrices from any source (matrix JSON reports, snapshots
 * analysed by the matrix) compare alike.
 */
export function diffMatrices(oldMatrix: DiffInput, newMatrix: DiffInput): AccessDiff {
  const oldCells = diffableCells(oldMatrix.matrix);
  const newCells = diffableCells(newMatrix.matrix);
  const oldIndex = indexByKey(oldCells);
  const newIndex = indexByKey(newCells);
  const keys = [...new Set([...oldIndex.keys(), ...newIndex.keys()])].sort(compareText);
  const rows: AccessDiffRow[] = [];
  let unchanged = 0;
  for (const key of keys) {
    // One cell of each side at a time: a computed matrix makes each when asked, and it is dropped after.
    const before = oldIndex.get(key);
    const after = newIndex.get(key);
    const row = diffCell(
      before === undefined ? undefined : oldCells.cell(before),
      after === undefined ? undefined : newCells.cell(after),
    );
    if (row) rows.push(row);
    else unchanged++;
  }
  const summary = Object.fromEntries([
    ...ACCESS_CHANGE_KINDS.map((kind) => [kind, rows.filter((row) => row.changes.includes(kind)).length] as const),
    ['unchanged', unchanged] as const,
  ]) as AccessDiff['summary'];
  return { rows, summary, notes: notesOn(oldMatrix, newMatrix, oldCells, newCells) };
}

/** Whether the diff holds a change `--fail-on` names (exit code 1). */
export function diffFails(diff: AccessDiff, failOn: readonly DiffFailOn[]): boolean {
  const kinds = new Set(failOn.flatMap((value) => FAIL_ON_KINDS[value]));
  return diff.rows.some((row) => row.changes.some((kind) => kinds.has(kind)));
}

function cellKey(cell: { principal: string; model: string; region: string }): string {
  return [cell.principal, cell.model, cell.region].join('\u0000');
}

function indexByKey(cells: DiffableCells): Map<string, number> {
  const byKey = new Map<string, number>();
  cells.keys.forEach((cell, index) => {
    const key = cellKey(cell);
    // The readers refuse a matrix with a duplicated cell; a caller passing one gets no silent choice.
    if (byKey.has(key)) throw new Error(`the matrix holds ${cell.principal} × ${cell.model} in ${cell.region} twice`);
    byKey.set(key, index);
  });
  return byKey;
}

/** The change from one access level to another; undefined when the access is the same. */
function accessChange(from: AccessLevel, to: AccessLevel): AccessChangeKind | undefined {
  if (from === to) return undefined;
  if (from === 'allowed') return to === 'denied' ? 'lost' : 'possibly-lost';
  if (from === 'denied') return to === 'allowed' ? 'gained' : 'possibly-gained';
  // From uncertain: it may have been either before.
  return to === 'allowed' ? 'possibly-gained' : 'possibly-lost';
}

/** What a cell present on one side only means for access: a new principal that can invoke gained it. */
function presenceChange(cell: DiffableCell, side: 'added' | 'removed'): AccessChangeKind[] {
  const access = cellAccess(cell);
  const change = side === 'added' ? accessChange('denied', access) : accessChange(access, 'denied');
  return change ? [change, side] : [side];
}

function diffCell(oldCell: DiffableCell | undefined, newCell: DiffableCell | undefined): AccessDiffRow | undefined {
  const cell = newCell ?? oldCell;
  if (!cell) return undefined;
  const checks = diffChecks(oldCell, newCell);
  const kinds = new Set<AccessChangeKind>();
  if (!oldCell && newCell) for (const kind of presenceChange(newCell, 'added')) kinds.add(kind);
  else if (oldCell && !newCell) for (const kind of presenceChange(oldCell, 'removed')) kinds.add(kind);
  else if (oldCell && newCell) {
    const change = accessChange(cellAccess(oldCell), cellAccess(newCell));
    if (change) kinds.add(change);
    // A check that gains or loses access inside a cell whose verdict stays (InvokeModel allowed now,
    // streaming still denied) is access gained or lost all the same.
    for (const check of checks) if (check.change !== 'added' && check.change !== 'removed') kinds.add(check.change);
    const causeMoved =
      oldCell.verdict !== newCell.verdict ||
      checks.length > 0 ||
      !sameList(cellState(oldCell).findings, cellState(newCell).findings);
    // The cause is a change of its own only when the access stayed: a loss already says more.
    const accessMoved = [...kinds].some((kind) => kind !== 'cause-changed');
    if (accessMoved) kinds.delete('cause-changed');
    else if (causeMoved) kinds.add('cause-changed');
  }
  if (kinds.size === 0) return undefined;
  return {
    principal: cell.principal,
    principalType: cell.principalType,
    model: cell.model,
    region: cell.region,
    changes: ACCESS_CHANGE_KINDS.filter((kind) => kinds.has(kind)),
    old: oldCell ? cellState(oldCell) : null,
    new: newCell ? cellState(newCell) : null,
    checks,
  };
}

function checkKey(check: DiffableCheck): string {
  return [check.action, check.resource, check.requestedRegion].join('\u0000');
}

function checksByKey(checks: readonly DiffableCheck[]): Map<string, DiffableCheck> {
  const byKey = new Map<string, DiffableCheck>();
  for (const check of checks) {
    const key = checkKey(check);
    if (byKey.has(key))
      throw new Error(
        `a matrix cell holds the check ${check.action} on ${check.resource} (${check.requestedRegion}) twice`,
      );
    byKey.set(key, check);
  }
  return byKey;
}

/** The checks that differ, sorted by action, resource, requested Region. */
function diffChecks(oldCell: DiffableCell | undefined, newCell: DiffableCell | undefined): CheckChange[] {
  const before = checksByKey(oldCell?.checks ?? []);
  const after = checksByKey(newCell?.checks ?? []);
  const changes: CheckChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort(compareText)) {
    const oldCheck = before.get(key);
    const newCheck = after.get(key);
    const check = (newCheck ?? oldCheck)!;
    const oldState = oldCheck ? checkState(oldCheck) : null;
    const newState = newCheck ? checkState(newCheck) : null;
    let change: AccessChangeKind | undefined;
    if (!oldState) change = 'added';
    else if (!newState) change = 'removed';
    else
      change =
        accessChange(
          checkAccess(oldState.decision, oldCell!.verdict),
          checkAccess(newState.decision, newCell!.verdict),
        ) ?? (sameCheckCause(oldState, newState) ? undefined : 'cause-changed');
    if (change === undefined) continue;
    changes.push({
      action: check.action,
      resource: check.resource,
      requestedRegion: check.requestedRegion,
      change,
      old: oldState,
      new: newState,
    });
  }
  return changes;
}

/** Differences between the two runs that can change verdicts without any policy changing. */
function notesOn(oldMatrix: DiffInput, newMatrix: DiffInput, oldCells: DiffableCells, newCells: DiffableCells): Note[] {
  const notes: Note[] = [...callOptionNotes(oldMatrix.callOptions, newMatrix.callOptions)];
  if (oldMatrix.catalogDate !== newMatrix.catalogDate && oldMatrix.catalogDate && newMatrix.catalogDate)
    notes.push(message('diff-catalog-dates', { old: oldMatrix.catalogDate, new: newMatrix.catalogDate }));
  if (oldMatrix.toolVersion && newMatrix.toolVersion && oldMatrix.toolVersion !== newMatrix.toolVersion)
    notes.push(message('diff-tool-versions', { old: oldMatrix.toolVersion, new: newMatrix.toolVersion }));
  const oldExtracts = (oldMatrix.managedPolicyExtractDates ?? []).join(', ');
  const newExtracts = (newMatrix.managedPolicyExtractDates ?? []).join(', ');
  if (oldExtracts && newExtracts && oldExtracts !== newExtracts)
    notes.push(message('diff-extract-dates', { old: oldExtracts, new: newExtracts }));
  for (const [only, mine, theirs] of [
    ['OLD', oldMatrix.assumptions, newMatrix.assumptions],
    ['NEW', newMatrix.assumptions, oldMatrix.assumptions],
  ] as const) {
    for (const assumption of [...new Set(mine)].sort(compareText))
      if (!theirs.includes(assumption)) notes.push(message('diff-assumed-only', { side: only, assumption }));
  }
  for (const [only, mine, theirs] of [
    ['OLD', oldCells.keys, newCells.keys],
    ['NEW', newCells.keys, oldCells.keys],
  ] as const) {
    for (const dimension of ['model', 'region'] as const) {
      const present = new Set(theirs.map((cell) => cell[dimension]));
      const missing = [...new Set(mine.map((cell) => cell[dimension]))].filter((value) => !present.has(value));
      if (missing.length > 0)
        notes.push(message('diff-only-in', { side: only, dimension, values: missing.sort(compareText) }));
    }
  }
  return notes;
}
