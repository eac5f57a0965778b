import {
  accessDeniedMessage,
  expandModel,
  shippedCatalog,
  type AuthorizationRequest,
  type Expansion,
} from '../bedrock/index.js';
import { evaluate, type EvaluationInput } from '../engine/evaluate.js';
import {
  message,
  placeholderPrincipal,
  uniqueMessages,
  type Assumption,
  type InputIssue,
  type Note,
  type Unresolved,
  withPolicyId,
  type Decision,
  type Finding,
  type MatchedStatement,
  type Policy,
  type ReportPolicy,
  type PolicyType,
  type Principal,
  type Request,
} from '../model/index.js';
import type { CheckInput } from '../diagnose/check-input.js';
import type { EvaluatedCheck, Evaluation } from '../diagnose/evaluation.js';
import { ambiguitiesOf, decideWithGuess } from './ambiguity.js';
import { requestContextFor } from '../diagnose/request-context.js';
import { untrustedIdentifier } from './untrusted-identifier.js';
import { apiKeyMessages, apiKeyRequests, invokeRequestsWithApiKey } from './api-key-requests.js';
import { listedProfileFor } from './listed-profile.js';
import { guardrailRequests } from './guardrail-requests.js';
import { invokeHop, invokeKeyNotes } from './invoke-keys.js';
import { routedModelsFor } from './routed-models.js';
import { callOptionsOf } from './call-options.js';
import { modelAccessNotes, modelAccessUnresolved } from '../diagnose/rules/model-access/availability.js';
import { diagnose } from '../diagnose/rules/index.js';
import { forgettingNewPolicies } from '../engine/compiled-policy.js';
import { toReportCondition, toReportOutcome, toReportStatement } from '../diagnose/report-entries.js';
import type { CheckEntry, CheckReport, Verdict } from '../model/index.js';

export type { CheckInput };

// Keys the expansion sets request by request; a --context value overrides them all alike.
const PER_REQUEST_KEYS = new Set(['aws:requestedregion', 'bedrock:inferenceprofilearn', 'bedrock:promptrouterarn']);

/**
 * Expands the model into the requests AWS authorizes, evaluates each, and diagnoses the failures. The edited
 * copies of policies that fix planning evaluates are forgotten when it returns (the policies themselves stay
 * compiled): a process checking thousands of principals kept hundreds of MB of them.
 */
export function check(input: CheckInput): CheckReport {
  return checkDiagnosingWith(input, forgettingNewPolicies);
}

/**
 * check() for a caller that releases compiled policies itself (the matrix, after each account): fix planning's
 * edited copies stay compiled, for the next principal group that needs the same edit (an SCP's).
 */
export function checkKeepingEdits(input: CheckInput): CheckReport {
  return checkDiagnosingWith(input, (diagnosis) => diagnosis());
}

function checkDiagnosingWith(input: CheckInput, run: (diagnosis: () => Finding[]) => Finding[]): CheckReport {
  const { evaluation, unresolved, assumptions, notes } = evaluateChecks(input);
  const findings = run(() => diagnose(evaluation));
  return buildReport(evaluation, findings, unresolved, assumptions, notes, policiesUnresolved(input));
}

/**
 * The evaluation half of check(): every request AWS authorizes for the call, decided by the engine.
 * @public bench/run.mjs times it from dist/ (check() minus diagnosis).
 */
