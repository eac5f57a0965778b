import { cellReport, type AccessMatrix, type CheckReport, type MatrixCell } from '../../model/index.js';

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
