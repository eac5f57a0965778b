/**
 * A problem found in a file the user gave (a policy, an SCP-levels file, …). Errors make the input
 * unusable (exit code 2); warnings are reported but the input is still evaluated.
 */
export type IssueSeverity = 'error' | 'warning';

export interface InputIssue {
  readonly severity: IssueSeverity;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly message: string;
  /**
   * Stable, machine-readable kind of problem, e.g. `json-syntax`, `unknown-element`,
   * `invalid-condition-value`, `policy-too-large`.
   */
  readonly code: string;
}

export function formatInputIssue(issue: InputIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.severity}: ${issue.message}`;
}

export function hasErrors(issues: readonly InputIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

/** Sorted by file, line, column, then message, so output does not depend on check order. */
export function sortInputIssues(issues: readonly InputIssue[]): InputIssue[] {
  return [...issues].sort(
    (a, b) =>
      compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.message, b.message),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