export function evaluateChecks(input: CheckInput): {
  evaluation: Evaluation;
  unresolved: Unresolved[];
  assumptions: Assumption[];
  notes: Note[];
} {
  const principal = input.principal ?? placeholderPrincipal();
  // The one default of the catalog below the composition root: the library's check() without one.
  const catalog = input.catalog ?? shippedCatalog();
  const listed = listedProfileFor(input);
  const routed = routedModelsFor(input);
  const expansion = expansionFor(
    {
      model: input.model,
      region: input.region,
      account: principal.account,
      partition: principal.kind === 'placeholder' ? undefined : principal.partition,
      actions: input.actions,
      ...(input.profileRegions ? { profileRegions: input.profileRegions } : {}),
      ...(listed ? { listedProfile: listed } : {}),
      ...(routed ? { routedModelArns: routed } : {}),
    },
    catalog,
  );
  const assumptions: Assumption[] = [
    ...principal.assumptions,
    ...(input.assumptions ?? []),
    ...(input.context && Object.keys(input.context).some((key) => key.toLowerCase() === 'aws:viaawsservice')
      ? []
      : [message('caller-signs-itself')]),
  ];
  const overridden = Object.keys(input.context ?? {}).filter((key) => PER_REQUEST_KEYS.has(key.toLowerCase()));
  const notes: Note[] = [
    ...(input.inputWarnings ?? []).map(inputWarningNote),
    ...expansion.notes,
    ...expansion.warnings.map((warning) => message('expansion-warning', { code: warning.code, text: warning.message })),
    ...overridden.map((key) => message('context-override', { key })),
    ...invokeKeyNotes(input, expansion.actions),
  ];
  const unresolved: Unresolved[] = [
    ...expansion.problems.map((problem) => message('expansion-problem', { code: problem.code, text: problem.message })),
    // Another account's resource also needs its owner's resource-based policy, which is not evaluated; a
    // profile the account's live list lacks may not be offered at all.
    ...expansion.warnings
      .filter((warning) => warning.code === 'other-account' || warning.code === 'profile-not-listed')
      .map((warning) =>
        message(warning.code === 'other-account' ? 'other-account' : 'profile-not-listed', { text: warning.message }),
      ),
    ...overridden.map((key) => message('context-override-what-if', { key })),
    ...untrustedIdentifier(expansion, input),
    ...(input.unresolvedPolicies ?? []).map((policy) =>
      message('unresolved-policy', { arn: policy.arn, reason: policy.reason }),
    ),
  ];

  const guarded = guardrailRequests(input, principal, expansion);
  unresolved.push(...guarded.unresolved);
  assumptions.push(...guarded.assumptions);
  notes.push(...guarded.notes);
  const apiKey = apiKeyMessages(input, principal);
  assumptions.push(...apiKey.assumptions);
  notes.push(...apiKey.notes);
  unresolved.push(...apiKey.unresolved);

  const evaluation = evaluationInputFor(input, principal, notes);
  const ambiguities = ambiguitiesOf(principal);
  const checks: EvaluatedCheck[] = [];
  for (const authorization of [
    ...invokeRequestsWithApiKey(guarded.requests, input),
    ...apiKeyRequests(input, principal),
  ]) {
    const request: Request = {
      action: authorization.action,
      resource: authorization.resource,
      context: requestContextFor(principal, input, invokeHop(authorization, input)),
    };
    let decision = evaluate(evaluation, request);
    let guessed: Request | undefined;
    for (const ambiguity of ambiguities) {
      const alternative = ambiguity.alternative(request);
      if (!alternative) continue;
      const decided = decideWithGuess(decision, evaluate(evaluation, alternative), ambiguity.dependsOn);
      if (decided === 'conditional') {
        unresolved.push(
          message('depends-on-guess', {
            action: authorization.action,
            resource: authorization.resource,
            on: ambiguity.dependsOn.code,
          }),
        );
        // What is pending is who the principal is, not a statement's condition: no statement decided.
        decision = undecidedBeyondStatements(decision);
        break;
      }
      if (decided !== decision) {
        // Denied either way: still denied, but which error AWS returns depends on the guess.
        notes.push(
          message('denial-depends-on-guess', {
            action: authorization.action,
            resource: authorization.resource,
            on: ambiguity.dependsOn.code,
          }),
        );
        decision = decided;
        guessed = alternative;
        break;
      }
    }
    // A policy that could not be read may deny what the others allow: never report allowed.
    if (decision.decision === 'allowed' && policiesUnresolved(input)) {
      decision = undecidedBeyondStatements(decision);
    }
    // Where AWS's documentation and practice disagree, the engine left the statement undecided: say why.
    for (const statement of decision.statements)
      for (const reason of statement.undecided ?? [])
        notes.push(
          message(
            'statement-undecided',
            statement.location
              ? { file: statement.location.file, line: statement.location.line, reason }
              : { policy: statement.policyName, reason },
          ),
        );
    checks.push({
      authorization,
      request,
      decision,
      entry: toEntry(authorization, request, decision, principal),
      ...(guessed ? { guessed: [guessed] } : {}),
    });
  }
  if (!expansion.complete && expansion.problems.length === 0) unresolved.push(message('expansion-incomplete'));
  const evaluated: Evaluation = { input, principal, expansion, catalog, evaluationInput: evaluation, checks };
  // The account's model access, when read: what it leaves open keeps the check from being allowed.
  unresolved.push(...modelAccessUnresolved(evaluated));
  notes.push(...modelAccessNotes(evaluated));
  return { evaluation: evaluated, unresolved, assumptions, notes };
}

type ExpansionInput = Parameters<typeof expandModel>[0];
type Catalog = NonNullable<CheckInput['catalog']>;

// A matrix checks every model once per group of principals: an expansion depends only on its input and
// the catalog, and is read-only, so each is computed once. Bounded, as a library caller may ask for anything.
const expansions = new WeakMap<Catalog, Map<string, Expansion>>();
const MAX_EXPANSIONS = 10_000;

