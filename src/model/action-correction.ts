/**
 * An action in a policy statement that names no IAM action, with the action IAM has that it most likely
 * meant. The fix planner tries the correction before anything else: when it alone lets the denied calls
 * through, correcting the typo is the fix, not a new statement.
 */
export interface ActionCorrection {
  readonly file: string;
  /**
   * The policy's id when its file holds many policies (a snapshot), where file and statement index alone
   * would name a statement of every policy in it.
   */
  readonly policyId?: string;
  /** 0-based index of the statement in its policy. */
  readonly statementIndex: number;
  /** Where the misspelt action is written. */
  readonly line: number;
  readonly column: number;
  readonly from: string;
  readonly to: string;
}
