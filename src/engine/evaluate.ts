import {
  compareMatchPlaces,
  decidingStatements,
  type Decision,
  type MatchedStatement,
  type Residual,
} from '../model/decision.js';
import type { Policy, PolicyType, ScpLevel } from '../model/policy.js';
import type { Request } from '../model/request.js';
import type { Tri } from '../model/tri.js';
import { compilePolicy, type CompiledPolicy, type CompiledStatement } from './compiled-policy.js';
import { possibleOutcomes, type GateAnswer } from './possible-outcomes.js';
import { matchStatement } from './statement-match.js';

/**
 * The policies that apply to one principal's request. Absent members do not restrict:
 * no `scpLevels` means the account is outside an organization or exempt (management account,
 * service-linked role); no `permissionsBoundary` means none is set; no `sessionPolicies` means
 * the principal is not a session or the session was created without them.
 */
export interface EvaluationInput {
  readonly identity: readonly Policy[];
  readonly scpLevels?: readonly ScpLevel[];
  readonly permissionsBoundary?: Policy;
  readonly sessionPolicies?: readonly Policy[];
  /**
   * The policy of the interface VPC endpoint the call goes through; absent when the call does not use one
   * (or its policy is not given). It gates only the actions of the endpoint's service (`actionPrefix`, e.g.
   * "bedrock:" for bedrock-runtime): a call to another service does not go through it.
   */
  readonly vpcEndpoint?: { readonly policy: Policy; readonly actionPrefix: string };
}

/** One place that must allow the request: the identity policies, one SCP level, the boundary, the session policies. */
interface Gate {
  /** Distinguishes gates in the per-statement cache of reported matches. */
  readonly key: string;
  readonly policyType: PolicyType;
  readonly level?: string;
  readonly policies: readonly Policy[];
  /** The policies compiled (looked up once per input, not once per request). */
  readonly compiled: readonly CompiledPolicy[];
  /** Set when the gate applies only to the actions that start with it (a VPC endpoint serves one service). */
  readonly actionPrefix?: string;
  /** Its place in a residual or an answer (type and level), and its two certain answers: built once per gate, not per request. */
  readonly where: { readonly policyType: PolicyType; readonly level?: string };
  readonly allows: GateAnswer;
  readonly allowsNothing: GateAnswer;
}

/**
 * The AWS policy evaluation logic for a request within one account
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an explicit Deny in any applicable policy wins; then every SCP level must allow; then an identity
 * policy must allow; then the permissions boundary and the session policies, where present; then the
 * policy of the VPC endpoint the call goes through. Gates are listed in that order, which is also the order in which a denial is attributed.
 */
export function evaluate(input: EvaluationInput, request: Request): Decision {
  return decide(gatesOf(input), request);
}

/**
 * Whether `evaluate(input, request)` is an explicit or implicit deny, without describing the statements: some
 * applicable gate has a Deny that certainly applies, or no Allow that may apply (true or unknown). A fix
 * planner asks this of every probe for every trial edit.
 */
export function denies(input: EvaluationInput, request: Request): boolean {
  for (const gate of gatesOf(input)) {
    if (gate.actionPrefix !== undefined && !request.action.toLowerCase().startsWith(gate.actionPrefix)) continue;
    let opens = false;
    for (const policy of gate.compiled) {
      const compiled = policy.forAction(request.action);
      for (const deny of compiled.denies) if (matchStatement(deny, request).applies === true) return true;
      if (!opens)
        for (const allow of compiled.allows)
          if (matchStatement(allow, request).applies !== false) {
            opens = true;
            break;
          }
    }
    if (!opens) return true;
  }
  return false;
}