function expansionFor(request: ExpansionInput, catalog: Catalog): Expansion {
  let cache = expansions.get(catalog);
  if (!cache) {
    cache = new Map();
    expansions.set(catalog, cache);
  }
  const key = JSON.stringify([
    request.model,
    request.region,
    request.account,
    request.partition ?? null,
    request.actions,
    request.profileRegions ?? null,
    request.listedProfile ?? null,
    request.routedModelArns ?? null,
  ]);
  let expansion = cache.get(key);
  if (!expansion) {
    expansion = expandModel(request, catalog);
    if (cache.size >= MAX_EXPANSIONS) cache.clear();
    cache.set(key, expansion);
  }
  return expansion;
}

function policiesUnresolved(input: CheckInput): boolean {
  return (input.unresolvedPolicies?.length ?? 0) > 0;
}

function inputWarningNote(issue: InputIssue): Note {
  const { severity, file, line, column, message: text, code } = issue;
  return message('input-warning', { severity, file, line, column, message: text, code });
}

function evaluationInputFor(input: CheckInput, principal: Principal, notes: Note[]): EvaluationInput {
  const isSession =
    principal.kind === 'role-session' || principal.kind === 'federated-user' || principal.kind === 'placeholder';
  let scpLevels = input.scpLevels;
  if (scpLevels && principal.serviceLinkedRole) {
    notes.push(message('service-linked-role-scps-ignored'));
    scpLevels = undefined;
  }
  let sessionPolicies = input.sessionPolicies;
  if (sessionPolicies && sessionPolicies.length > 0 && !isSession) {
    notes.push(message('session-policies-ignored', { kind: principal.kind }));
    sessionPolicies = undefined;
  }
  if (principal.kind === 'federated-user' && (!sessionPolicies || sessionPolicies.length === 0)) {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getfederationtoken.html
    notes.push(message('federated-user-without-session-policy'));
    sessionPolicies = [];
  }
  if (principal.kind === 'root') {
    // "All requests are implicitly denied with the exception of the AWS account root user, which has full
    // access" (IAM User Guide, policy evaluation logic); only SCPs restrict it. No policy can be attached to it.
    const ignored = input.identity.length > 0 || input.permissionsBoundary !== undefined;
    notes.push(message('root-user', { policiesIgnored: ignored }));
    return { identity: [rootUserAccess()], ...(scpLevels ? { scpLevels } : {}), ...vpcEndpointOf(input) };
  }
  return {
    identity: input.identity,
    ...(scpLevels ? { scpLevels } : {}),
    ...(input.permissionsBoundary ? { permissionsBoundary: input.permissionsBoundary } : {}),
    ...(sessionPolicies && (sessionPolicies.length > 0 || principal.kind === 'federated-user')
      ? { sessionPolicies }
      : {}),
    ...vpcEndpointOf(input),
  };
}

/** The bedrock-runtime endpoint serves Bedrock's actions only: a Marketplace call does not go through it. */
function vpcEndpointOf(input: CheckInput): Pick<EvaluationInput, 'vpcEndpoint'> {
  return input.vpcEndpointPolicy ? { vpcEndpoint: { policy: input.vpcEndpointPolicy, actionPrefix: 'bedrock:' } } : {};
}

const ROOT_USER_ACCESS_NAME = 'root user full access';
let rootUserAccessPolicy: Policy | undefined;
/**
 * The root user's implicit full access, as the identity gate's one Allow: built in, so it has no location.
 * Built on first use: its id is a hash, which a check of any other principal would compute for nothing.
 */
const rootUserAccess = (): Policy =>
  (rootUserAccessPolicy ??= withPolicyId({
    type: 'identity',
    name: ROOT_USER_ACCESS_NAME,
    builtIn: true,
    version: '2012-10-17',
    statements: [
      {
        effect: 'Allow',
        action: ['*'],
        resource: ['*'],
        conditions: [],
        span: { file: ROOT_USER_ACCESS_NAME, line: 1, column: 1 },
        index: 0,
      },
    ],
  }));

