import { isBearerTokenAction } from '../../bedrock/index.js';
import { decisionMemo, type DecisionMemo } from '../../engine/decision-memo.js';
import type { EvaluationInput } from '../../engine/evaluate.js';
import {
  matchAt,
  samePlace,
  message,
  statementKey,
  type AlternativeCode,
  type Decision,
  type FixCode,
  type FixDetailCode,
  type FixOwner,
  type Message,
  type MatchedStatement,
  type Policy,
  type PolicyType,
  type Request,
} from '../../model/index.js';
import type { EvaluatedCheck, Evaluation } from '../evaluation.js';
import { actionCorrectionPlan } from './action-correction.js';
import { allowStatementsFor } from './allow-statements.js';
import type { StatementJson } from './statement-json.js';
import {
  ConditionTracker,
  removalAlternative,
  type ConditionRequirement,
  type RemovalAlternative,
} from './condition-plan.js';
import { conditionalAllows } from './failing-conditions.js';
import { denyEditCandidates } from './deny-edits.js';
import { deniedByGuardrailEnforcement } from './guardrail-enforcement.js';
import { runEditLoop } from './edit-loop.js';
import { applyEdits, locatePolicy, OWNERS, writtenPoliciesOf, type PolicyEdit, type PolicyRef } from './policy-edit.js';
import { probeRequests } from './probes.js';

export type { ConditionRequirement, RemovalAlternative } from './condition-plan.js';

export interface PlannedFix {
  readonly edit: PolicyEdit;
  /** What the fix says (report/words/ gives its summary). */
  readonly message: Message<FixCode>;
  readonly owner: FixOwner;
  /** True when the edit makes an Allow apply (a new Allow, or a widened condition of an existing one), not a Deny edit. */
  readonly grants?: boolean;
}

export interface FixPlan {
  readonly fixes: readonly PlannedFix[];
  /** Every denied check becomes allowed with all fixes applied, and no probe that was denied is opened. */
  readonly verified: boolean;
  readonly checksFailing: number;
  readonly checksFixed: number;
  readonly checksOpenedElsewhere: number;
  readonly detail: Message<FixDetailCode>;
  /** Why some denial has no fix. */
  readonly unfixable: readonly Message<AlternativeCode>[];
  /** Conditions of Allows the request must meet; the plan was re-evaluated assuming it meets them. */
  readonly requirements: readonly ConditionRequirement[];
  /** For each requirement, the wider alternative that drops its clauses instead (labelled as such where shown). */
  readonly removals: readonly RemovalAlternative[];
}

const plans = new WeakMap<Evaluation, FixPlan>();

const isDenied = (decision: Decision): boolean =>
  decision.decision === 'explicit-deny' || decision.decision === 'implicit-deny';

/**
 * The smallest set of policy edits that lets every denied check through, found gate by gate (fixing
 * one denial can reveal the next: an SCP level, then the identity policy, then the boundary), and
 * re-verified as a whole by the engine against the checks and a set of probe invocations.
 */
export function planFixes(evaluation: Evaluation): FixPlan {
  const cached = plans.get(evaluation);
  if (cached) return cached;
  const plan = computePlan(evaluation);
  plans.set(evaluation, plan);
  return plan;
}

