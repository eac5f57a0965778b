import { accessDeniedMessage, type CatalogModel } from '../../../bedrock/index.js';
import { evaluate, type EvaluationInput } from '../../../engine/evaluate.js';
import { decisionMemo, type DecisionMemo } from '../../../engine/decision-memo.js';
import {
  matchFindingLocation,
  type AlternativeCode,
  formatSpan,
  message,
  type Decision,
  type Finding,
  type FindingLocation,
  type Fix,
  type FixDetailCode,
  type MatchedStatement,
  type Message,
  type MessageParam,
  type PolicyType,
  type PossibleOutcome,
  type Request,
  type Residual,
  type RequestContext,
  statementKey,
} from '../../../model/index.js';
import type { Evaluation } from '../../evaluation.js';
import { requestContextFor } from '../../request-context.js';
import { runEditLoop } from '../../fix/edit-loop.js';
import { OWNERS, removalOf, writtenPoliciesOf, type PolicyEdit } from '../../fix/policy-edit.js';
import { NO_POLICY_CHANGE } from './catalog-findings.js';
import { DOCS, MARKETPLACE_DENIED } from './texts.js';

/**
 * The AWS Marketplace actions Bedrock needs from the caller when a third-party model is first used in
 * an account: the ones its denial names ("… the required AWS Marketplace actions
 * (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) …"). The model-access page
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html) also lists
 * aws-marketplace:Unsubscribe among the prerequisites; auto-enablement does not use it.
 */
const MARKETPLACE_ACTIONS: readonly string[] = ['aws-marketplace:Subscribe', 'aws-marketplace:ViewSubscriptions'];

const ALLOW_MARKETPLACE = {
  Sid: 'AllowBedrockMarketplaceSubscription',
  Effect: 'Allow',
  Action: [...MARKETPLACE_ACTIONS],
  Resource: '*',
};

/** One place that must allow a request, as the engine attributes denials: a policy type, and the level for SCPs. */
interface GateRef {
  readonly policyType: PolicyType;
  readonly level?: string;
}

const MAX_ROUNDS = 8;

/**
 * For a model sold through AWS Marketplace (or one the catalog cannot tell about), whether the
 * policies let the caller perform the Marketplace actions of the automatic subscription on first use;
 * when they do not, a warning with the changes that let them, verified by re-evaluating the actions
 * with the changes applied.
 */
export function marketplaceFinding(
  evaluation: Evaluation,
  model: CatalogModel,
  catalogDate: string,
  notSubscribed = false,
): Finding | undefined {
  if (model.marketplace === false) return undefined;
  const requests = marketplaceRequests(evaluation);
  // The plan and its verification ask the same requests of the same inputs again: answers kept for this finding only.
  const memo = decisionMemo();
  const before = requests.map((request) => memo.evaluate(evaluation.evaluationInput, request));
  if (before.every((decision) => decision.decision === 'allowed'))
    return notSubscribed ? firstCallSubscribes(evaluation, model) : undefined;

  const params = {
    modelName: model.name,
    modelId: model.modelId,
    region: evaluation.expansion.region,
    catalogDate,
    subscription: notSubscribed ? 'not-subscribed' : model.marketplace ? 'sold' : 'unknown',
  };
  const denied = requests
    .map((request, index) => ({ request, decision: before[index]! }))
    .filter((entry): entry is { request: Request; decision: Denial } => isDenied(entry.decision));
  const alternatives: Message<AlternativeCode>[] = [
    // Known not subscribed, "already enabled" is not a way out.
    ...(notSubscribed
      ? []
      : [message('marketplace-already-enabled', { modelId: model.modelId, region: evaluation.expansion.region })]),
    message('marketplace-enable-once'),
  ];

  if (denied.length === 0) {
    return {
      rule: 'model-access',
      severity: 'note',
      message: message('marketplace-permissions-conditional', { ...params, keys: conditionKeys(before) }),
      locations: [],
      checks: requests.map((request) => `${request.action} on ${request.resource}`),
      fixes: [],
      alternatives,
    };
  }

  const plan = planChanges(evaluation.evaluationInput, requests, memo.evaluate);
  const proposed = plan.steps.map((step) => {
    const checked = verification(evaluation, requests, before, plan, step, memo.evaluate);
    return { works: checked.verified, fix: toFix(step, checked) };
  });
  // Only the changes of a plan the re-evaluation showed to work are shown as fixes (an instruction among
  // them is still not verified: the tool cannot apply it); the rest is advice.
  const fixes = proposed.filter(({ works }) => works).map(({ fix }) => fix);
  const unverified = proposed.filter(({ works }) => !works).map(({ fix }) => notVerified(fix));
  return {
    rule: 'model-access',
    // Known not subscribed, the denial stops the call itself, not only a first use that may lie in the past.
    severity: notSubscribed ? 'error' : model.marketplace ? 'warning' : 'note',
    message: message('marketplace-permissions-denied', {
      ...params,
      actions: requests.map((request) => request.action),
      ...actionOutcomes(evaluation, requests, before),
    }),
    predictedError: { exception: 'AccessDeniedException', message: MARKETPLACE_DENIED },
    locations: dedupe(denied.flatMap(({ decision }) => decidingLocations(evaluation.evaluationInput, decision))),
    checks: denied.map(({ request }) => `${request.action} on ${request.resource}`),
    fixes,
    alternatives: [...(plan.stuck ? [plan.stuck] : []), ...unverified, ...alternatives],
  };
}

