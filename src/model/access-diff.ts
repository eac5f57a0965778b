import type {
  CallOptions,
  CheckEntry,
  ReportClause,
  ReportCondition,
  ReportStatement,
  Verdict,
} from './check-report.js';
import type { DecisionKind } from './decision.js';
import type { Severity } from './finding.js';
import type { Note } from './notes.js';
import type { PolicyType } from './policy.js';

/**
 * The part of a finding the diff compares: which documented failure, how severe, and the error AWS
 * would return (a finding of a matrix cell, as `--format json` writes it).
 */
export interface DiffableFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly title: string;
  readonly predictedError?: { readonly exception: string; readonly message: string };
}

/**
 * A matched statement, as much of it as the diff reads (a report statement has this shape): at its file and
 * line, or `builtIn` with neither (a report from before that had `file` and `line` there too: they are dropped).
 */
export type DiffableStatement = Pick<
  ReportStatement,
  'policyType' | 'policyName' | 'policyArn' | 'level' | 'sid' | 'effect' | 'conditional'
> &
  DiffPlace;

/** Where a statement the diff names is written, for people; not compared. */
export type DiffPlace =
  | { readonly file: string; readonly line: number; readonly builtIn?: never }
  | { readonly builtIn: true; readonly file?: never; readonly line?: never };

/** A conditional decision's condition, as much of it as the diff reads. */
export interface DiffableCondition extends Pick<ReportCondition, 'kind' | 'policyType' | 'level'> {
  readonly alternatives: readonly {
    readonly statement: DiffableStatement;
    readonly clauses: readonly Pick<ReportClause, 'operator' | 'key' | 'values'>[];
  }[];
}

/** One check (action on resource) of a cell, as much of it as the diff reads (a `CheckEntry` has this shape). */
export interface DiffableCheck
  extends Pick<
    CheckEntry,
    'action' | 'resource' | 'requestedRegion' | 'decision' | 'deniedBy' | 'deniedAtLevel' | 'message'
  > {
  readonly statements: readonly DiffableStatement[];
  readonly conditions?: readonly DiffableCondition[];
  readonly possibleOutcomes?: readonly { readonly message: string }[];
}

/**
 * One principal × model cell of an access matrix, as much of it as the diff reads: the JSON report's
 * `matrix[]` entry (schemas/matrix.schema.json) and the in-memory matrix both have this shape.
 */
export interface DiffableCell<F = DiffableFinding> {
  readonly principal: string;
  readonly principalType: string;
  readonly model: string;
  readonly region: string;
  readonly verdict: Verdict;
  readonly checks: readonly DiffableCheck[];
  readonly findings: readonly F[];
}

/**
 * A matrix's cells read one at a time, by index: a large account's (200,000 cells with their checks) do not all
 * fit in memory at once, so a matrix computed in this run gives each cell when the diff asks for it.
 */
export interface DiffableCells<F = DiffableFinding> {
  /** What identifies each cell (principal × model × Region), in the order of `cell`'s indices. */
  readonly keys: readonly Pick<DiffableCell, 'principal' | 'model' | 'region'>[];
  cell(index: number): DiffableCell<F>;
}

/** What the diff compares: a matrix whose cells are listed (a report read), or given one at a time (computed). */
export type DiffInput = Omit<DiffableMatrix, 'matrix'> & { readonly matrix: DiffableMatrix['matrix'] | DiffableCells };

/** The cells of a matrix, read one at a time. */
export function diffableCells(cells: DiffInput['matrix']): DiffableCells {
  return isCellList(cells) ? { keys: cells, cell: (index) => cells[index]! } : cells;
}

function isCellList(cells: DiffInput['matrix']): cells is DiffableMatrix['matrix'] {
  return Array.isArray(cells);
}

/** An access matrix as the diff reads it. */
export interface DiffableMatrix<A = string, N = string, F = DiffableFinding> {
  /** As words, or for a matrix computed in this run, findings that may still be data (`Finding`). */
  readonly matrix: readonly DiffableCell<F>[];
  /** As words: the report's, or for a matrix computed in this run, its messages until a front end words them. */
  readonly assumptions: readonly A[];
  readonly notes: readonly N[];
  /** The Bedrock model catalog date the matrix was computed with, when it says. */
  readonly catalogDate?: string;
  /** The policy-check version that made the matrix, when it says. */
  readonly toolVersion?: string;
  /** The dates of the AWS managed policy extracts used for ARNs the snapshots did not include, when it says. */
  readonly managedPolicyExtractDates?: readonly string[];
  /** How every call of the matrix was made (its `auth`, `guardrail`, `serviceTier`, `operations`); absent: none given. */
  readonly callOptions?: CallOptions;
}