function toEntry(
  authorization: AuthorizationRequest,
  request: Request,
  decision: Decision,
  principal: Principal,
): CheckEntry {
  const requestedRegion = request.context.values.get('aws:requestedregion')?.[0] ?? '';
  const profileArn = request.context.values.get('bedrock:inferenceprofilearn')?.[0] ?? null;
  const messageOf = (
    kind: 'explicit-deny' | 'implicit-deny',
    policyType: PolicyType,
    deny: MatchedStatement | undefined,
  ): string =>
    accessDeniedMessage({
      principal: principal.displayArn,
      action: authorization.action,
      resource: authorization.resource,
      policyType,
      kind: kind === 'explicit-deny' ? 'explicit' : 'implicit',
      ...(deny?.policyArn ? { policyArn: deny.policyArn } : {}),
    });
  let message: string | null = null;
  if ((decision.decision === 'explicit-deny' || decision.decision === 'implicit-deny') && decision.deniedBy !== null) {
    message = messageOf(decision.decision, decision.deniedBy, decision.reason[0]);
  }
  const possibleOutcomes = decision.possibleOutcomes?.map((outcome) =>
    toReportOutcome(
      outcome,
      messageOf(
        outcome.decision,
        outcome.deniedBy,
        outcome.decision === 'explicit-deny' ? outcome.statements[0] : undefined,
      ),
    ),
  );
  // Which message AWS returns depends on the context: none is presented as certain.
  if (possibleOutcomes && new Set(possibleOutcomes.map((outcome) => outcome.message)).size > 1) message = null;
  return {
    action: authorization.action,
    resource: authorization.resource,
    requestedRegion,
    reason: authorization.why,
    inferenceProfileArn: profileArn,
    decision: decision.decision,
    deniedBy: decision.deniedBy,
    deniedAtLevel: decision.deniedAtLevel ?? null,
    message,
    statements: decision.statements.map(toReportStatement),
    ...(decision.decision === 'conditional' ? { conditions: (decision.residuals ?? []).map(toReportCondition) } : {}),
    ...(possibleOutcomes ? { possibleOutcomes } : {}),
  };
}

function buildReport(
  evaluation: Evaluation,
  findings: readonly Finding[],
  unresolved: Unresolved[],
  assumptions: Assumption[],
  notes: Note[],
  policiesIncomplete: boolean,
): CheckReport {
  const { input, principal, expansion, catalog } = evaluation;
  const checks = evaluation.checks.map((check) => check.entry);
  const count = (kind: CheckEntry['decision']) => checks.filter((check) => check.decision === kind).length;
  const summary = {
    allowed: count('allowed'),
    explicitDeny: count('explicit-deny'),
    implicitDeny: count('implicit-deny'),
    conditional: count('conditional'),
  };
  const policies: ReportPolicy[] = [
    ...input.identity.map((policy) => reportPolicy(policy)),
    ...(input.scpLevels ?? []).flatMap((level) => level.policies.map((policy) => reportPolicy(policy, level.name))),
    ...(input.permissionsBoundary ? [reportPolicy(input.permissionsBoundary)] : []),
    ...(input.sessionPolicies ?? []).map((policy) => reportPolicy(policy)),
    ...(input.vpcEndpointPolicy ? [reportPolicy(input.vpcEndpointPolicy)] : []),
  ];
  return {
    schemaVersion: 1,
    tool: { name: 'policy-check', version: input.toolVersion },
    catalogDate: expansion.catalogDate || catalog.compiledOn,
    input: {
      model: input.model,
      modelKind: expansion.identifier.kind,
      region: input.region,
      principal: principal.displayArn,
      principalIsPlaceholder: principal.kind === 'placeholder',
      actions: [...expansion.actions],
      ...callOptionsOf(input),
      policies,
    },
    verdict: verdictOf(summary, checks.length, unresolved.length > 0, policiesIncomplete),
    summary,
    // Expansion order is meaningful (the profile, then each destination) and already deterministic.
    checks,
    findings,
    unresolved: uniqueMessages(unresolved),
    assumptions: uniqueMessages(assumptions),
    notes: uniqueMessages(notes),
  };
}

function verdictOf(
  summary: CheckReport['summary'],
  total: number,
  incomplete: boolean,
  policiesIncomplete: boolean,
): Verdict {
  // An explicit deny stands whatever the unread policies say; an implicit one could be lifted by them.
  if (summary.explicitDeny > 0) return 'denied';
  if (policiesIncomplete) return 'incomplete';
  if (summary.implicitDeny > 0) return 'denied';
  if (incomplete || total === 0) return 'incomplete';
  if (summary.conditional > 0) return 'conditional';
  return 'allowed';
}

/** Conditional on something outside every statement (who the caller is, a policy not read): no statement decides. */
function undecidedBeyondStatements(decision: Decision): Decision {
  return { decision: 'conditional', deniedBy: null, statements: decision.statements, reason: [], residuals: [] };
}

/** A policy as the report's input lists it: a built-in one (an assumed FullAWSAccess) has no file. */
function reportPolicy(policy: Policy, level?: string): ReportPolicy {
  const place = policy.builtIn ? { builtIn: true as const } : { file: policy.file };
  return { type: policy.type, name: policy.name, ...place, ...(level !== undefined ? { level } : {}) };
}