/**
 * What each action's evaluation says, as the finding's params: `outcomes` (conditional, denied or allowed), and for
 * the Nth action `keysN` (the unknown keys it depends on) and `messagesN` (the AccessDenied texts AWS may return; a
 * message that depends on unknown context is never written as certain, and a conditional action is said to be so).
 */
function actionOutcomes(
  evaluation: Evaluation,
  requests: readonly Request[],
  before: readonly Decision[],
): Record<string, MessageParam> {
  const params: Record<string, MessageParam> = {};
  const outcomes = requests.map((request, index) => {
    const decision = before[index]!;
    if (decision.decision === 'conditional') {
      params[`keys${index}`] = conditionKeys([decision]);
      return 'conditional';
    }
    if (!isDenied(decision)) return 'allowed';
    Object.assign(params, deniedMessages(evaluation, request, decision, index));
    return 'denied';
  });
  return { outcomes, ...params };
}

/** A fix the re-evaluation did not show to work, as advice: its message's params beside its re-evaluation's. */
function notVerified(fix: Fix): Message<AlternativeCode> {
  const detail = fix.verification.detail as Message<FixDetailCode>;
  return message('marketplace-change-not-verified', {
    fix: fix.message!.code,
    ...fix.message!.params,
    ...detail.params,
  });
}

function marketplaceRequests(evaluation: Evaluation): Request[] {
  const context = marketplaceContext(evaluation);
  return MARKETPLACE_ACTIONS.map((action) => ({ action, resource: '*', context }));
}

/** Whether the policies let the caller perform the Marketplace actions of a first-call subscription. */
export function marketplaceDecision(evaluation: Evaluation): 'allowed' | 'denied' | 'conditional' {
  const decisions = marketplaceRequests(evaluation).map((request) => evaluate(evaluation.evaluationInput, request));
  if (decisions.some(isDenied)) return 'denied';
  return decisions.every((decision) => decision.decision === 'allowed') ? 'allowed' : 'conditional';
}

/**
 * Not subscribed yet, with the Marketplace permissions in place: the first call subscribes the account
 * (model-access.html, "Understanding automatic model access"), which also needs a valid payment method.
 */
function firstCallSubscribes(evaluation: Evaluation, model: CatalogModel): Finding {
  const params = { modelName: model.name, modelId: model.modelId, region: evaluation.expansion.region };
  return {
    rule: 'model-access',
    severity: 'warning',
    message: message('first-call-subscribes', params),
    locations: [],
    checks: evaluation.checks.map((check) => `${check.authorization.action} on ${check.authorization.resource}`),
    fixes: [
      {
        kind: 'instructions',
        owner: 'account-admin',
        message: message('subscribe-before-first-call', { ...params, docs: DOCS.modelAccess }),
        file: null,
        verification: NO_POLICY_CHANGE,
      },
    ],
  };
}

/** The context of the first InvokeModel check (its derived keys and the user's --context), or the derived keys when there is none. */
function marketplaceContext(evaluation: Evaluation): RequestContext {
  return evaluation.checks[0]?.request.context ?? requestContextFor(evaluation.principal, evaluation.input);
}

type Denial = Decision & { readonly deniedBy: PolicyType };

function isDenied(decision: Decision): decision is Denial {
  return (decision.decision === 'explicit-deny' || decision.decision === 'implicit-deny') && decision.deniedBy !== null;
}

function firstDeny(decision: Decision): MatchedStatement | undefined {
  return decision.decision === 'explicit-deny' ? decision.reason[0] : undefined;
}

/** The AccessDenied message of a denied action; when which message AWS returns depends on unknown context, each possible one and on what. */
function deniedMessages(
  evaluation: Evaluation,
  request: Request,
  decision: Denial,
  index: number,
): Record<string, MessageParam> {
  const outcomes = decision.possibleOutcomes ?? [];
  const possible = [...new Set(outcomes.map((outcome) => outcomeMessage(evaluation, request, outcome)))];
  if (possible.length <= 1) return { [`messages${index}`]: [iamMessage(evaluation, request, decision)] };
  const keys = new Set(outcomes.flatMap((outcome) => outcome.when.flatMap(({ residual }) => residualKeys(residual))));
  return { [`keys${index}`]: [...keys].sort(), [`messages${index}`]: possible };
}

