/**
 * Where a policy statement comes from. A policy read from a file has a file position; one read from a
 * snapshot or a live account has the policy ARN and a JSON pointer into the document; one found in an
 * IaC file has the line of the resource. A policy with no source (the root user's implicit full access,
 * an assumed FullAWSAccess) has no location at all: reports name it by its policy name or ARN.
 */
export type Location =
  | { readonly kind: 'file'; readonly file: string; readonly line: number; readonly column: number }
  | {
      readonly kind: 'pointer';
      readonly source: string;
      readonly policyArn?: string;
      readonly pointer: string;
      readonly line?: number;
    }
  | { readonly kind: 'iac'; readonly file: string; readonly line: number; readonly column?: number };

/** A stable reference to one statement of one policy, as cedar's Response names the policies that decided. */
export interface StatementRef {
  /** The policy's `id` (model/policy-id.ts). */
  readonly policyId: string;
  /** 0-based index of the statement in its policy. */
  readonly statementIndex: number;
  readonly sid?: string;
  readonly location?: Location;
}

/** The one key that identifies a statement: equal for the same statement of the same policy, whatever its location. */
export function statementKey(ref: Pick<StatementRef, 'policyId' | 'statementIndex'>): string {
  return `${ref.policyId}#${ref.statementIndex}`;
}
