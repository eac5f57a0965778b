import {
  APPLY_GUARDRAIL,
  classifyModel,
  isBearerTokenAction,
  normalizeActions,
  parseGuardrail,
} from '../bedrock/index.js';
import {
  cliHint,
  decidingStatements,
  dependsOnHint,
  parseArn,
  policyTypeName,
  parsePrincipal,
  type Finding,
  type PolicyType,
  type PrincipalPolicies,
} from '../model/index.js';
import { check } from './check.js';
import { checkInputFrom, type CheckOptions } from './check-input-from.js';
import type {
  Assumption,
  CallOptions,
  Note,
  Unresolved,
  CheckEntry,
  ReportOutcome,
  ReportStatement,
} from '../model/index.js';
import type { Explanation } from '../diagnose/explain/explain.js';
import { RULES } from '../diagnose/rules/index.js';
import { knownSignatures } from '../diagnose/explain/signatures/index.js';

/** The caller's policies and what check() takes, except what the message itself tells: the model, Region and actions. */
export interface ReproduceInput
  extends PrincipalPolicies,
    Omit<CheckOptions, 'model' | 'region' | 'actions' | 'assumptions'> {
  readonly explanation: Explanation;
  /** --model: the model id the call used (e.g. the inference profile whose destination the message names). */
  readonly model?: string;
  /** --region: the caller's Region; otherwise the Region of the resource ARN, then `fallbackRegion`. */
  readonly region?: string;
  /** AWS_REGION / AWS_DEFAULT_REGION / us-east-1, with the assumption that names where it came from. */
  readonly fallbackRegion: { readonly region: string; readonly assumption: Assumption };
}

type ReproductionStatus = 'reproduced' | 'not-reproduced' | 'not-applicable';

export interface Reproduction {
  /**
   * `reproduced`: re-evaluating the policies yields exactly the message's text for its action and resource;
   * `not-reproduced`: it yields something else (see `reason`); `not-applicable`: the message is not one a
   * re-evaluation of policies can produce (no action and resource, another service's action, a resource
   * policy-check cannot expand).
   */
  readonly status: ReproductionStatus;
  readonly reason: string;
  /** The message as the text shows it. */
  readonly expectedMessage: string;
  /** What AWS would return for the check on the message's resource, per the policies given. */
  readonly predictedMessage: string | null;
  readonly sameText: boolean;
  /** The check denies the way the message says (explicit or implicit, by the same policy type). */
  readonly sameDenial: boolean;
  /** What was evaluated, when something was. */
  readonly evaluated:
    | ({
        readonly model: string;
        readonly region: string;
        readonly action: string;
        readonly principal: string;
        readonly principalFrom: 'option' | 'message' | 'placeholder';
      } & CallOptions)
    | null;
  /** The check whose action and resource are the message's. */
  readonly check: CheckEntry | null;
  /**
   * For a check whose message depends on unknown context (`check.possibleOutcomes`), the possible
   * denial whose message is the pasted one: its `when` says under which condition AWS returns it.
   */
  readonly outcome?: ReportOutcome;
  /** The statements that produce the denial: the matching Deny statements of the denying policy type (none for an implicit deny). */
  readonly statements: readonly ReportStatement[];
  readonly findings: readonly Finding[];
  readonly unresolved: readonly Unresolved[];
  readonly assumptions: readonly Assumption[];
  readonly notes: readonly Note[];
}

/**
 * Re-evaluates the policies for the action and resource the message names and says whether they produce
 * the same message. Pure: the policies are already loaded, the clock is an input.
 */