function outcomeMessage(evaluation: Evaluation, request: Request, outcome: PossibleOutcome): string {
  const deny = outcome.decision === 'explicit-deny' ? outcome.statements[0] : undefined;
  return accessDeniedMessage({
    principal: evaluation.principal.displayArn,
    action: request.action,
    resource: request.resource,
    policyType: outcome.deniedBy,
    kind: outcome.decision === 'explicit-deny' ? 'explicit' : 'implicit',
    ...(deny?.policyArn ? { policyArn: deny.policyArn } : {}),
  });
}

function residualKeys(residual: Residual): string[] {
  const statements = residual.kind === 'deny-if' ? [residual.statement] : residual.alternatives;
  return statements.flatMap((statement) => statement.unresolved.map((clause) => clause.key));
}

function iamMessage(evaluation: Evaluation, request: Request, decision: Denial): string {
  const deny = decision.decision === 'explicit-deny' ? firstDeny(decision) : undefined;
  return accessDeniedMessage({
    principal: evaluation.principal.displayArn,
    action: request.action,
    resource: request.resource,
    policyType: decision.deniedBy,
    kind: decision.decision === 'explicit-deny' ? 'explicit' : 'implicit',
    ...(deny?.policyArn ? { policyArn: deny.policyArn } : {}),
  });
}

/** The unknown context keys the decisions depend on, sorted (none: conditions the engine cannot resolve). */
function conditionKeys(decisions: readonly Decision[]): string[] {
  const keys = new Set<string>();
  for (const decision of decisions) {
    for (const residual of decision.residuals ?? []) for (const key of residualKeys(residual)) keys.add(key);
  }
  return [...keys].sort();
}

/** Where the statements are written; a built-in one (no location) has no place to point at. */
function locationsOf(matches: readonly MatchedStatement[]): FindingLocation[] {
  return matches.flatMap((match) => matchFindingLocation(match) ?? []);
}

/** The statements that decided a denial: the Deny statements, or, for an implicit deny, the policies of the gate that allowed nothing. */
function decidingLocations(input: EvaluationInput, decision: Denial): FindingLocation[] {
  if (decision.decision === 'explicit-deny') {
    return locationsOf(decision.reason);
  }
  const gate = gateOf(decision);
  const inGate = decision.statements.filter(
    (statement) => statement.policyType === gate.policyType && statement.level === gate.level,
  );
  if (inGate.length > 0) return locationsOf(inGate);
  // A built-in policy is in no file: nothing to point at.
  const written = writtenPoliciesOf(input, gate.policyType, gate.level);
  return written.map((policy) => ({
    file: policy.file,
    line: 1,
    column: 1,
    policyType: policy.type,
    policyName: policy.name,
  }));
}

function gateOf(decision: Denial): GateRef {
  return {
    policyType: decision.deniedBy,
    ...(decision.deniedAtLevel !== undefined ? { level: decision.deniedAtLevel } : {}),
  };
}

function dedupe(locations: readonly FindingLocation[]): FindingLocation[] {
  const seen = new Map<string, FindingLocation>();
  for (const entry of locations) seen.set(`${formatSpan(entry)}|${entry.policyName ?? ''}`, entry);
  return [...seen.values()];
}

type Step =
  | {
      readonly kind: 'add';
      readonly gate: GateRef;
      readonly policyName: string;
      readonly file: string;
      readonly actions: readonly string[];
    }
  | {
      readonly kind: 'remove';
      readonly match: MatchedStatement;
      /** Where the Deny is written: a removable statement always is. */
      readonly location: FindingLocation;
      readonly actions: readonly string[];
    };

interface Plan {
  readonly steps: readonly Step[];
  /** The input with every step applied. */
  readonly input: EvaluationInput;
  /** Why the plan stops short of allowing both actions, when it does. */
  readonly stuck?: Message<AlternativeCode>;
}

/**
 * The changes that let the caller perform both actions, found one gate at a time in the engine's
 * order of attribution by the fix planner's edit loop: an explicit Deny is lifted (simulated by removing
 * the statement), a gate that allows nothing gets an Allow statement. Stops when both are allowed or
 * nothing changes.
 */
