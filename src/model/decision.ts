import type { ConditionClause, Effect, PolicyType } from './policy.js';

export type DecisionKind = 'allowed' | 'explicit-deny' | 'implicit-deny' | 'conditional';

/** A statement that matched the request (or matches it only if its unknown conditions hold). */
export interface MatchedStatement {
  readonly policyType: PolicyType;
  readonly policyName: string;
  readonly policyArn?: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly statementIndex: number;
  /** For SCPs: the level (root, OU, account) the policy is attached to. */
  readonly level?: string;
  /** True when the statement matches only if `unresolved` hold. */
  readonly conditional: boolean;
  /** The clauses whose truth depends on context keys the engine does not know (values substituted). */
  readonly unresolved: readonly ConditionClause[];
  /**
   * Why the statement is conditional beyond its clauses: where AWS's documentation and AWS's own
   * practice disagree, the engine decides neither way and says so, naming both sources.
   */
  readonly undecided?: readonly string[];
}

/**
 * What the decision still depends on, when it is `conditional`:
 * - `allow-if-any`: the gate (identity policies, one SCP level, the boundary, the session policies)
 *   allows only if at least one of these statements' unresolved clauses all hold;
 * - `deny-if`: an explicit Deny applies if these clauses all hold.
 */
export type Residual =
  | {
      readonly kind: 'allow-if-any';
      readonly policyType: PolicyType;
      readonly level?: string;
      readonly alternatives: readonly MatchedStatement[];
    }
  | { readonly kind: 'deny-if'; readonly policyType: PolicyType; readonly statement: MatchedStatement };

export interface Decision {
  readonly decision: DecisionKind;
  /** The policy type that denied (explicitly or by having no Allow); null when allowed or conditional. */
  readonly deniedBy: PolicyType | null;
  /** For an SCP denial: the level that denied. */
  readonly deniedAtLevel?: string;
  /** Every statement that matched, sorted by policy type, file, line. */
  readonly statements: readonly MatchedStatement[];
  /** Present when conditional: all of these must come out in favour of the request for it to be allowed. */
  readonly residuals?: readonly Residual[];
}
