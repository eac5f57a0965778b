import type { CallOptions, CheckReport, Verdict } from './check-report.js';
import type { Finding, FindingCode, Fix, Severity } from './finding.js';
import type { InputIssue } from './input-issue.js';
import type { Message } from './message.js';
import type { Assumption, Note, Unresolved } from './notes.js';
import type { RuleId } from './rule-id.js';

/** A principal of the matrix: an IAM user or role of the account. */
export interface MatrixPrincipal {
  readonly arn: string;
  readonly name: string;
  readonly type: 'user' | 'role';
  /** The caller as AWS prints it in an AccessDenied message (a role as its session). */
  readonly displayArn: string;
}

/**
 * One principal × model. The evaluation is shared: every principal whose effective policies (and the
 * principal keys those policies read) are the same points at one `MatrixResult`; `cellReport` gives the
 * cell's own report, with this principal in every message.
 */
export interface MatrixCell {
  readonly principal: string;
  readonly principalType: 'user' | 'role';
  readonly model: string;
  readonly region: string;
  readonly verdict: Verdict;
  /** The principal shown as allowed but stopped by an error finding (a model not offered, …): ✗ in tables. */
  readonly fails: boolean;
  /** Index into `AccessMatrix.results`. */
  readonly result: number;
  /** Indexes into `AccessMatrix.causes` of the causes this cell's findings belong to. */
  readonly causes: readonly number[];
}

/** One evaluation and diagnosis, for its representative principal; shared by the cells of its group. */
export interface MatrixResult {
  readonly report: CheckReport;
  /** The principal the report was computed for (its `displayArn` is in the report's messages). */
  readonly displayArn: string;
}

/** A fix of a cause: one change to one policy, however many principals and cells it serves. */
export interface MatrixFix {
  readonly fix: Fix;
  /** The principals whose checks this change fixes (sorted). */
  readonly principals: readonly string[];
}

/**
 * One distinct cause: the same finding (rule, title, cause, checks) for one model across every principal
 * it applies to, with one fix per policy that must change — a managed policy attached to 300 roles is
 * fixed once.
 */
export interface MatrixCause {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** The finding's message, its principal parameters naming the first principal (report/words/ words it). */
  readonly message?: Message<FindingCode>;
  /** The finding's words where its rule does not give `message` yet. */
  readonly title?: string;
  readonly model: string;
  readonly region: string;
  readonly cause?: string;
  /** The error AWS returns, for the first principal; each principal's own message names it instead. */
  readonly predictedError?: { readonly exception: string; readonly message: string };
  readonly checks: readonly string[];
  readonly principals: readonly string[];
  readonly fixes: readonly MatrixFix[];
  readonly alternatives?: Finding['alternatives'];
}

/** `CallOptions`: how every call of the matrix is made, each field present only when given. */
export interface AccessMatrix extends CallOptions {
  readonly schemaVersion: 1;
  readonly kind: 'matrix';
  readonly tool: { readonly name: 'policy-check'; readonly version: string };
  readonly catalogDate: string;
  /** The accounts the principals belong to, as given. */
  readonly accounts: readonly {
    readonly id: string;
    readonly partition: string;
    readonly organizationId?: string;
    /** The file read, or the kind of source. */
    readonly source: string;
    readonly managedPolicyExtract?: { readonly date: string; readonly source: string };
  }[];
  readonly region: string;
  readonly actions: readonly string[];
  /** The models of the matrix, in the order given; and where the list came from. */
  readonly models: readonly string[];
  readonly modelsFrom: 'option' | 'snapshot' | 'default';
  readonly principals: readonly MatrixPrincipal[];
  /** Sorted by principal ARN, then model as listed. */
  readonly cells: readonly MatrixCell[];
  readonly results: readonly MatrixResult[];
  /** Sorted: errors first, then by model, rule, number of principals (most first), cause. */
  readonly causes: readonly MatrixCause[];
  readonly summary: {
    readonly cells: number;
    readonly allowed: number;
    /** Allowed by the policies but stopped by an error finding. */
    readonly fails: number;
    readonly denied: number;
    readonly conditional: number;
    readonly incomplete: number;
    /** Groups of principals with the same effective policies, each evaluated once per model. */
    readonly principalGroups: number;
    /** Check evaluations actually run (groups × models, plus principals a finding had to be re-run for). */
    readonly evaluations: number;
  };
  readonly unresolved: readonly Unresolved[];
  readonly assumptions: readonly Assumption[];
  readonly notes: readonly Note[];
  /**
   * Problems in the inputs that did not stop the scan (a misspelt action, a zero-width character, …), once
   * per policy however many principals carry it, sorted by file and line; absent when the caller gave none.
   */
  readonly warnings?: readonly InputIssue[];
}