function planChanges(initial: EvaluationInput, requests: readonly Request[], evaluate: DecisionMemo['evaluate']): Plan {
  const steps: Step[] = [];
  const edits: PolicyEdit[] = [];
  let stuck: Message<AlternativeCode> | undefined;
  const loop = runEditLoop<Decision[]>({
    original: initial,
    maxRounds: MAX_ROUNDS,
    edits: () => edits,
    stillDenied: (input) => {
      const decisions = requests.map((request) => evaluate(input, request));
      return decisions.some(isDenied) ? decisions : undefined;
    },
    revise: (_input, decisions) => {
      const decision = decisions.find(isDenied)!;
      const actions = requests.filter((_, i) => isDenied(decisions[i]!)).map((request) => request.action);
      if (decision.decision === 'explicit-deny') {
        const deny = firstDeny(decision);
        const removal = deny && removalOf(initial, deny);
        const location = deny && matchFindingLocation(deny);
        if (!deny || !removal || !location) return false;
        const denying = requests
          .filter((_, i) => decisions[i]!.statements.some((s) => sameStatement(s, deny)))
          .map((r) => r.action);
        steps.push({ kind: 'remove', match: deny, location, actions: denying });
        edits.push(removal);
        return true;
      }
      const gate = gateOf(decision);
      const policies = writtenPoliciesOf(initial, gate.policyType, gate.level);
      // At an SCP level the last policy is the one attached for this purpose, not FullAWSAccess.
      const policy = gate.policyType === 'scp' ? policies.at(-1) : policies[0];
      if (!policy) {
        stuck = message('marketplace-no-policy-for-allow', { level: gate.level ?? null, actions });
        return false;
      }
      steps.push({ kind: 'add', gate, policyName: policy.name, file: policy.file, actions });
      edits.push({ kind: 'add-statement', target: { ...gate, policy }, statements: [ALLOW_MARKETPLACE] });
      return true;
    },
  });
  const { input } = loop;
  if (stuck !== undefined) return { steps, input, stuck };
  if (loop.outcome !== 'allowed') return { steps, input, stuck: message('marketplace-no-change-found') };
  const decisions = requests.map((request) => evaluate(input, request));
  return decisions.some((decision) => decision.decision === 'conditional')
    ? { steps, input, stuck: message('marketplace-still-conditional', { keys: conditionKeys(decisions) }) }
    : { steps, input };
}

function sameStatement(a: MatchedStatement, b: MatchedStatement): boolean {
  return a.policyType === b.policyType && a.level === b.level && statementKey(a) === statementKey(b);
}

/** Re-evaluates the Marketplace actions and every InvokeModel check with all the changes of the plan applied. */
function verification(
  evaluation: Evaluation,
  requests: readonly Request[],
  before: readonly Decision[],
  plan: Plan,
  step: Step,
  evaluate: DecisionMemo['evaluate'],
): Fix['verification'] {
  const after = requests.map((request) => evaluate(plan.input, request));
  const checksFixed = requests.filter((_, i) => isDenied(before[i]!) && after[i]!.decision === 'allowed').length;
  const checksOpenedElsewhere = evaluation.checks.filter(
    (check) => check.decision.decision !== 'allowed' && evaluate(plan.input, check.request).decision === 'allowed',
  ).length;
  const verified = after.every((decision) => decision.decision === 'allowed');
  const detail = message('marketplace-reevaluated', {
    removed: step.kind === 'remove',
    others: plan.steps.length - 1,
    evaluated: requests.map((request) => request.action),
    decisions: after.map((decision) => decision.decision),
    opened: checksOpenedElsewhere,
    instruction: false,
  });
  return { verified, checksFixed, checksOpenedElsewhere, detail };
}

function toFix(step: Step, verification: Fix['verification']): Fix {
  const actions = MARKETPLACE_ACTIONS;
  if (step.kind === 'add') {
    return {
      kind: 'add-statement',
      owner: OWNERS[step.gate.policyType],
      message: message('allow-marketplace-actions', {
        actions,
        denied: step.actions,
        policyType: step.gate.policyType,
        policyName: step.policyName,
        level: step.gate.level ?? null,
        file: step.file,
        docs: DOCS.modelAccessPermissions,
      }),
      file: step.file,
      statement: ALLOW_MARKETPLACE,
      verification,
    };
  }
  const { match, location } = step;
  const statement = { actions, denied: step.actions, at: formatSpan(location), sid: match.sid ?? null };
  // Removing an identity statement would also lift whatever else it denies, so the fix is to narrow it; another
  // gate's statement is its owner's to change.
  return {
    kind: 'instructions',
    owner: OWNERS[match.policyType],
    message:
      match.policyType === 'identity'
        ? message('narrow-marketplace-deny', statement)
        : message('exempt-marketplace-deny', {
            ...statement,
            policyType: match.policyType,
            policyName: match.policyName,
            level: match.level ?? null,
          }),
    file: location.file,
    location,
    verification: asInstruction(verification),
  };
}

/**
 * An instruction is never verified: the tool cannot make the change it describes (narrowing a Deny, or
 * a change someone else makes); only removing the statement was simulated.
 */
function asInstruction(verification: Fix['verification']): Fix['verification'] {
  const detail = verification.detail as Message<FixDetailCode>;
  return { ...verification, verified: false, detail: message(detail.code, { ...detail.params, instruction: true }) };
}
