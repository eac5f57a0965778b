import { accessDeniedMessage, type CatalogModel } from '../../../bedrock/index.js';
import { evaluate, type EvaluationInput } from '../../../engine/evaluate.js';
import { decisionMemo, type DecisionMemo } from '../../../engine/decision-memo.js';
import {
  formatSpan,
  message,
  type Decision,
  type Finding,
  type FindingLocation,
  type Fix,
  type MatchedStatement,
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
import { OWNERS, policiesOf, removalOf, type PolicyEdit } from '../../fix/policy-edit.js';
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
  const label = `${model.name} (${model.modelId})`;
  if (before.every((decision) => decision.decision === 'allowed'))
    return notSubscribed ? firstCallSubscribes(evaluation, model) : undefined;

  const intro = notSubscribed
    ? `GetFoundationModelAvailability reports no AWS Marketplace subscription to ${label} for the account in ${evaluation.expansion.region}, so the call must subscribe it.`
    : model.marketplace
      ? `${label} is sold through AWS Marketplace (catalog dated ${catalogDate}).`
      : `Whether ${label} is sold through AWS Marketplace is unknown (the catalog dated ${catalogDate} cannot tell); if it is, this applies.`;
  const why =
    ' The first call in an account makes Bedrock subscribe the account to the model, which needs aws-marketplace:Subscribe and ' +
    'aws-marketplace:ViewSubscriptions from the caller; once the model is enabled in the account, calls need no Marketplace permission. ' +
    `The actions were evaluated on resource * with the context of the InvokeModel checks.`;
  const denied = requests
    .map((request, index) => ({ request, decision: before[index]! }))
    .filter((entry): entry is { request: Request; decision: Denial } => isDenied(entry.decision));
  const alternatives = [
    // Known not subscribed, "already enabled" is not a way out.
    ...(notSubscribed
      ? []
      : [
          `If the model is already enabled in the account, nothing is needed: aws bedrock get-foundation-model-availability --model-id ${model.modelId} ` +
            `--region ${evaluation.expansion.region} shows agreementAvailability AVAILABLE.`,
        ]),
    'Someone whose permissions allow these actions can enable the model once for the account (by invoking it, or with ' +
      'CreateFoundationModelAgreement); after that the caller needs no Marketplace permission.',
  ];

  if (denied.length === 0) {
    return {
      rule: 'model-access',
      severity: 'note',
      title: `Whether the caller may subscribe to ${label} through AWS Marketplace depends on conditions`,
      cause: `${intro}${why} The decision depends on ${conditionKeys(before)}.`,
      locations: [],
      checks: requests.map((request) => `${request.action} on ${request.resource}`),
      fixes: [],
      alternatives,
    };
  }

  // A message that depends on unknown context is never written as certain, and a conditional action is said to be so.
  const messages = requests.flatMap((request, index) => {
    const decision = before[index]!;
    if (decision.decision === 'conditional')
      return [`${request.action}: conditional, allowed or denied depending on ${conditionKeys([decision])}.`];
    return isDenied(decision) ? [deniedText(evaluation, request, decision)] : [];
  });
  const plan = planChanges(evaluation.evaluationInput, requests, memo.evaluate);
  const proposed = plan.steps.map((step) => {
    const checked = verification(evaluation, requests, before, plan, step, memo.evaluate);
    return { works: checked.verified, fix: toFix(step, checked) };
  });
  // Only the changes of a plan the re-evaluation showed to work are shown as fixes (an instruction among
  // them is still not verified: the tool cannot apply it); the rest is advice.
  const fixes = proposed.filter(({ works }) => works).map(({ fix }) => fix);
  const unverified = proposed
    .filter(({ works }) => !works)
    .map(({ fix }) => `not verified: ${fix.summary} (${fix.verification.detail})`);
  return {
    rule: 'model-access',
    // Known not subscribed, the denial stops the call itself, not only a first use that may lie in the past.
    severity: notSubscribed ? 'error' : model.marketplace ? 'warning' : 'note',
    title: `First use of ${label} in the account needs AWS Marketplace permissions the policies deny`,
    predictedError: { exception: 'AccessDeniedException', message: MARKETPLACE_DENIED },
    cause: `${intro}${why} ${messages.join(' ')}`,
    locations: dedupe(denied.flatMap(({ decision }) => decidingLocations(evaluation.evaluationInput, decision))),
    checks: denied.map(({ request }) => `${request.action} on ${request.resource}`),
    fixes,
    alternatives: [...(plan.stuck ? [plan.stuck] : []), ...unverified, ...alternatives],
  };
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
function deniedText(evaluation: Evaluation, request: Request, decision: Denial): string {
  const outcomes = decision.possibleOutcomes ?? [];
  const possible = [...new Set(outcomes.map((outcome) => outcomeMessage(evaluation, request, outcome)))];
  if (possible.length <= 1) return `${request.action}: "${iamMessage(evaluation, request, decision)}".`;
  const keys = new Set(outcomes.flatMap((outcome) => outcome.when.flatMap(({ residual }) => residualKeys(residual))));
  const on =
    keys.size > 0
      ? `the unknown context key(s) ${[...keys].sort().join(', ')}`
      : 'conditions the engine cannot resolve';
  return `${request.action}: denied in every context, but which message AWS returns depends on ${on}: ${possible.map((message) => `"${message}"`).join(' or ')}.`;
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

function conditionKeys(decisions: readonly Decision[]): string {
  const keys = new Set<string>();
  for (const decision of decisions) {
    for (const residual of decision.residuals ?? []) for (const key of residualKeys(residual)) keys.add(key);
  }
  return keys.size > 0
    ? `the unknown context key(s) ${[...keys].sort().join(', ')}`
    : 'conditions the engine cannot resolve';
}

function location(match: MatchedStatement): FindingLocation {
  return {
    file: match.file,
    line: match.line,
    column: match.column,
    policyType: match.policyType,
    policyName: match.policyName,
    ...(match.sid !== undefined ? { sid: match.sid } : {}),
  };
}

/** The statements that decided a denial: the Deny statements, or, for an implicit deny, the policies of the gate that allowed nothing. */
function decidingLocations(input: EvaluationInput, decision: Denial): FindingLocation[] {
  if (decision.decision === 'explicit-deny') {
    return decision.reason.map(location);
  }
  const gate = gateOf(decision);
  const inGate = decision.statements.filter(
    (statement) => statement.policyType === gate.policyType && statement.level === gate.level,
  );
  if (inGate.length > 0) return inGate.map(location);
  return policiesOf(input, gate.policyType, gate.level).map((policy) => ({
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
  | { readonly kind: 'remove'; readonly match: MatchedStatement; readonly actions: readonly string[] };

interface Plan {
  readonly steps: readonly Step[];
  /** The input with every step applied. */
  readonly input: EvaluationInput;
  /** Why the plan stops short of allowing both actions, when it does. */
  readonly stuck?: string;
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
  let stuck: string | undefined;
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
        if (!deny || !removal) return false;
        const denying = requests
          .filter((_, i) => decisions[i]!.statements.some((s) => sameStatement(s, deny)))
          .map((r) => r.action);
        steps.push({ kind: 'remove', match: deny, actions: denying });
        edits.push(removal);
        return true;
      }
      const gate = gateOf(decision);
      const policies = policiesOf(initial, gate.policyType, gate.level);
      // At an SCP level the last policy is the one attached for this purpose, not FullAWSAccess.
      const policy = gate.policyType === 'scp' ? policies.at(-1) : policies[0];
      if (!policy) {
        stuck = `No policy ${gate.level ? `at ${gate.level} ` : ''}could take an Allow for ${actions.join(' and ')}: attach one.`;
        return false;
      }
      steps.push({ kind: 'add', gate, policyName: policy.name, file: policy.file, actions });
      edits.push({ kind: 'add-statement', target: { ...gate, policy }, statements: [ALLOW_MARKETPLACE] });
      return true;
    },
  });
  const { input } = loop;
  if (stuck !== undefined) return { steps, input, stuck };
  if (loop.outcome !== 'allowed')
    return { steps, input, stuck: 'No change to the policies given was found that allows both actions.' };
  const decisions = requests.map((request) => evaluate(input, request));
  return decisions.some((decision) => decision.decision === 'conditional')
    ? { steps, input, stuck: `With the changes applied, the decision still depends on ${conditionKeys(decisions)}.` }
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
  const others = plan.steps.length - 1;
  const scope = [
    step.kind === 'remove' ? 'simulated by removing the Deny statement' : 'with the statement added',
    others > 0 ? `together with the other ${others} change${others > 1 ? 's' : ''} of this finding` : '',
  ]
    .filter((part) => part !== '')
    .join(', ');
  const outcome = requests.map((request, i) => `${request.action} ${after[i]!.decision}`).join(', ');
  const opened =
    checksOpenedElsewhere > 0
      ? `; ${checksOpenedElsewhere} InvokeModel check${checksOpenedElsewhere > 1 ? 's' : ''} that ${checksOpenedElsewhere > 1 ? 'were' : 'was'} not allowed become${checksOpenedElsewhere > 1 ? '' : 's'} allowed too`
      : '';
  return { verified, checksFixed, checksOpenedElsewhere, detail: `re-evaluated ${scope}: ${outcome}${opened}` };
}

function gateName(gate: GateRef, policyName: string): string {
  switch (gate.policyType) {
    case 'identity':
      return `the identity-based policy ${policyName}`;
    case 'scp':
      return `the SCP ${policyName} attached at ${gate.level ?? 'its level'}`;
    case 'permissions-boundary':
      return `the permissions boundary ${policyName}`;
    case 'session-policy':
      return `the session policy ${policyName}`;
    case 'vpc-endpoint':
      return `the VPC endpoint policy ${policyName}`;
  }
}

function toFix(step: Step, verification: Fix['verification']): Fix {
  const both = MARKETPLACE_ACTIONS.join(' and ');
  if (step.kind === 'add') {
    const owner = OWNERS[step.gate.policyType];
    const where = gateName(step.gate, step.policyName);
    const steps = [
      `Add the statement to ${where}${step.file !== step.policyName ? ` (${step.file})` : ''}: no statement there allows ${step.actions.join(' and ')}.`,
      'The permissions are needed only until the model is enabled in the account; the statement can be removed afterwards ' +
        `(${DOCS.modelAccessPermissions}).`,
    ];
    if (step.gate.policyType === 'scp') {
      steps.splice(
        1,
        0,
        'Every SCP level from the root to the account must allow an action; an organization administrator changes SCPs.',
      );
    }
    return {
      kind: 'add-statement',
      owner,
      summary: `Allow ${both} in ${where}`,
      file: step.file,
      statement: ALLOW_MARKETPLACE,
      steps,
      verification,
    };
  }
  const match = step.match;
  const where = `${formatSpan(match)}${match.sid ? ` (Sid ${match.sid})` : ''}`;
  const gate: GateRef = { policyType: match.policyType, ...(match.level !== undefined ? { level: match.level } : {}) };
  if (match.policyType === 'identity') {
    // Removing the statement would also lift whatever else it denies, so the fix is to narrow it.
    return {
      kind: 'instructions',
      owner: OWNERS.identity,
      summary: `Take ${both} out of the Deny statement at ${where}, which denies ${step.actions.join(' and ')}`,
      file: match.file,
      location: location(match),
      steps: [
        `Narrow the statement so it no longer matches ${both} (for example add them to its NotAction, or add a condition), ` +
          'keeping everything else it denies; removing it outright would lift those denials too.',
      ],
      verification: asInstruction(verification),
    };
  }
  const who: Readonly<Record<Exclude<PolicyType, 'identity'>, string>> = {
    scp: "The organization's administrators (AWS Organizations management account or delegated administrator)",
    'permissions-boundary': "Whoever manages the caller's permissions boundary",
    'session-policy': 'Whoever creates the session (the AssumeRole / GetFederationToken caller)',
    'vpc-endpoint': 'Whoever manages the VPC endpoint',
  };
  return {
    kind: 'instructions',
    owner: OWNERS[match.policyType],
    summary: `${who[match.policyType as Exclude<PolicyType, 'identity'>]} must exempt ${both} for this caller from the Deny statement at ${where} in ${gateName(gate, match.policyName)}`,
    file: match.file,
    location: location(match),
    steps: [
      `The Deny statement at ${where} denies ${step.actions.join(' and ')}; an explicit Deny cannot be overridden by an Allow anywhere else.`,
      `Change it so that it no longer applies to ${both} for this caller (for example a condition on aws:PrincipalArn), or remove it.`,
      'Alternatively, have an identity the statement does not restrict enable the model for the account once; afterwards the caller needs no Marketplace permission.',
    ],
    verification: asInstruction(verification),
  };
}

/**
 * An instruction is never verified: the tool cannot make the change it describes (narrowing a Deny, or
 * a change someone else makes); only removing the statement was simulated.
 */
function asInstruction(verification: Fix['verification']): Fix['verification'] {
  return { ...verification, verified: false, detail: `an instruction the tool cannot apply; ${verification.detail}` };
}