function decide(gates: readonly Gate[], request: Request): Decision {
  const found: MatchedStatement[] = [];
  const foundGate: number[] = [];
  const denyResiduals: Residual[] = [];
  const answers: GateAnswer[] = [];
  let explicitDeny: MatchedStatement | undefined;
  let firstClosedGate: Gate | undefined;
  const allowResiduals: Residual[] = [];

  for (let gateIndex = 0; gateIndex < gates.length; gateIndex++) {
    const gate = gates[gateIndex]!;
    if (gate.actionPrefix !== undefined && !request.action.toLowerCase().startsWith(gate.actionPrefix)) continue;
    let gateAllows: Tri = false;
    const conditionalAllows: MatchedStatement[] = [];
    for (const policy of gate.compiled) {
      const compiled = policy.forAction(request.action);
      for (const deny of compiled.denies) {
        const outcome = matchStatement(deny, request);
        if (outcome.applies === false) continue;
        const matched = describe(deny, gate, outcome.applies === 'unknown', outcome.unresolved, outcome.undecided);
        found.push(matched);
        foundGate.push(gateIndex);
        if (outcome.applies === true) explicitDeny ??= matched;
        else denyResiduals.push({ kind: 'deny-if', policyType: gate.policyType, statement: matched });
      }
      for (const allow of compiled.allows) {
        const outcome = matchStatement(allow, request);
        if (outcome.applies === false) continue;
        const matched = describe(allow, gate, outcome.applies === 'unknown', outcome.unresolved, outcome.undecided);
        found.push(matched);
        foundGate.push(gateIndex);
        if (outcome.applies === true) gateAllows = true;
        else {
          conditionalAllows.push(matched);
          if (gateAllows === false) gateAllows = 'unknown';
        }
      }
    }
    if (gateAllows === false) firstClosedGate ??= gate;
    if (gateAllows === 'unknown') {
      const residual = { kind: 'allow-if-any' as const, ...gate.where, alternatives: conditionalAllows };
      allowResiduals.push(residual);
      answers.push({ ...gate.where, allows: 'unknown', residual });
    } else answers.push(gateAllows ? gate.allows : gate.allowsNothing);
  }

  const statements = found.length < 2 ? found : sortMatches(found, foundGate);
  // Which Deny AWS names when several apply is not documented: name the first in report order, so
  // that every consumer reading `reason` agrees with `deniedBy`.
  const denies = explicitDeny ? decidingStatements('explicit-deny', statements) : [];
  explicitDeny = denies[0];
  // Denied whatever the context, but a conditional Deny or a conditional gate before the deciding one
  // can change which denial AWS reports.
  const outcomes =
    (explicitDeny || firstClosedGate) && (denyResiduals.length > 0 || allowResiduals.length > 0)
      ? possibleOutcomes(
          statements
            .filter((statement) => statement.effect === 'Deny')
            .map((statement) => ({
              statement,
              residual: denyResiduals.find(
                (residual) => residual.kind === 'deny-if' && residual.statement === statement,
              ),
            })),
          answers,
        )
      : undefined;
  const uncertain = outcomes && outcomes.length > 1 ? { possibleOutcomes: outcomes } : {};
  if (explicitDeny) {
    return {
      decision: 'explicit-deny',
      deniedBy: explicitDeny.policyType,
      ...(explicitDeny.level !== undefined ? { deniedAtLevel: explicitDeny.level } : {}),
      statements,
      reason: denies,
      ...uncertain,
    };
  }
  if (firstClosedGate) {
    return {
      decision: 'implicit-deny',
      deniedBy: firstClosedGate.policyType,
      ...(firstClosedGate.level !== undefined ? { deniedAtLevel: firstClosedGate.level } : {}),
      statements,
      reason: [],
      ...uncertain,
    };
  }
  const residuals = [...allowResiduals, ...denyResiduals];
  if (residuals.length > 0) {
    const pending = new Set(
      residuals.flatMap((residual) => (residual.kind === 'deny-if' ? [residual.statement] : residual.alternatives)),
    );
    return {
      decision: 'conditional',
      deniedBy: null,
      statements,
      reason: statements.filter((statement) => pending.has(statement)),
      residuals,
    };
  }
  return { decision: 'allowed', deniedBy: null, statements, reason: decidingStatements('allowed', statements) };
}

// An evaluation input is immutable and usually asked about many requests: build its gates once. Its decisions
// are not kept: a caller that holds its inputs (an account's principals) would hold every answer with them.
const gateCache = new WeakMap<EvaluationInput, readonly Gate[]>();