export function reproduceError(input: ReproduceInput): Reproduction {
  const { explanation } = input;
  const { fields } = explanation;
  const expectedMessage = explanation.message;
  const notApplicable = (reason: string): Reproduction => ({
    status: 'not-applicable',
    reason,
    expectedMessage,
    predictedMessage: null,
    sameText: false,
    sameDenial: false,
    evaluated: null,
    check: null,
    statements: [],
    findings: [],
    unresolved: [],
    assumptions: [],
    notes: [],
  });

  if (explanation.status === 'unrecognised') return notApplicable('the text is not an error policy-check recognises');
  if (isPolicyIndependent(explanation)) {
    return notApplicable(
      `${explanation.title} is not an authorization failure: no identity policy, SCP, permissions boundary or session policy causes it, so the policies given were not re-evaluated`,
    );
  }
  // bedrock:CallWithBearerToken has no resource type: its resource is "*" even where the text is cut before it.
  if (fields.action !== null && fields.resource === null && isBearerTokenAction(fields.action))
    return reproduceError({ ...input, explanation: { ...explanation, fields: { ...fields, resource: '*' } } });
  if (fields.action === null || fields.resource === null) {
    return notApplicable(
      fields.policyType === null
        ? `the message names no action and resource to re-evaluate (${explanation.title}: ${staticNote(explanation)})`
        : `the message names no ${missingNames(fields)} to re-evaluate${explanation.truncated ? ' (it is cut off: they are unknown, pass the complete text)' : ''}`,
    );
  }
  // Applying a guardrail is one request of an invocation that names it: the guardrail is the message's resource,
  // the model is the one the call used.
  const guardrail = fields.action === APPLY_GUARDRAIL ? parseGuardrail(fields.resource) : undefined;
  if (guardrail && !guardrail.ok)
    return notApplicable(`the message's resource is not a guardrail: ${guardrail.reason}`);
  if (guardrail && input.model === undefined) {
    return notApplicable(
      `the message is about applying the guardrail ${fields.resource} during an invocation${cliHint('reproduce-model-region')}`,
    );
  }
  // An API key's request (bedrock:CallWithBearerToken on "*") names no model: the call's model is given, and
  // the call is re-evaluated as one made with an API key.
  const bearer = isBearerTokenAction(fields.action);
  if (bearer && input.model === undefined) {
    return notApplicable(
      `bedrock:CallWithBearerToken is authorized on "*", which names no model to re-evaluate${cliHint('reproduce-model-region')}`,
    );
  }
  const actions = guardrail
    ? { ok: true as const, actions: [APPLY_GUARDRAIL] }
    : bearer
      ? { ok: true as const, actions: [fields.action] }
      : normalizeActions([fields.action]);
  const action = actions.ok ? actions.actions[0] : undefined;
  if (action === undefined) {
    return notApplicable(
      `policy-check evaluates bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream; the message is about ${fields.action}`,
    );
  }

  const target = guardrail
    ? { model: input.model!, region: parseArn(fields.resource)?.region }
    : bearer
      ? { model: input.model! }
      : modelFor(fields.resource, input.model);
  if ('problem' in target) return notApplicable(target.problem);
  const assumptions = [...(input.assumptions ?? [])];
  let region = input.region ?? target.region;
  if (region === undefined) {
    region = input.fallbackRegion.region;
    assumptions.push(input.fallbackRegion.assumption);
  }

  let principal = input.principal;
  let principalFrom: 'option' | 'message' | 'placeholder' = 'option';
  if (!principal) {
    principal = fields.principal === null ? undefined : parsePrincipal(fields.principal);
    principalFrom = principal ? 'message' : 'placeholder';
  }

  // The Region assumption follows the source's (SCP) assumptions, as the report has always listed them.
  const report = check(
    checkInputFrom(
      { ...input, ...(principal ? { principal } : {}), assumptions },
      {
        model: target.model,
        region,
        // The guardrail's or the API key's request comes with the invoke requests of the call, whichever it was.
        actions: guardrail || bearer ? [] : [action],
        ...(guardrail ? { guardrail: guardrail.guardrail } : input.guardrail ? { guardrail: input.guardrail } : {}),
        // The operation the client named (InvokeModelWithBidirectionalStream is authorized as bedrock:InvokeModel): noted.
        ...(explanation.operation ? { operations: [explanation.operation] } : {}),
        ...(bearer ? { apiKey: input.apiKey ?? {} } : input.apiKey ? { apiKey: input.apiKey } : {}),
        ...(input.context ? { context: input.context } : {}),
        assumeAbsent: input.assumeAbsent ?? false,
        ...(input.profileRegions ? { profileRegions: input.profileRegions } : {}),
        ...(input.serviceTier ? { serviceTier: input.serviceTier } : {}),
        // A model read from the message's resource ARN is one AWS itself named: no typo to catch.
        ...(input.model === undefined || input.trustModel === true ? { trustModel: true } : {}),
        now: input.now,
        toolVersion: input.toolVersion,
        ...(input.catalog ? { catalog: input.catalog } : {}),
        ...(input.vpcEndpointPolicy ? { vpcEndpointPolicy: input.vpcEndpointPolicy } : {}),
      },
    ),
  );
  const { auth, guardrail: named, serviceTier, operations } = report.input;
  const evaluated = {
    model: target.model,
    region,
    action,
    principal: report.input.principal,
    principalFrom,
    // How the reproduced call was made, as the check recorded it (only what was given or read from the message).
    ...(auth ? { auth } : {}),
    ...(named ? { guardrail: named } : {}),
    ...(serviceTier !== undefined ? { serviceTier } : {}),
    ...(operations ? { operations } : {}),
  };
  const entry =
    report.checks.find((candidate) => candidate.action === action && candidate.resource === fields.resource) ?? null;
  const base = {
    expectedMessage,
    evaluated,
    findings: report.findings,
    unresolved: report.unresolved,
    assumptions: report.assumptions,
    notes: report.notes,
  };
  if (!entry) {
    const checked = report.checks.map((candidate) => candidate.resource);
    return {
      ...base,
      status: 'not-reproduced',
      reason:
        `re-evaluating ${target.model} in ${region} has no check on ${fields.resource}` +
        (checked.length > 0 ? ` (it checks ${[...new Set(checked)].join(', ')})` : '') +
        (input.model === undefined ? cliHint('reproduce-model-region') : ''),
      predictedMessage: null,
      sameText: false,
      sameDenial: false,
      check: null,
      statements: [],
    };
  }

  const expectedDecision =
    fields.denial === 'explicit' ? 'explicit-deny' : fields.denial === 'implicit' ? 'implicit-deny' : null;
  // A denial whose message depends on unknown context: the pasted text is reproduced when it is one of
  // the messages AWS may return, under that outcome's condition.
  const outcome = entry.possibleOutcomes?.find((candidate) => candidate.message === expectedMessage);
  const denials = entry.possibleOutcomes ?? [{ decision: entry.decision, deniedBy: entry.deniedBy }];
  const sameDenial =
    expectedDecision !== null &&
    denials.some((denial) => denial.decision === expectedDecision && denial.deniedBy === fields.policyType);
  const sameText = outcome !== undefined || (entry.message !== null && entry.message === expectedMessage);
  const statements =
    entry.decision === 'explicit-deny'
      ? decidingStatements(entry.decision, entry.statements).filter(
          (statement) => statement.policyType === entry.deniedBy,
        )
      : [];
  return {
    ...base,
    status: sameText ? 'reproduced' : 'not-reproduced',
    reason: !sameText
      ? mismatchReason(explanation, entry, sameDenial, principalFrom, input)
      : outcome && entry.possibleOutcomes!.length > 1 && new Set(entry.possibleOutcomes!.map((o) => o.message)).size > 1
        ? `the policies produce exactly this message ${outcomeWhen(outcome)}; it is one of ${entry.possibleOutcomes!.length} denials AWS may return for this check, depending on ${outcomeKeys(entry.possibleOutcomes!)}`
        : 'the policies produce exactly this message',
    predictedMessage: outcome?.message ?? entry.message,
    sameText,
    sameDenial,
    check: entry,
    ...(outcome ? { outcome } : {}),
    statements: outcome ? outcome.statements.filter((statement) => statement.effect === 'Deny') : statements,
  };
}