function computePlan(evaluation: Evaluation): FixPlan {
  const original = evaluation.evaluationInput;
  // An invocation a guardrail-enforcing Deny denies is fixed by calling with the guardrail (the guardrail rule), not by an edit.
  const failing = evaluation.checks.filter(
    (check) => isDenied(check.decision) && !deniedByGuardrailEnforcement(evaluation, check),
  );
  if (failing.length === 0) {
    return {
      fixes: [],
      verified: true,
      checksFailing: 0,
      checksFixed: 0,
      checksOpenedElsewhere: 0,
      detail: message('nothing-to-fix'),
      unfixable: [],
      requirements: [],
      removals: [],
    };
  }
  const corrected = actionCorrectionPlan(evaluation, failing);
  if (corrected) return corrected;
  const probes = probeRequests(evaluation.checks, evaluation.catalog);
  // Trials, rounds and the final check ask the same requests of the same inputs: answers are kept for this plan only.
  const memo = decisionMemo();
  const evaluate = memo.evaluate;
  const probesDenied = probes.map((probe) => memo.denies(original, probe));
  const denyFixes: PlannedFix[] = [];
  // Allow statements are regenerated from every request a policy must let through, so that requests
  // revealed in later rounds join the same statements instead of adding near-duplicates.
  const allowRequests = new Map<Policy, { target: PolicyRef; owner: FixOwner; requests: Request[] }>();
  const unfixable = new Unfixable();
  // A probe counts as opened when the fix lets it through as the request stands, or as it would be once
  // it meets the conditions the fix assumes (calling from the office network also reaches other models).
  // The original's answers to the probes as assumed, kept while the assumption stands (opened runs per trial).
  let assumedBefore: { readonly probes: readonly Request[]; readonly denied: readonly boolean[] } | undefined;
  const opened = (input: EvaluationInput): number => {
    const assuming = conditions.assuming(probes);
    if (assuming !== undefined && assumedBefore?.probes !== assuming)
      assumedBefore = { probes: assuming, denied: assuming.map((probe) => memo.denies(original, probe)) };
    return probes.filter(
      (probe, i) =>
        (probesDenied[i]! && !memo.denies(input, probe)) ||
        (assuming !== undefined && assumedBefore!.denied[i]! && !memo.denies(input, assuming[i]!)),
    ).length;
  };
  const conditions: ConditionTracker = new ConditionTracker(original, opened);
  const currentFixes = (): PlannedFix[] => [
    ...denyFixes,
    ...conditions.fixes(),
    ...[...allowRequests.values()].flatMap(allowFixesOf),
  ];
  const requestOf = (check: EvaluatedCheck): Request => conditions.requestOf(check);

  const stillDenied = (input: EvaluationInput): Failing[] | undefined => {
    const still = failing
      .filter((check) => conditions.reevaluable(check))
      .map((check) => ({ check, decision: evaluate(input, requestOf(check)) }))
      .filter(({ decision }) => isDenied(decision));
    return still.length > 0 ? still : undefined;
  };
  const revise = (input: EvaluationInput, still: readonly Failing[]): boolean => {
    let progress = false;
    for (const group of groupByDeny(still, requestOf)) {
      const fix = denyFix(input, original, currentFixes(), group, opened, unfixable, memo);
      if (fix) {
        // A Deny edited again (it now denies requests an earlier Deny used to): the new statement was
        // made from the edited one, so it replaces the earlier edit instead of being a second fix of the same statement.
        const earlier = denyFixes.findIndex((other) => sameStatement(other.edit, fix.edit));
        if (earlier >= 0)
          denyFixes[earlier] = {
            ...fix,
            message: message('edit-deny', {
              edits: [...list(denyFixes[earlier]!.message.params.edits), ...list(fix.message.params.edits)],
            }),
          };
        else denyFixes.push(fix);
        progress = true;
      }
    }
    for (const group of groupByClosedGate(still, requestOf)) {
      const policyType = group.decision.deniedBy;
      if (policyType === null) continue;
      // An Allow written for these calls whose condition is false here: meet or widen that condition, never add an Allow without it.
      const plain: Request[] = [];
      for (const check of group.checks) {
        const [allow] = conditionalAllows(original, policyType, group.decision.deniedAtLevel, requestOf(check));
        if (allow) progress = conditions.add(check, requestOf(check), allow) || progress;
        // A call already found to need a condition never gets an Allow without it.
        else if (!conditions.handled(check)) plain.push(requestOf(check));
      }
      if (plain.length === 0) continue;
      const target = allowTarget(original, policyType, group.decision.deniedAtLevel);
      if (!target) {
        unfixable.add(
          policyType === 'scp'
            ? message('scp-level-without-policy', { level: group.decision.deniedAtLevel ?? '?' })
            : message('no-policy-for-allow', { policyType }),
        );
        continue;
      }
      const entry = allowRequests.get(target.policy) ?? { target, owner: OWNERS[policyType], requests: [] };
      // A request still denied after its Allow was added is denied by something else: adding it again changes nothing.
      const added = plain.filter((request) => !entry.requests.includes(request));
      entry.requests.push(...added);
      allowRequests.set(target.policy, entry);
      progress ||= added.length > 0;
    }
    return progress;
  };
  runEditLoop({
    original,
    maxRounds: maxRounds(original),
    edits: () => currentFixes().map((fix) => fix.edit),
    stillDenied,
    revise,
  });

  const fixes = currentFixes();
  const final = applyEdits(
    original,
    fixes.map((fix) => fix.edit),
  );
  const targeted = failing.filter((check) => conditions.reevaluable(check));
  // A denial that depends on a guessed account is fixed only when every possible account is let through.
  const allowedAfter = (request: Request) => evaluate(final, request).decision === 'allowed';
  const checksFixed = targeted.filter(
    (check) => allowedAfter(requestOf(check)) && (check.guessed ?? []).every(allowedAfter),
  ).length;
  const checksOpenedElsewhere = opened(final);
  const verified = targeted.length > 0 && checksFixed === targeted.length && checksOpenedElsewhere === 0;
  const requirements = conditions.requirements();
  const met = requirements.filter((requirement) => requirement.reevaluated);
  const unmet = failing.length - targeted.length;
  const detail = message('plan-reevaluated', {
    conditionKeys: conditionKeys(met),
    fixed: checksFixed,
    denied: targeted.length,
    opened: checksOpenedElsewhere,
    probes: probes.length,
    unmet,
  });
  const removals = requirements.map((requirement) =>
    removalAlternative(original, fixes, requirement, failing, opened, probes.length),
  );
  return {
    fixes,
    verified,
    checksFailing: failing.length,
    checksFixed,
    checksOpenedElsewhere,
    detail,
    unfixable: unfixable.sorted(),
    requirements,
    removals,
  };
}

