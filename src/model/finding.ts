import type { MatchedStatement } from './decision.js';
import type { Message } from './message.js';
import type { PolicyType } from './policy.js';
import type { RuleId } from './rule-id.js';
import type { Span } from './span.js';

export type { RuleId } from './rule-id.js';

export type Severity = 'error' | 'warning' | 'note';

/** A place in the user's files a finding points at. */
export interface FindingLocation extends Span {
  readonly policyType?: PolicyType;
  readonly policyName?: string;
  readonly sid?: string;
}

/** Where a matched statement is written, as a finding points at it. */
export function findingLocation(
  statement: Omit<FindingLocation, 'endLine' | 'endColumn' | 'sid'> & { readonly sid?: string | null },
): FindingLocation {
  return {
    file: statement.file,
    line: statement.line,
    column: statement.column,
    policyType: statement.policyType,
    policyName: statement.policyName,
    ...(statement.sid ? { sid: statement.sid } : {}),
  };
}

/** Where a matched statement is written, as a finding points at it; none for a built-in one (no file). */
export function matchFindingLocation(match: MatchedStatement): FindingLocation | undefined {
  return (
    match.location &&
    findingLocation({
      file: match.location.file,
      line: match.location.line,
      column: match.location.column,
      policyType: match.policyType,
      policyName: match.policyName,
      ...(match.sid !== undefined ? { sid: match.sid } : {}),
    })
  );
}

/** Who can make the change a fix describes. */
export type FixOwner =
  | 'identity-policy-owner'
  | 'organization-admin'
  | 'boundary-owner'
  | 'session-creator'
  | 'vpc-endpoint-owner'
  | 'account-admin'
  | 'developer';

/**
 * A change that makes the failing checks pass, shown only after the engine re-evaluated every check
 * with it applied. `kind`:
 * - add-statement: add `statement` to the policy in `file` (or a new policy when file is null); `location`,
 *   when given, is the statement of a Statement array the new one goes after (SARIF inserts it there when
 *   the span has its end);
 * - replace-statement: replace the statement at `location` with `statement` (SARIF needs the span's end);
 * - remove-statement: delete the statement at `location`;
 * - instructions: a change outside policy documents (console, SDK, support case).
 */
export interface Fix {
  readonly kind: 'add-statement' | 'replace-statement' | 'remove-statement' | 'instructions';
  readonly owner: FixOwner;
  /** What the fix says, as data: report/words/fix-words.ts gives its summary and steps. */
  readonly message?: Message<FixCode>;
  /** The fix's words where its planner does not give `message` yet (the merger moves them to report/words/). */
  readonly summary?: string;
  readonly file: string | null;
  readonly location?: FindingLocation;
  /** The statement to add or to put in place of the old one, as JSON. */
  readonly statement?: Readonly<Record<string, unknown>>;
  readonly steps?: readonly string[];
  /**
   * What re-evaluation with the fix applied showed. An `instructions` fix (a change the tool cannot
   * apply to the policies, such as calling from another network) is never `verified`.
   */
  readonly verification: {
    readonly verified: boolean;
    readonly checksFixed: number;
    readonly checksOpenedElsewhere: number;
    readonly detail: string | Message<FixDetailCode>;
    /** The denied checks the re-evaluation counted `checksFixed` out of, when known. */
    readonly checksDenied?: number;
  };
  /**
   * Present when this change is one of several that only work together: they are one fix, applied and
   * re-evaluated as a whole, and `verification` is that of the whole set.
   */
  readonly together?: { readonly id: string; readonly changes: number };
  /**
   * The condition keys this fix removes from an Allow. A fix that removes a condition is never the
   * default fix: it is `alternative`, and its summary says which condition it drops.
   */
  readonly removesConditions?: readonly string[];
  /** True for a wider fix offered besides the default one (e.g. one that removes a condition). */
  readonly alternative?: boolean;
}

/**
 * A condition clause of an Allow that matches the request's action and resource but is false in the
 * request's context, so the Allow does not apply.
 */
export interface FailingCondition {
  /** The statement the clause belongs to. */
  readonly statement: FindingLocation;
  /** Where the clause's key is written. */
  readonly clause: Span;
  readonly operator: string;
  readonly key: string;
  readonly expected: readonly string[];
  /** The request's values for the key; null when the key is absent. */
  readonly given: readonly string[] | null;
  /** The checks (action on resource) the clause fails for. */
  readonly checks: readonly string[];
}

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** What the finding says, as data: report/words/finding-words.ts gives its title and cause. */
  readonly message?: Message<FindingCode>;
  /** The finding's words where its rule does not give `message` yet (the merger moves them to report/words/). */
  readonly title?: string;
  /** The error AWS would return, exactly, when one applies (AWS's own text, from the catalog of messages). */
  readonly predictedError?: { readonly exception: string; readonly message: string };
  readonly cause?: string;
  readonly locations: readonly FindingLocation[];
  /** The checks (action on resource) this finding explains. */
  readonly checks: readonly string[];
  readonly fixes: readonly Fix[];
  /** Allows that match the call but whose conditions are false for it: the clause, expected and given values. */
  readonly failingConditions?: readonly FailingCondition[];
  /** When no verified fix exists: why, and what else could be done. */
  readonly alternatives?: readonly (string | Message<AlternativeCode>)[];
}

