import { wildcardMatch } from '../../engine/wildcard.js';
import {
  cellReport,
  message as iacMessage,
  type IacFindingCode,
  type Message,
  type AccessMatrix,
  type CheckEntry,
  type CheckReport,
  type IacPrincipalRef,
  type MatrixCell,
  isLocated,
  type LocatedReportStatement,
  type Span,
} from '../../model/index.js';
import type { IacRuleFinding } from './rule.js';

/** `role/<name>` or `user/<name>` of a matrix principal ARN: the key the repository's principals go by. */
export function principalKey(type: 'user' | 'role', arn: string): string {
  return `${type}/${arn.slice(arn.lastIndexOf('/') + 1)}`;
}

/** Every cell of the matrices with its own report. */
export function* cellsWithReports(
  matrices: readonly AccessMatrix[],
): Generator<{ cell: MatrixCell; report: CheckReport; key: string }> {
  for (const matrix of matrices)
    for (const cell of matrix.cells)
      yield { cell, report: cellReport(matrix, cell), key: principalKey(cell.principalType, cell.principal) };
}

/** A statement as a finding names it: its Sid, else its policy's name. */
export function statementName(statement: { readonly sid: string | null; readonly policyName: string }): string {
  return statement.sid ? `${statement.policyName}#${statement.sid}` : statement.policyName;
}

/** The Allow statements of the principal's own identity policies that decided a check (not the built-in ones). */
export function identityAllowsOf(check: CheckEntry): LocatedReportStatement[] {
  return check.statements
    .filter(isLocated)
    .filter((statement) => statement.effect === 'Allow' && statement.policyType === 'identity');
}

/**
 * Findings at the statements they are about, one per key: the same gap, met through several cells (both invoke
 * actions, every model a grant covers), is reported once.
 */
export class StatementFindings {
  private readonly byKey = new Map<string, IacRuleFinding>();

  add(key: string, statement: LocatedReportStatement, message: Message<IacFindingCode>): void {
    if (this.byKey.has(key)) return;
    this.byKey.set(key, {
      file: statement.file,
      line: statement.line,
      column: statement.column,
      address: statement.policyName,
      statement: statementName(statement),
      message,
    });
  }

  list(): IacRuleFinding[] {
    return [...this.byKey.values()];
  }
}

/** Whether a principal of the config (Terraform address, logical id, or role/user name; `*` and `?` as globs) names it. */
export function principalMatches(pattern: string, principal: IacPrincipalRef): boolean {
  return [principal.address, principal.name, principal.key].some((text) => wildcardMatch(pattern, text));
}

/** A principal of `expect:` or `code:` that names no user or role of the repository, at its entry. */
export function unmatchedPrincipal(key: 'expect' | 'code', pattern: string, span: Span): IacRuleFinding {
  return {
    file: span.file,
    line: span.line,
    column: span.column,
    message: iacMessage('principal-unmatched', { key, pattern }),
    address: pattern,
  };
}