const conditionKeys = (requirements: readonly ConditionRequirement[]): string[] =>
  [...new Set(requirements.flatMap((requirement) => requirement.clauses.map((failing) => failing.clause.key)))].sort();

const list = (param: unknown): string[] => (Array.isArray(param) ? param : []);

/**
 * Why denials have no fix, each once, in a stable order: SCP levels without a policy first, then Denies no edit
 * narrows, gates without a policy, and Denies that cannot be edited, each kind by its place.
 */
class Unfixable {
  private readonly entries = new Map<string, { order: string; message: Message<AlternativeCode> }>();

  add(entry: Message<AlternativeCode>): void {
    const key = JSON.stringify(entry);
    if (this.entries.has(key)) return;
    const p = entry.params;
    const order =
      entry.code === 'scp-level-without-policy'
        ? `0 ${p.level} has`
        : entry.code === 'deny-not-narrowable'
          ? `1 ${placeKey(p)} stops`
          : entry.code === 'no-policy-for-allow'
            ? `2 ${p.policyType} policy`
            : `3 ${placeKey(p)} ${entry.code === 'deny-not-located' ? 'could' : 'enforces'}`;
    this.entries.set(key, { order, message: entry });
  }

  sorted(): Message<AlternativeCode>[] {
    return [...this.entries.values()]
      .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
      .map((entry) => entry.message);
  }
}

// Orders entries as their words sort (a place is "file:line (Sid X)"), so the order does not change with the wording.
const placeKey = (p: Message['params']): string => `${p.statement}${p.sid ? ` (Sid ${p.sid})` : ''}`;

/**
 * Each round opens at least one gate or edits at least one Deny, and a fix can reveal only the next
 * gate or Deny: one round per gate (up to seven SCP levels, the identity policies, the boundary, the
 * session policies) and per Deny statement is always enough.
 */