/**
 * What a finding says (report/words/finding-words.ts words each; schemas/report.schema.json lists them).
 * model-access: the catalog says the call fails whatever the permissions.
 */
export type FindingCode =
  | 'model-not-in-catalog'
  | 'model-end-of-life'
  | 'model-legacy'
  | 'model-profile-only'
  | 'model-not-offered'
  | 'profile-not-in-catalog'
  | 'profile-not-from-region'
  | 'profile-end-of-life'
  | 'profile-legacy'
  // model-access: the account's model access (GetFoundationModelAvailability) refuses the call
  | 'model-not-available-in-region'
  | 'model-not-authorized'
  | 'marketplace-agreement-failed'
  | 'marketplace-agreement-pending'
  // model-access: account setup the policies cannot show
  | 'anthropic-form'
  | 'govcloud-manual-access'
  // model-access: AWS Marketplace subscription on first use
  | 'first-call-subscribes'
  // guardrail
  | 'guardrail-enforced'
  | GateFindingCode
  // model-access: the AWS Marketplace permissions of a first-use subscription
  | 'marketplace-permissions-conditional'
  | 'marketplace-permissions-denied'
  | CodeFindingCode;

/**
 * The findings of the policy gates (policy-gate-findings.ts: identity, SCP, boundary, session, endpoint, api-key),
 * and vpc-endpoint-policy's allowed call whose check through an endpoint of the account is undecided.
 */
export type GateFindingCode =
  | 'explicit-deny'
  | 'scp-region-deny'
  | 'allow-only-under-condition'
  | 'allow-condition-false'
  | 'no-allow'
  | 'denied-once-others-fixed'
  | 'api-key-bidirectional-stream'
  | 'endpoint-may-deny';

/** wrong-api and sdk-too-old: the code check's findings. */
export type CodeFindingCode =
  | 'runtime-client-control-plane-endpoint'
  | 'boto3-control-plane-client'
  | 'js-control-plane-client'
  | 'js-control-plane-command'
  | 'sdk-version-unknown'
  | 'sdk-older-than-runtime'
  | 'sdk-older-than-converse';

/** What a fix says (report/words/fix-words.ts). */
export type FixCode =
  | 'check-model-id'
  | 'move-off-ended-model'
  | 'move-off-ended-profile'
  | 'move-off-legacy-model'
  | 'call-profile-instead'
  | 'call-from-offering-region'
  | 'check-profile-offered'
  | 'call-offered-profile'
  | 'call-from-available-region'
  | 'request-model-access'
  | 'resubscribe-marketplace'
  | 'wait-for-subscription'
  | 'submit-anthropic-form'
  | 'enable-govcloud-access'
  | 'subscribe-before-first-call'
  | 'call-with-guardrail'
  // the fix planner (diagnose/fix/) and the policy gates
  | 'meet-allow-condition'
  | 'add-allow-statements'
  | 'edit-deny'
  | 'widen-region-condition'
  | 'copy-allow-for-profile'
  | 'remove-allow-condition'
  | 'correct-action'
  // model-access: the changes that let the caller subscribe through AWS Marketplace
  | 'allow-marketplace-actions'
  | 'narrow-marketplace-deny'
  | 'exempt-marketplace-deny'
  // wrong-api and sdk-too-old: the change to code or dependencies
  | 'remove-control-plane-endpoint'
  | 'create-boto3-runtime-client'
  | 'use-bedrock-runtime-client'
  | 'upgrade-sdk';

/** What a fix's re-evaluation says when it is not a count (report/words/fix-words.ts). */
export type FixDetailCode =
  | 'no-policy-change'
  | 'guardrail-reevaluated'
  // the fix planner (diagnose/fix/) and the policy gates
  | 'request-change'
  | 'plan-reevaluated'
  | 'nothing-to-fix'
  | 'action-corrected'
  | 'condition-removed-reevaluated'
  | 'marketplace-reevaluated'
  | 'code-change'
  | 'dependency-change';

/** What else could be done when no verified fix exists (report/words/fix-words.ts). */
export type AlternativeCode =
  | 'guardrail-enforced-on-purpose'
  | GateAlternativeCode
  | 'marketplace-already-enabled'
  | 'marketplace-enable-once'
  | 'marketplace-no-policy-for-allow'
  | 'marketplace-no-change-found'
  | 'marketplace-still-conditional'
  | 'marketplace-change-not-verified';

/** The policy gates' (policy-gate-findings.ts) and the fix planner's reasons a denial has no fix. */
export type GateAlternativeCode =
  | 'narrow-conditional-deny'
  | 'allow-without-condition'
  | 'changes-not-verified'
  | 'remove-or-narrow-deny'
  | 'exempt-caller-in-deny'
  | 'invoke-elsewhere'
  | 'call-with-other-value'
  | 'allow-destination-regions'
  | 'allow-unspecified-region'
  | 'exempt-routed-calls'
  | 'scp-level-without-policy'
  | 'no-policy-for-allow'
  | 'deny-not-located'
  | 'deny-enforces-guardrail'
  | 'deny-not-narrowable'
  | 'sign-instead-of-api-key'
  | 'scp-exempts-api-key-caller'
  | 'owner-exempts-api-key-caller'
  | 'sign-bidirectional-stream';