function gatesOf(input: EvaluationInput): readonly Gate[] {
  let gates = gateCache.get(input);
  if (!gates) {
    gates = buildGates(input);
    gateCache.set(input, gates);
  }
  return gates;
}

function buildGates(input: EvaluationInput): Gate[] {
  const gates: Gate[] = [];
  for (const level of input.scpLevels ?? []) gates.push(gate(`scp|${level.name}`, 'scp', level.policies, level.name));
  gates.push(gate('identity', 'identity', input.identity));
  if (input.permissionsBoundary)
    gates.push(gate('permissions-boundary', 'permissions-boundary', [input.permissionsBoundary]));
  if (input.sessionPolicies) gates.push(gate('session-policy', 'session-policy', input.sessionPolicies));
  // An endpoint policy must allow too, and its explicit Deny denies
  // (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
  if (input.vpcEndpoint)
    gates.push({
      ...gate('vpc-endpoint', 'vpc-endpoint', [input.vpcEndpoint.policy]),
      actionPrefix: input.vpcEndpoint.actionPrefix.toLowerCase(),
    });
  return gates;
}

// Plain literals, no spreads: an object spread of an optional property is a slow path in V8, and the fix
// planner builds gates for thousands of edited inputs.
function gate(key: string, policyType: PolicyType, policies: readonly Policy[], level?: string): Gate {
  if (level === undefined)
    return {
      key,
      policyType,
      policies,
      compiled: policies.map(compilePolicy),
      where: { policyType },
      allows: { policyType, allows: true },
      allowsNothing: { policyType, allows: false },
    };
  return {
    key,
    policyType,
    level,
    policies,
    compiled: policies.map(compilePolicy),
    where: { policyType, level },
    allows: { policyType, level, allows: true },
    allowsNothing: { policyType, level, allows: false },
  };
}

const NOTHING_UNRESOLVED: MatchedStatement['unresolved'] = [];

function describe(
  compiled: CompiledStatement,
  gate: Gate,
  conditional: boolean,
  unresolved: MatchedStatement['unresolved'],
  undecided: readonly string[] = [],
): MatchedStatement {
  if (conditional)
    return { ...describeMatch(compiled, gate, true, unresolved), ...(undecided.length > 0 ? { undecided } : {}) };
  // An unconditional match reads the same every time: build it once per statement and gate.
  let reported = compiled.reported.get(gate.key);
  if (!reported) {
    reported = describeMatch(compiled, gate, false, NOTHING_UNRESOLVED);
    compiled.reported.set(gate.key, reported);
  }
  return reported;
}

function describeMatch(
  compiled: CompiledStatement,
  gate: Gate,
  conditional: boolean,
  unresolved: MatchedStatement['unresolved'],
): MatchedStatement {
  const { statement, policy } = compiled;
  return {
    policyId: policy.id,
    ...(policy.builtIn
      ? {}
      : {
          location: {
            kind: 'file' as const,
            file: statement.span.file,
            line: statement.span.line,
            column: statement.span.column,
          },
        }),
    policyType: gate.policyType,
    policyName: policy.name,
    ...(policy.arn !== undefined ? { policyArn: policy.arn } : {}),
    ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
    effect: statement.effect,
    statementIndex: statement.index,
    ...(gate.level !== undefined ? { level: gate.level } : {}),
    conditional,
    unresolved,
  };
}

/** Gate order (SCP levels root to account, identity, boundary, session, VPC endpoint), then position in the files. */
function sortMatches(found: readonly MatchedStatement[], gateOf: readonly number[]): MatchedStatement[] {
  const order = found.map((_, i) => i);
  order.sort((i, j) => compareMatches(gateOf[i]!, found[i]!, gateOf[j]!, found[j]!));
  return order.map((i) => found[i]!);
}

function compareMatches(gateA: number, a: MatchedStatement, gateB: number, b: MatchedStatement): number {
  return gateA - gateB || compareMatchPlaces(a, b);
}