function maxRounds(input: EvaluationInput): number {
  const policies = [
    ...input.identity,
    ...(input.scpLevels ?? []).flatMap((level) => level.policies),
    ...(input.permissionsBoundary ? [input.permissionsBoundary] : []),
    ...(input.sessionPolicies ?? []),
    ...(input.vpcEndpoint ? [input.vpcEndpoint.policy] : []),
  ];
  const gates =
    (input.scpLevels?.length ?? 0) +
    1 +
    (input.permissionsBoundary ? 1 : 0) +
    (input.sessionPolicies ? 1 : 0) +
    (input.vpcEndpoint ? 1 : 0);
  const denies = policies.reduce(
    (count, policy) => count + policy.statements.filter((statement) => statement.effect === 'Deny').length,
    0,
  );
  return gates + denies;
}

interface Failing {
  readonly check: EvaluatedCheck;
  readonly decision: Decision;
}

function groupByDeny(
  failing: readonly Failing[],
  requestOf: (check: EvaluatedCheck) => Request,
): { statement: MatchedStatement; requests: Request[] }[] {
  const groups = new Map<string, { statement: MatchedStatement; requests: Request[] }>();
  for (const { check, decision } of failing) {
    if (decision.decision !== 'explicit-deny') continue;
    const statement = decision.reason[0];
    if (!statement) continue;
    const key = `${statement.policyType}|${statement.level ?? ''}|${statementKey(statement)}`;
    const group = groups.get(key) ?? { statement, requests: [] };
    group.requests.push(requestOf(check));
    groups.set(key, group);
  }
  return [...groups.values()];
}