/** "if the Deny at deny.json:4 applies": the condition under which AWS returns one possible denial. */
function outcomeWhen(outcome: ReportOutcome): string {
  if (outcome.when.length === 0) return outcome.dependsOn ? dependsOnHint(outcome.dependsOn) : 'whatever the context';
  const parts = outcome.when.map(({ holds, condition }) => {
    if (condition.kind === 'deny-if') {
      const deny = condition.alternatives[0]?.statement;
      return `the Deny${deny && !deny.builtIn ? ` at ${deny.file}:${deny.line}` : ''} ${holds ? 'applies' : 'does not apply'}`;
    }
    const gate = `the ${policyTypeName(condition.policyType)}${condition.level ? ` at level ${condition.level}` : ''}`;
    return `${gate} ${holds ? 'allows' : 'does not allow'} it`;
  });
  return `if ${parts.join(' and ')}${outcome.dependsOn ? `, ${dependsOnHint(outcome.dependsOn)}` : ''}`;
}

/** "aws:SourceIp, aws:SourceVpc": the context keys the possible denials depend on, sorted. */
function outcomeKeys(outcomes: readonly ReportOutcome[]): string {
  const keys = new Set<string>();
  for (const { when } of outcomes)
    for (const { condition } of when)
      for (const alternative of condition.alternatives) for (const clause of alternative.clauses) keys.add(clause.key);
  return keys.size > 0 ? [...keys].sort().join(', ') : 'statements the engine could not fully evaluate';
}