/**
 * What changed for one principal × model (or one check of it), most severe first:
 * - `lost` / `gained`: allowed → denied / denied → allowed (an allowed verdict whose call fails all the same,
 *   with an error finding such as a model not offered in the Region, counts as denied);
 * - `possibly-lost`: allowed → conditional or incomplete, or conditional/incomplete → denied (it may have
 *   been allowed before); `possibly-gained`: the reverse. A conditional or incomplete side is never read
 *   as allowed nor as denied;
 * - `cause-changed`: the same access, for another reason (another denying policy type or level,
 *   deciding statement, message, condition, finding, or checks added or removed);
 * - `added` / `removed`: the principal × model is only in NEW / only in OLD.
 */
export type AccessChangeKind =
  | 'lost'
  | 'possibly-lost'
  | 'gained'
  | 'possibly-gained'
  | 'cause-changed'
  | 'added'
  | 'removed';

export const ACCESS_CHANGE_KINDS: readonly AccessChangeKind[] = [
  'lost',
  'possibly-lost',
  'gained',
  'possibly-gained',
  'cause-changed',
  'added',
  'removed',
];

/**
 * A statement as the diff identifies it: by policy and Sid, not by file and line (which move between snapshots),
 * nor by whether it is built in. Where it is written in the side it comes from (`DiffPlace`) is for people.
 */
export type DiffStatement = {
  readonly policyType: PolicyType;
  readonly policyName: string;
  readonly policyArn?: string;
  readonly level?: string;
  readonly sid: string | null;
  readonly effect: 'Allow' | 'Deny';
} & DiffPlace;

/** One check (action on resource) on one side. */
export interface CheckState {
  readonly decision: DecisionKind;
  readonly deniedBy: PolicyType | null;
  readonly deniedAtLevel: string | null;
  readonly message: string | null;
  /** The statements that decided it: the Denies of an explicit deny, the statements a conditional decision hangs on. */
  readonly deciding: readonly DiffStatement[];
  /** A conditional decision's conditions, one line each ("identity allows if aws:SourceIp IpAddress 203.0.113.0/24"). */
  readonly conditions: readonly string[];
  /** A denial whose error depends on unknown context: each possible message. */
  readonly possibleMessages: readonly string[];
}

export interface CheckChange {
  readonly action: string;
  readonly resource: string;
  readonly requestedRegion: string;
  readonly change: AccessChangeKind;
  readonly old: CheckState | null;
  readonly new: CheckState | null;
}

export interface CellState {
  readonly verdict: Verdict;
  /** Allowed, but the call fails all the same: an error finding such as a model not offered in the Region. */
  readonly fails: boolean;
  /** Error and warning findings: rule and the error AWS would return (or the title). */
  readonly findings: readonly string[];
}

/** One principal × model × Region that differs between OLD and NEW. */
export interface AccessDiffRow {
  readonly principal: string;
  readonly principalType: string;
  readonly model: string;
  readonly region: string;
  /** Every kind of change the row shows, most severe first; never empty. */
  readonly changes: readonly AccessChangeKind[];
  readonly old: CellState | null;
  readonly new: CellState | null;
  /** The checks that differ, sorted by action, resource, requested Region. */
  readonly checks: readonly CheckChange[];
}

export type AccessDiffSummary = Readonly<Record<AccessChangeKind | 'unchanged', number>>;

export interface AccessDiff {
  /** Sorted by principal, model, Region. */
  readonly rows: readonly AccessDiffRow[];
  /** Rows per kind of change (a row with several kinds counts under each), and the cells that did not change. */
  readonly summary: AccessDiffSummary;
  /** What may explain differences besides the policies (different assumptions, catalog dates, Regions). */
  readonly notes: readonly Note[];
}

/** `--fail-on`: which changes make the diff exit 1. */
export type DiffFailOn = 'lost' | 'gained' | 'any' | 'none';

export const DIFF_FAIL_ON: readonly DiffFailOn[] = ['lost', 'gained', 'any', 'none'];

/** The change kinds each `--fail-on` value fails on: a possible change counts, as fail-closed asks. */
export const FAIL_ON_KINDS: Readonly<Record<DiffFailOn, readonly AccessChangeKind[]>> = {
  lost: ['lost', 'possibly-lost'],
  gained: ['gained', 'possibly-gained'],
  any: ACCESS_CHANGE_KINDS,
  none: [],
};

/** The JSON report of `policy-check diff` (schemas/diff.schema.json). */
export interface AccessDiffReport extends AccessDiff {
  readonly schemaVersion: 1;
  readonly kind: 'diff';
  readonly tool: { readonly name: 'policy-check'; readonly version: string };
  readonly old: { readonly file: string };
  readonly new: { readonly file: string };
  readonly failOn: readonly DiffFailOn[];
  /** True when a change of a `failOn` kind is present: the exit code is then 1. */
  readonly fails: boolean;
}