function groupByClosedGate(
  failing: readonly Failing[],
  requestOf: (check: EvaluatedCheck) => Request,
): { decision: Decision; requests: Request[]; checks: EvaluatedCheck[] }[] {
  const groups = new Map<string, { decision: Decision; requests: Request[]; checks: EvaluatedCheck[] }>();
  for (const { check, decision } of failing) {
    if (decision.decision !== 'implicit-deny') continue;
    const key = `${decision.deniedBy}|${decision.deniedAtLevel ?? ''}`;
    const group = groups.get(key) ?? { decision, requests: [], checks: [] };
    group.requests.push(requestOf(check));
    group.checks.push(check);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function denyFix(
  input: EvaluationInput,
  original: EvaluationInput,
  fixes: readonly PlannedFix[],
  group: { statement: MatchedStatement; requests: Request[] },
  opened: (input: EvaluationInput) => number,
  unfixable: Unfixable,
  memo: DecisionMemo,
): PlannedFix | undefined {
  const target = locatePolicy(original, group.statement);
  const current = locatePolicy(input, group.statement);
  const statement = current?.policy.statements.find((candidate) => candidate.index === group.statement.statementIndex);
  const where = { statement: matchAt(group.statement), sid: group.statement.sid ?? null };
  if (!target || !statement) {
    unfixable.add(message('deny-not-located', where));
    return undefined;
  }
  // A Deny that enforces a guardrail is met by calling with that guardrail (the guardrail rule says so), never
  // narrowed: that would let calls without the guardrail through.
  if (enforcesGuardrail(statement)) {
    unfixable.add(message('deny-enforces-guardrail', { ...where, key: 'bedrock:GuardrailIdentifier' }));
    return undefined;
  }
  const index = target.policy.statements.findIndex((candidate) => candidate.index === statement.index);
  for (const candidate of denyEditCandidates(statement, group.requests)) {
    const edit: PolicyEdit =
      candidate.kind === 'remove'
        ? { kind: 'remove-statement', target, index }
        : { kind: 'replace-statement', target, index, statement: candidate.statement! };
    const trial = applyEdits(original, [...fixes.map((fix) => fix.edit), edit]);
    const freed = group.requests.every((request) => !deniedBySame(memo.evaluate(trial, request), group.statement));
    if (freed && opened(trial) === 0)
      return {
        edit,
        message: message('edit-deny', { edits: [JSON.stringify(candidate.edit)] }),
        owner: OWNERS[group.statement.policyType],
      };
  }
  unfixable.add(message('deny-not-narrowable', where));
  return undefined;
}

function enforcesGuardrail(statement: { readonly conditions: readonly { readonly key: string }[] }): boolean {
  return statement.conditions.some((clause) => clause.key.toLowerCase() === 'bedrock:guardrailidentifier');
}

function sameStatement(a: PolicyEdit, b: PolicyEdit): boolean {
  return (
    a.kind !== 'add-statement' &&
    b.kind !== 'add-statement' &&
    a.target.policy === b.target.policy &&
    a.index === b.index
  );
}

/** Whether the statement itself still denies: the same file position in the same place (one file can be attached at several SCP levels). */
function deniedBySame(decision: Decision, statement: MatchedStatement): boolean {
  const deny = decision.decision === 'explicit-deny' ? decision.reason[0] : undefined;
  return (
    deny !== undefined &&
    deny.policyType === statement.policyType &&
    deny.level === statement.level &&
    samePlace(deny, statement)
  );
}

// currentFixes() runs many times a round; an entry's requests only ever grow, so its fixes are rebuilt
// only when it has new ones (the same fix objects, hence the same edited policies, in between).
const allowFixCache = new WeakMap<object, { readonly count: number; readonly fixes: PlannedFix[] }>();

function allowFixesOf(entry: { target: PolicyRef; owner: FixOwner; requests: readonly Request[] }): PlannedFix[] {
  const cached = allowFixCache.get(entry);
  if (cached && cached.count === entry.requests.length) return cached.fixes;
  const fixes = allowFixes(entry);
  allowFixCache.set(entry, { count: entry.requests.length, fixes });
  return fixes;
}

/** The API-key grant is a fix of its own beside the invoke grants of the same policy: each finding shows its own. */
function allowFixes(entry: { target: PolicyRef; owner: FixOwner; requests: readonly Request[] }): PlannedFix[] {
  const bearer = entry.requests.filter((request) => isBearerTokenAction(request.action));
  const invoke = entry.requests.filter((request) => !isBearerTokenAction(request.action));
  return [invoke, bearer].filter((requests) => requests.length > 0).map((requests) => allowFix({ ...entry, requests }));
}

function allowFix({
  target,
  owner,
  requests,
}: {
  target: PolicyRef;
  owner: FixOwner;
  requests: readonly Request[];
}): PlannedFix {
  const taken = new Set(
    target.policy.statements.map((statement) => statement.sid).filter((sid): sid is string => sid !== undefined),
  );
  const granted = allowStatementsFor(requests, taken);
  const principal = target.policyType === 'vpc-endpoint' ? endpointPrincipal(requests) : undefined;
  // An endpoint policy's statements must name a Principal: the caller, or every principal when its ARN is not known.
  const statements =
    principal === undefined ? granted : granted.map((statement) => withPrincipal(statement, principal));
  return {
    grants: true,
    edit: { kind: 'add-statement', target, statements },
    message: message('add-allow-statements', {
      statements: statements.length,
      policyName: target.policy.name,
      level: target.level ?? null,
      requests: requests.length,
      everyPrincipal: principal === '*',
    }),
    owner,
  };
}

function endpointPrincipal(requests: readonly Request[]): unknown {
  const arns = new Set(requests.map((request) => request.context.values.get('aws:principalarn')?.join(',')));
  const [arn] = arns;
  return arns.size === 1 && arn !== undefined && !arn.includes(',') ? { AWS: arn } : '*';
}

/** Principal after Effect, as policies are written. */
function withPrincipal(statement: StatementJson, principal: unknown): StatementJson {
  const { Sid, Effect, ...rest } = statement;
  return { ...(Sid !== undefined ? { Sid } : {}), Effect, Principal: principal, ...rest };
}

function allowTarget(input: EvaluationInput, policyType: PolicyType, level: string | undefined): PolicyRef | undefined {
  // A built-in policy (the root user's access, an assumed FullAWSAccess) is in no file: never the target of an edit.
  const policies = writtenPoliciesOf(input, policyType, level);
  // At an SCP level the last policy is the one attached for this purpose, not FullAWSAccess.
  const policy = policyType === 'scp' ? policies.at(-1) : policies[0];
  return policy && { policyType, ...(policyType === 'scp' && level !== undefined ? { level } : {}), policy };
}
