import type { ConditionClause, Effect, PolicyType } from './policy.js';
import type { DependsOn } from './notes.js';
import type { Location, StatementRef } from './statement-ref.js';

export type DecisionKind = 'allowed' | 'explicit-deny' | 'implicit-deny' | 'conditional';

/** Where the engine found a matched statement: the file position of its statement object. */
export type MatchLocation = Extract<Location, { readonly kind: 'file' }>;

/**
 * A statement that matched the request (or matches it only if its unknown conditions hold). It is a
 * `StatementRef` (policy id, statement index, Sid, location): a statement read from a source has its
 * `location`; one of a policy policy-check supplies (`Policy.builtIn`: the root user's implicit access, an
 * assumed FullAWSAccess) has none, is named by its policy's name (and ARN), and is no file anyone can edit.
 */
export interface MatchedStatement extends StatementRef {
  readonly location?: MatchLocation;
  readonly policyType: PolicyType;
  readonly policyName: string;
  readonly policyArn?: string;
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

/**
 * The order of matches within one gate: by file position, a statement with no location by its policy's name
 * (where a file name would go) and index; a built-in statement before a located one of the same name.
 */
export function compareMatchPlaces(
  a: Pick<MatchedStatement, 'location' | 'policyName' | 'statementIndex'>,
  b: Pick<MatchedStatement, 'location' | 'policyName' | 'statementIndex'>,
): number {
  const nameA = a.location?.file ?? a.policyName;
  const nameB = b.location?.file ?? b.policyName;
  if (nameA !== nameB) return nameA < nameB ? -1 : 1;
  if (a.location && b.location) return a.location.line - b.location.line || a.location.column - b.location.column;
  if (a.location || b.location) return a.location ? 1 : -1;
  return a.statementIndex - b.statementIndex;
}

/** Where a match is written, "file:line"; with no location (a built-in policy), its policy's name. */
export function matchAt(match: Pick<MatchedStatement, 'location' | 'policyName'>): string {
  return match.location ? `${match.location.file}:${match.location.line}` : match.policyName;
}

/**
 * Whether two matches are the same written statement: the same file position, or, with no location, the same
 * statement of the same built-in policy. (Policy type and SCP level are the caller's to compare.)
 */
export function samePlace(
  a: Pick<MatchedStatement, 'location' | 'policyName' | 'statementIndex'>,
  b: Pick<MatchedStatement, 'location' | 'policyName' | 'statementIndex'>,
): boolean {
  if (a.location && b.location)
    return (
      a.location.file === b.location.file &&
      a.location.line === b.location.line &&
      a.location.column === b.location.column
    );
  return !a.location && !b.location && a.policyName === b.policyName && a.statementIndex === b.statementIndex;
}

/**
 * Whether a match is a statement of this policy as written: the match's file is the policy's and the names
 * agree. A match with no location (a built-in policy) is in no file, so no policy to edit or read is found for it.
 */
export function matchIsIn(
  policy: { readonly file?: string; readonly name: string },
  match: Pick<MatchedStatement, 'location' | 'policyName'>,
): boolean {
  return match.location !== undefined && policy.file === match.location.file && policy.name === match.policyName;
}