/**
 * The cell's own report: its group's report with the cell's principal in place of the representative
 * wherever the caller's ARN is printed (messages, predicted errors). Groups are formed so that nothing
 * else in a report depends on which member it was computed for.
 */
export function cellReport(matrix: AccessMatrix, cell: MatrixCell): CheckReport {
  const result = matrix.results[cell.result]!;
  const displayArn = cellDisplayArn(matrix, cell);
  if (displayArn === result.displayArn) return result.report;
  return replacePrincipal(result.report, result.displayArn, displayArn);
}

/** The caller's ARN as AWS prints it for this cell's principal (its result's, for a principal the matrix does not list). */
export function cellDisplayArn(matrix: AccessMatrix, cell: MatrixCell): string {
  return displayArnsOf(matrix).get(cell.principal) ?? matrix.results[cell.result]!.displayArn;
}

// A matrix of 10,000 principals has 200,000 cells: each looks its principal up by ARN, not by a scan of the list.
const displayArns = new WeakMap<readonly MatrixPrincipal[], ReadonlyMap<string, string>>();

function displayArnsOf(matrix: AccessMatrix): ReadonlyMap<string, string> {
  let byArn = displayArns.get(matrix.principals);
  if (!byArn) {
    const map = new Map<string, string>();
    // The first principal of an ARN, as a search of the list would find.
    for (const principal of matrix.principals)
      if (!map.has(principal.arn)) map.set(principal.arn, principal.displayArn);
    byArn = map;
    displayArns.set(matrix.principals, byArn);
  }
  return byArn;
}

/** Characters that continue an ARN (or a pattern): the caller's ARN is replaced only where it ends. */
const ARN_CONTINUES = String.raw`[A-Za-z0-9+=,.@_\-/:*?$]`;

/** Every occurrence of the ARN `from` that is a whole ARN, replaced by `to`, in every string of `value`. */
export function replacePrincipal<T>(value: T, from: string, to: string): T {
  const pattern = principalPattern(from);
  // Copies only what holds the ARN, so a report without it is returned as is.
  const visit = (item: unknown): unknown => {
    if (typeof item === 'string') return item.includes(from) ? item.replace(pattern, () => to) : item;
    if (Array.isArray(item)) {
      const mapped = item.map(visit);
      return mapped.some((entry, index) => entry !== item[index]) ? mapped : item;
    }
    if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      const mapped = entries.map(([key, inner]) => [key, visit(inner)] as const);
      return mapped.some(([, inner], index) => inner !== entries[index]![1]) ? Object.fromEntries(mapped) : item;
    }
    return item;
  };
  return visit(value) as T;
}

/**
 * `replacePrincipal` on text (a report's JSON): the same rule, each whole occurrence of the ARN `from`. Equal to
 * replacing in each string of the value that was serialized only when the JSON has no `\\u` escape (an escape's
 * last hex digit could start a match) and no key holds `from`: the caller checks.
 */
export function replacePrincipalInText(text: string, from: string, to: string): string {
  return text.includes(from) ? text.replace(principalPattern(from), () => to) : text;
}

function principalPattern(from: string): RegExp {
  return new RegExp(`${escapeRegExp(from)}(?!${ARN_CONTINUES})`, 'g');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
