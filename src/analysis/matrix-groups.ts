import type { ApiKeyAuth, GuardrailRef, IndexedCatalog } from '../bedrock/index.js';
import {
  message,
  uniqueMessages,
  type AccountVpcEndpoint,
  type CheckReport,
  type MatrixResult,
  type Principal,
  type PrincipalPolicies,
  type UnresolvedPolicy,
} from '../model/index.js';
import { checkKeepingEdits } from './check.js';
import { checkInputFrom } from './check-input-from.js';
import { principalKeyValues, principalReadsOf } from './matrix-fingerprint.js';
import { endpointCall, withEndpointWarnings } from './vpc-endpoints.js';

/** What evaluating a group reads of the matrix options. */
export interface GroupEvaluationOptions {
  readonly region: string;
  /** IAM actions (already normalized). */
  readonly actions: readonly string[];
  readonly catalog: IndexedCatalog;
  readonly now: Date;
  readonly toolVersion: string;
  readonly context?: Readonly<Record<string, readonly string[]>>;
  readonly assumeAbsent?: boolean;
  readonly trustModel?: boolean;
  /** The service tier every call asks for (bedrock:ServiceTier on the invoke requests); undefined: unknown. */
  readonly serviceTier?: string;
  /** Every call is made with an Amazon Bedrock API key (--auth api-key). */
  readonly apiKey?: ApiKeyAuth;
  /** Every call names this guardrail (--guardrail); an id is a guardrail of each principal's own account. */
  readonly guardrail?: GuardrailRef;
  /** The API operations named (--action), for how they are authorized (InvokeModelWithBidirectionalStream). */
  readonly operations?: readonly string[];
  /**
   * Every call goes through this bedrock-runtime interface endpoint (--vpc-endpoint, found by `findVpcEndpoint`).
   * Undefined: each allowed cell is also checked through each endpoint of its account that has a policy, a
   * warning when that endpoint would not allow it.
   */
  readonly vpcEndpoint?: AccountVpcEndpoint;
}

/** A principal of a group: who it is and the tags its source gave (undefined: its tags are unknown). */
interface GroupMember {
  readonly principal: Principal;
  readonly tags: Readonly<Record<string, string>> | undefined;
}

/**
 * Principals whose effective policies (and what those read of them) are the same, evaluated together: the
 * first member stands for the group.
 */
export interface GroupTask {
  /** The representative's effective policies (its `principal` is the first member's). */
  readonly policies: PrincipalPolicies;
  /** The account's endpoints whose policies an allowed cell is also checked through (none with --vpc-endpoint). */
  readonly endpoints: readonly AccountVpcEndpoint[];
  readonly members: readonly GroupMember[];
}

/** Per model (in the order given): the results computed, the first the representative's, and each member's index among them. */
export interface GroupResults {
  readonly models: readonly { readonly results: readonly MatrixResult[]; readonly memberResults: readonly number[] }[];
  readonly evaluations: number;
}

/**
 * A group × the models: the representative is evaluated once per model; a member shares its result unless a
 * finding shows a principal key's value (a failing condition), which makes the finding the member's own: then
 * members with the same shown values share one result.
 */
export function evaluateGroup(
  task: GroupTask,
  models: readonly string[],
  options: GroupEvaluationOptions,
): GroupResults {
  let evaluations = 0;
  // The representative is evaluated once per model: what its tags put in the context is worked out once.
  const representativeCaller = callerContext(task.policies, task.members[0]!.tags, options);
  const evaluate = (member: GroupMember, policies: PrincipalPolicies, caller: CallerContext, model: string) => {
    evaluations++;
    const input = checkInput(policies, caller, model, options);
    const checked = withEndpointWarnings(checkKeepingEdits(input), task.endpoints, (endpoint) => {
      evaluations++;
      return checkKeepingEdits({ ...input, ...endpointCall(endpoint, input.context) });
    });
    const report = withUnresolved(checked, [...(policies.unresolvedPolicies ?? [])]);
    return { report, displayArn: member.principal.displayArn };
  };
  const perModel = models.map((model) => {
    const shared = evaluate(task.members[0]!, task.policies, representativeCaller, model);
    const results: MatrixResult[] = [shared];
    const memberResults: number[] = [0];
    const readsGiven = principalKeysInFindings(shared.report);
    if (readsGiven.size === 0) return { results, memberResults: task.members.map(() => 0) };
    // Members whose shown values equal an evaluated member's share its result (keyed by those values).
    const byShownValues = new Map<string, number>([[shownValues(task.members[0]!, readsGiven), 0]]);
    for (const member of task.members.slice(1)) {
      const shown = shownValues(member, readsGiven);
      let index = byShownValues.get(shown);
      if (index === undefined) {
        const policies = { ...task.policies, principal: member.principal };
        results.push(evaluate(member, policies, callerContext(policies, member.tags, options), model));
        index = results.length - 1;
        byShownValues.set(shown, index);
      }
      memberResults.push(index);
    }
    return { results, memberResults };
  });
  return { models: perModel, evaluations };
}

