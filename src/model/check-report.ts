import type { DecisionKind } from './decision.js';
import type { Finding } from './finding.js';
import type { Assumption, DependsOn, Note, Unresolved } from './notes.js';
import type { PolicyType } from './policy.js';

/**
 * Where a reported statement or policy is written: a file position; or nowhere, for one policy-check
 * supplies itself (the root user's implicit access, an assumed FullAWSAccess), which reports name by its
 * policy name or ARN and mark `builtIn`. A union, so that every reader handles both.
 */
export type StatementPlace =
  | { readonly file: string; readonly line: number; readonly column: number; readonly builtIn?: never }
  | { readonly builtIn: true; readonly file?: never; readonly line?: never; readonly column?: never };

/** A matched statement as the report shows it. */
export type ReportStatement = ReportStatementFields & StatementPlace;

/** A reported statement written somewhere: not `builtIn`. */
export type LocatedReportStatement = Extract<ReportStatement, { readonly file: string }>;

export function isLocated(statement: ReportStatement): statement is LocatedReportStatement {
  return statement.builtIn !== true;
}

interface ReportStatementFields {
  readonly policyType: PolicyType;
  readonly policyName: string;
  readonly policyArn?: string;
  readonly level?: string;
  readonly sid: string | null;
  readonly effect: 'Allow' | 'Deny';
  readonly conditional: boolean;
  /** Why the statement is conditional beyond its clauses (e.g. a policy variable in an ARN's account part). */
  readonly undecided?: readonly string[];
}

/** A policy a check read, as its report's input lists it: with its file, or `builtIn` (see `StatementPlace`). */
export type ReportPolicy = {
  readonly type: PolicyType;
  readonly name: string;
  readonly level?: string;
} & ({ readonly file: string; readonly builtIn?: never } | { readonly builtIn: true; readonly file?: never });

/** One clause the decision still depends on, with the file position of its key. */
export interface ReportClause {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
  readonly file: string;
  readonly line: number;
}

/**
 * What a conditional decision depends on: `allow-if-any` — the gate allows only if, for at least one
 * alternative, all its clauses hold; `deny-if` — an explicit Deny applies if all its clauses hold.
 */
export interface ReportCondition {
  readonly kind: 'allow-if-any' | 'deny-if';
  readonly policyType: PolicyType;
  readonly level?: string;
  readonly alternatives: readonly { readonly statement: ReportStatement; readonly clauses: readonly ReportClause[] }[];
}

/**
 * One denial AWS may report for a check that is denied whatever the context: its message and the
 * condition under which AWS reports it (every `when` entry comes out as `holds` says).
 */
export interface ReportOutcome {
  readonly decision: 'explicit-deny' | 'implicit-deny';
  readonly deniedBy: PolicyType;
  readonly deniedAtLevel: string | null;
  readonly message: string;
  /** The Deny that applies; or the conditional Allows of a gate none of which holds. */
  readonly statements: readonly ReportStatement[];
  readonly when: readonly { readonly holds: boolean; readonly condition: ReportCondition }[];
  /** Present when the outcome also depends on a guess rather than on request context (e.g. the caller's account). */
  readonly dependsOn?: DependsOn;
}

export interface CheckEntry {
  readonly action: string;
  readonly resource: string;
  readonly requestedRegion: string;
  /** Why AWS authorizes this resource for the call (e.g. a destination Region of a profile). */
  readonly reason: string;
  readonly inferenceProfileArn: string | null;
  readonly decision: DecisionKind;
  readonly deniedBy: PolicyType | null;
  readonly deniedAtLevel: string | null;
  readonly message: string | null;
  readonly statements: readonly ReportStatement[];
  readonly conditions?: readonly ReportCondition[];
  /**
   * Present when the check is denied whatever the context but which denial AWS reports depends on
   * it: every possible denial, in AWS's attribution order. `message` is then null unless all agree.
   */
  readonly possibleOutcomes?: readonly ReportOutcome[];
}

export type Verdict = 'allowed' | 'denied' | 'conditional' | 'incomplete';

/**
 * How the call was made beyond its model, Region and actions, as the caller described it: a report records
 * these so its reader knows which call was checked. Each field is present only when given.
 */
export interface CallOptions {
  /** The call is made with an Amazon Bedrock API key (`kind` absent: which kind is not known); absent: AWS credentials (SigV4). */
  readonly auth?: { readonly method: 'api-key'; readonly kind?: 'short-term' | 'long-term' };
  /** The guardrail the call names. */
  readonly guardrail?: { readonly identifier: string; readonly version?: string };
  /** The service tier the call asks for. */
  readonly serviceTier?: string;
  /** The API operations named that are authorized under another action (InvokeModelWithBidirectionalStream), sorted. */
  readonly operations?: readonly string[];
}

export interface CheckReport {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'policy-check'; readonly version: string };
  readonly catalogDate: string;
  readonly input: CallOptions & {
    readonly model: string;
    readonly modelKind: string;
    readonly region: string;
    readonly principal: string;
    readonly principalIsPlaceholder: boolean;
    readonly actions: readonly string[];
    readonly policies: readonly ReportPolicy[];
  };
  readonly verdict: Verdict;
  readonly summary: {
    readonly allowed: number;
    readonly explicitDeny: number;
    readonly implicitDeny: number;
    readonly conditional: number;
  };
  readonly checks: readonly CheckEntry[];
  /** The documented failures the checks add up to, each with its verified fix. */
  readonly findings: readonly Finding[];
  /** What the expansion could not determine: any entry makes the verdict at best 'incomplete'. */
  readonly unresolved: readonly Unresolved[];
  readonly assumptions: readonly Assumption[];
  readonly notes: readonly Note[];
}