/** The model to expand so that one of its checks is on `resource`, and the Region that resource pins. */
function modelFor(
  resource: string,
  model: string | undefined,
): { model: string; region?: string } | { problem: string } {
  const identifier = classifyModel(resource);
  const arnRegion =
    'arn' in identifier && identifier.arn && identifier.arn.region !== '' ? identifier.arn.region : undefined;
  if (model !== undefined)
    return { model, ...(arnRegion && identifier.kind !== 'foundation-model' ? { region: arnRegion } : {}) };
  switch (identifier.kind) {
    case 'unknown':
      return { problem: `the resource ${resource} is not a model ARN policy-check can expand (${identifier.reason})` };
    case 'foundation-model':
      // A Region-less foundation-model ARN is what a global inference profile is authorized on.
      return arnRegion ? { model: identifier.modelId, region: arnRegion } : { model: `global.${identifier.modelId}` };
    default:
      return { model: resource, ...(arnRegion ? { region: arnRegion } : {}) };
  }
}

function mismatchReason(
  explanation: Explanation,
  entry: CheckEntry,
  sameDenial: boolean,
  principalFrom: 'option' | 'message' | 'placeholder',
  input: ReproduceInput,
): string {
  const { fields } = explanation;
  const expected = fields.policyType
    ? `${fields.denial === 'explicit' ? 'an explicit deny in' : 'no allow in'} the ${policyTypeName(fields.policyType)}`
    : 'a denial';
  if (entry.decision === 'allowed') {
    return `the policies given allow ${entry.action} on ${entry.resource}, but the message says ${expected}${missingPolicyNote(fields.policyType, input)}`;
  }
  if (entry.decision === 'conditional') {
    return `the decision depends on request context policy-check does not know (see the check's conditions); ${cliHint('reproduce-context')}`;
  }
  const denialText = (decision: string, deniedBy: PolicyType) =>
    `${decision === 'explicit-deny' ? 'an explicit deny in' : 'no allow in'} the ${policyTypeName(deniedBy)}`;
  if (entry.possibleOutcomes && !sameDenial) {
    const possible = [
      ...new Set(entry.possibleOutcomes.map((outcome) => denialText(outcome.decision, outcome.deniedBy))),
    ];
    return `the policies deny it in every context, by ${possible.join(' or ')} depending on ${outcomeKeys(entry.possibleOutcomes)}, but the message says ${expected}`;
  }
  // With possible outcomes and the same denial, one of them denies the way the message says.
  const got = entry.possibleOutcomes
    ? expected
    : entry.deniedBy
      ? denialText(entry.decision, entry.deniedBy)
      : entry.decision;
  if (!sameDenial) return `the policies given deny it by ${got}, but the message says ${expected}`;
  if (explanation.truncated)
    return `the policies deny it the same way (${got}), but the message is cut off, so its text cannot match exactly`;
  if (principalFrom === 'placeholder') {
    return `the policies deny it the same way (${got}); the message's principal ${fields.principal === null ? '(not shown)' : `"${fields.principal}"`} is not a complete ARN, ${cliHint('reproduce-principal')}`;
  }
  if (fields.policyArn !== null && !(entry.message ?? '').includes(fields.policyArn)) {
    return `the policies deny it the same way (${got}); AWS named the policy ${fields.policyArn}, which the files given do not carry ${cliHint('reproduce-scp-arn')}`;
  }
  return `the policies deny it the same way (${got}), but the text differs`;
}

function missingPolicyNote(policyType: PolicyType | null, input: ReproduceInput): string {
  if (policyType === 'scp' && !input.scpLevels) return cliHint('scp-not-given');
  if (policyType === 'permissions-boundary' && !input.permissionsBoundary) return cliHint('boundary-not-given');
  if (policyType === 'session-policy' && !(input.sessionPolicies && input.sessionPolicies.length > 0))
    return cliHint('session-policy-not-given');
  if (policyType === 'vpc-endpoint' && !input.vpcEndpointPolicy) return cliHint('vpce-policy-not-given');
  return '';
}

function staticNote(explanation: Explanation): string {
  return RULES.find((rule) => rule.id === explanation.rule)?.notInPolicies ?? 'not a policy decision';
}

function isPolicyIndependent(explanation: Explanation): boolean {
  return knownSignatures().some(
    (signature) => signature.id === explanation.signature && signature.policyIndependent === true,
  );
}

function missingNames(fields: Explanation['fields']): string {
  const missing = [fields.action === null ? 'action' : null, fields.resource === null ? 'resource' : null].filter(
    (name) => name !== null,
  );
  return missing.join(' and ');
}
