import type { ConditionClause, Effect, PolicyType } from './policy.js';
import type { DependsOn } from './notes.js';
import type { StatementRef } from './statement-ref.js';

export type DecisionKind = 'allowed' | 'explicit-deny' | 'implicit-deny' | 'conditional';

/**
 * A statement that matched the request (or matches it only if its unknown conditions hold). It is a
 * `StatementRef` (policy id, statement index, Sid, location when the policy has one); `file`, `line`
 * and `column` are the statement's span, which for a policy with no location (`Policy.builtIn`) holds only
 * its name: the report (diagnose/report-entries.ts) reads `location`, and writes none of them then.
 */
export interface MatchedStatement extends StatementRef {
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

/**
 * One residual read one way: `holds` true means the gate allows (`allow-if-any`) or the Deny applies
 * (`deny-if`); false means it does not.
 */
export interface OutcomeRequirement {
  readonly residual: Residual;
  readonly holds: boolean;
}

/**
 * One way AWS may deny a request that is denied whatever the unknown context holds: the denial AWS
 * reports when every requirement in `when` comes out as stated.
 */
export interface PossibleOutcome {
  readonly decision: 'explicit-deny' | 'implicit-deny';
  readonly deniedBy: PolicyType;
  readonly deniedAtLevel?: string;
  /** The Deny that applies; or, for an implicit deny at a gate that allows only conditionally, its conditional Allows (none hold). */
  readonly statements: readonly MatchedStatement[];
  readonly when: readonly OutcomeRequirement[];
  /**
   * Present when the outcome also depends on something the tool had to guess rather than on request
   * context, e.g. the caller's account.
   */
  readonly dependsOn?: DependsOn;
}

export interface Decision {
  readonly decision: DecisionKind;
  /** The policy type that denied (explicitly or by having no Allow); null when allowed or conditional. */
  readonly deniedBy: PolicyType | null;
  /** For an SCP denial: the level that denied. */
  readonly deniedAtLevel?: string;
  /** Every statement that matched, sorted by policy type, file, line. */
  readonly statements: readonly MatchedStatement[];
  /**
   * The statements that decided, in report order (a subset of `statements`, as cedar's Response names
   * the policies that decided): for `explicit-deny` every Deny that applies whatever the context, the one
   * AWS names first (`reason[0]`); for `allowed` the Allows that apply whatever the context, in every gate;
   * for `conditional` the statements whose conditions are pending (the residuals' statements); for
   * `implicit-deny` none, since nothing matched that allows it.
   */
  readonly reason: readonly MatchedStatement[];
  /** Present when conditional: all of these must come out in favour of the request for it to be allowed. */
  readonly residuals?: readonly Residual[];
  /**
   * Present on a denial whose attribution depends on unknown context (more than one possible
   * outcome): every denial AWS may report, in the order AWS attributes. For any values of the unknown
   * keys exactly one outcome's `when` holds (an outcome can be impossible when residuals test the
   * same keys). The decision's own
   * kind and `deniedBy` are those of the last outcome: the one when every condition comes out in
   * the request's favour.
   */
  readonly possibleOutcomes?: readonly PossibleOutcome[];
}

/**
 * The statements that decide an `explicit-deny` (the Denies that apply whatever the context) or an
 * `allowed` (the Allows that apply whatever the context), in the order given. The engine builds
 * `Decision.reason` with it; a report entry, which keeps the statements in report order but not the
 * reason, reads its reason back the same way. Other kinds: none (a conditional decision's reason comes
 * from its residuals).
 */
export function decidingStatements<S extends Pick<MatchedStatement, 'effect' | 'conditional'>>(
  decision: DecisionKind,
  statements: readonly S[],
): S[] {
  const effect = decision === 'explicit-deny' ? 'Deny' : decision === 'allowed' ? 'Allow' : undefined;
  return effect === undefined
    ? []
    : statements.filter((statement) => statement.effect === effect && !statement.conditional);
}