const TAG_PREFIX = 'aws:principaltag/';

interface CallerContext {
  /** The principal's tags, then the user's --context. */
  readonly context: Readonly<Record<string, readonly string[]>>;
  readonly absentKeys: readonly string[];
  readonly tagContext: Readonly<Record<string, readonly string[]>>;
}

function callerContext(
  policies: PrincipalPolicies,
  tags: Readonly<Record<string, string>> | undefined,
  options: GroupEvaluationOptions,
): CallerContext {
  const tagContext: Record<string, readonly string[]> = {};
  for (const [key, value] of Object.entries(tags ?? {})) tagContext[`aws:PrincipalTag/${key}`] = [value];
  // The source knows every tag of the principal: a tag a policy reads that the principal lacks is absent.
  const known = new Set(Object.keys(tags ?? {}).map((key) => `${TAG_PREFIX}${key.toLowerCase()}`));
  const absentKeys = tags === undefined ? [] : principalReadsOf(policies).tagKeys.filter((key) => !known.has(key));
  return { context: { ...tagContext, ...(options.context ?? {}) }, absentKeys, tagContext };
}

function checkInput(
  policies: PrincipalPolicies,
  { context, absentKeys, tagContext }: CallerContext,
  model: string,
  options: GroupEvaluationOptions,
) {
  return {
    ...checkInputFrom(policies, {
      model,
      region: options.region,
      actions: options.actions,
      now: options.now,
      toolVersion: options.toolVersion,
      catalog: options.catalog,
      context,
      ...(options.assumeAbsent !== undefined ? { assumeAbsent: options.assumeAbsent } : {}),
      ...(options.trustModel !== undefined ? { trustModel: options.trustModel } : {}),
      ...(options.serviceTier !== undefined ? { serviceTier: options.serviceTier } : {}),
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(options.guardrail ? { guardrail: options.guardrail } : {}),
      ...(options.operations?.length ? { operations: options.operations } : {}),
      ...(options.vpcEndpoint ? endpointCall(options.vpcEndpoint, { ...tagContext, ...(options.context ?? {}) }) : {}),
    }),
    ...(absentKeys.length > 0 ? { absentKeys } : {}),
  };
}

/**
 * A principal's checks cannot be complete while a policy it refers to is unknown: the unknown policy
 * may allow what the others deny, or deny what they allow. Only an explicit Deny stands whatever it holds.
 */
function withUnresolved(report: CheckReport, unresolved: readonly UnresolvedPolicy[]): CheckReport {
  // check() names the policies it was given as unresolved itself; a line here is for any other.
  const missing = unresolved.filter(
    (entry) => !report.unresolved.some((item) => item.code === 'unresolved-policy' && item.params.arn === entry.arn),
  );
  if (unresolved.length === 0) return report;
  const lines = missing.map((entry) =>
    message('principal-unresolved-policy', { arn: entry.arn, reason: entry.reason }),
  );
  const explicitDeny = report.checks.some((entry) => entry.decision === 'explicit-deny');
  return {
    ...report,
    verdict: explicitDeny ? 'denied' : 'incomplete',
    unresolved: uniqueMessages([...report.unresolved, ...lines]),
  };
}

/** The principal keys whose values a report's findings show (failing conditions give the request's values). */
function principalKeysInFindings(report: CheckReport): Set<string> {
  const keys = new Set<string>();
  for (const finding of report.findings)
    for (const failing of finding.failingConditions ?? []) {
      const key = failing.key.toLowerCase();
      if (key.startsWith('aws:principal') || key === 'aws:username') keys.add(key);
    }
  return keys;
}

/** The member's values of the keys a finding shows, as a key: equal values give equal findings. */
function shownValues(member: GroupMember, keys: ReadonlySet<string>): string {
  const values = principalKeyValues(member.principal, member.tags);
  return JSON.stringify([...keys].sort().map((key) => values.get(key) ?? null));
}
