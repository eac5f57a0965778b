import type { ConditionClause, Policy, PolicyType, ScpLevel, Statement } from '../../src/model/index.js';

/*
 * A reference evaluator: the flowchart of "Determining whether a request is allowed or denied within
 * an account" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html),
 * transcribed step by step, for the property test that holds src/engine to it. It shares nothing
 * with src/engine but the model types, and is deliberately naive: recursion for wildcards, a
 * switch for the condition operators it knows, and a fully concrete request context (two-valued:
 * every key has values or is absent). What it does not know it answers with 'skip'.
 *
 * Resource-based policies and RCPs are not modelled (Bedrock foundation models and inference
 * profiles have no resource-based policy), and neither is the root user (decided before the engine).
 */

export interface ReferenceInput {
  readonly identity: readonly Policy[];
  readonly scpLevels?: readonly ScpLevel[];
  readonly permissionsBoundary?: Policy;
  readonly sessionPolicies?: readonly Policy[];
}

export interface ReferenceRequest {
  readonly action: string;
  readonly resource: string;
  /** Every key in the request, with its values; a key not listed is absent. */
  readonly context: Readonly<Record<string, readonly string[]>>;
}

export type ReferenceDecision =
  | { readonly decision: 'allowed'; readonly deniedBy: null }
  | {
      readonly decision: 'explicit-deny' | 'implicit-deny';
      readonly deniedBy: PolicyType;
      readonly deniedAtLevel?: string;
    }
  | 'skip';

/** One box of the flowchart that needs an Allow: an SCP level, the identity policies, the boundary, the session policies. */
interface Step {
  readonly type: PolicyType;
  readonly level?: string;
  readonly policies: readonly Policy[];
}

class Unsupported extends Error {}

export function referenceEvaluate(input: ReferenceInput, request: ReferenceRequest): ReferenceDecision {
  try {
    return evaluateSteps(input, request);
  } catch (error) {
    if (error instanceof Unsupported) return 'skip';
    throw error;
  }
}

function evaluateSteps(input: ReferenceInput, request: ReferenceRequest): ReferenceDecision {
  // The order of the flowchart: SCPs (each level, root to account), identity-based policies,
  // permissions boundary, session policies. Absent ones do not take part.
  const steps: Step[] = [];
  for (const level of input.scpLevels ?? []) steps.push({ type: 'scp', level: level.name, policies: level.policies });
  steps.push({ type: 'identity', policies: input.identity });
  if (input.permissionsBoundary) steps.push({ type: 'permissions-boundary', policies: [input.permissionsBoundary] });
  if (input.sessionPolicies) steps.push({ type: 'session-policy', policies: input.sessionPolicies });

  // 1. "Deny evaluation": any applicable Deny statement in any of these policies → final Deny.
  //    (Which one AWS names when several apply is not documented; this names the first in flowchart order.)
  for (const step of steps) {
    for (const policy of step.policies) {
      for (const statement of policy.statements) {
        if (statement.effect === 'Deny' && applies(statement, request)) return explicitDeny(step);
      }
    }
  }
  // 2. Each box in turn: no applicable Allow statement → final (implicit) Deny.
  for (const step of steps) {
    const allowed = step.policies.some((policy) =>
      policy.statements.some((s) => s.effect === 'Allow' && applies(s, request)),
    );
    if (!allowed) return implicitDeny(step);
  }
  // 3. Every box allowed: Allow.
  return { decision: 'allowed', deniedBy: null };
}

function explicitDeny(step: Step): ReferenceDecision {
  return {
    decision: 'explicit-deny',
    deniedBy: step.type,
    ...(step.level !== undefined ? { deniedAtLevel: step.level } : {}),
  };
}

function implicitDeny(step: Step): ReferenceDecision {
  return {
    decision: 'implicit-deny',
    deniedBy: step.type,
    ...(step.level !== undefined ? { deniedAtLevel: step.level } : {}),
  };
}

/** A statement applies when its action, its resource and every condition clause match. */
function applies(statement: Statement, request: ReferenceRequest): boolean {
  return (
    actionMatches(statement, request.action) &&
    resourceMatches(statement, request.resource) &&
    statement.conditions.every((c) => clauseHolds(c, request))
  );
}

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html: action
// names are case-insensitive; NotAction matches every action it does not list.
function actionMatches(statement: Statement, action: string): boolean {
  const listed = (patterns: readonly string[]) => patterns.some((p) => glob(p.toLowerCase(), action.toLowerCase()));
  if (statement.action) return listed(statement.action);
  if (statement.notAction) return !listed(statement.notAction);
  return false;
}

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html and
// reference_policies_elements_notresource.html. Policy variables are not supported.
function resourceMatches(statement: Statement, resource: string): boolean {
  const listed = (patterns: readonly string[]) =>
    patterns.some((p) => {
      if (p.includes('${')) throw new Unsupported(`policy variable in ${p}`);
      return glob(p, resource);
    });
  if (statement.resource) return listed(statement.resource);
  if (statement.notResource) return !listed(statement.notResource);
  return false;
}

/** `*` any run of characters, `?` one character; by recursion. */
function glob(pattern: string, text: string): boolean {
  if (pattern === '') return text === '';
  const head = pattern[0];
  if (head === '*') return glob(pattern.slice(1), text) || (text !== '' && glob(pattern, text.slice(1)));
  if (text === '') return false;
  if (head === '?' || head === text[0]) return glob(pattern.slice(1), text.slice(1));
  return false;
}

// ---- conditions (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html,
// reference_policies_condition-single-vs-multi-valued-context-keys.html) ----

function contextValues(request: ReferenceRequest, key: string): readonly string[] | undefined {
  const found = Object.keys(request.context).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : request.context[found];
}

function clauseHolds(clause: ConditionClause, request: ReferenceRequest): boolean {
  if (clause.values.some((v) => v.includes('${'))) throw new Unsupported(`policy variable in ${clause.operator}`);
  let operator = clause.operator;
  let set: 'ForAnyValue' | 'ForAllValues' | null = null;
  for (const prefix of ['ForAnyValue:', 'ForAllValues:'] as const) {
    if (operator.startsWith(prefix)) {
      set = prefix === 'ForAnyValue:' ? 'ForAnyValue' : 'ForAllValues';
      operator = operator.slice(prefix.length);
    }
  }
  let ifExists = false;
  if (operator.endsWith('IfExists')) {
    ifExists = true;
    operator = operator.slice(0, -'IfExists'.length);
  }
  const values = contextValues(request, clause.key);

  if (operator === 'Null') {
    // "true": the key must be absent; "false": present.
    if (set !== null || ifExists) throw new Unsupported(clause.operator);
    return clause.values.some((v) =>
      v === 'true' ? values === undefined : v === 'false' ? values !== undefined : unsupported(clause.operator),
    );
  }
  const { test, negated } = operatorTest(operator);

  if (values === undefined) {
    // "...IfExists": true when the key is absent. ForAllValues: true when there are no values;
    // ForAnyValue: false. A negated operator on an absent key: true; any other: false.
    if (ifExists) return true;
    if (set === 'ForAllValues') return true;
    if (set === 'ForAnyValue') return false;
    return negated;
  }
  const matchesOne = (value: string) => clause.values.some((policyValue) => test(policyValue, value));
  if (set === 'ForAnyValue') {
    if (negated) throw new Unsupported(clause.operator);
    return values.some(matchesOne);
  }
  if (set === 'ForAllValues') {
    if (negated) throw new Unsupported(clause.operator);
    return values.every(matchesOne);
  }
  // A single-valued key: exactly one value (several values with a plain operator are not documented).
  if (values.length !== 1) throw new Unsupported(`${clause.operator} on ${values.length} values`);
  return negated ? !matchesOne(values[0]!) : matchesOne(values[0]!);
}

function unsupported(what: string): never {
  throw new Unsupported(what);
}

/** The positive comparison of an operator, and whether the operator negates it. */
function operatorTest(operator: string): { test: (policyValue: string, value: string) => boolean; negated: boolean } {
  switch (operator) {
    case 'StringEquals':
      return { test: (p, v) => p === v, negated: false };
    case 'StringNotEquals':
      return { test: (p, v) => p === v, negated: true };
    case 'StringLike':
      return { test: glob, negated: false };
    case 'StringNotLike':
      return { test: glob, negated: true };
    // "Each of the six colon-delimited components of the ARN is checked separately"; ArnEquals and ArnLike alike.
    case 'ArnEquals':
    case 'ArnLike':
      return { test: arnLike, negated: false };
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return { test: arnLike, negated: true };
    case 'IpAddress':
      return { test: inCidr, negated: false };
    case 'NotIpAddress':
      return { test: inCidr, negated: true };
    default:
      throw new Unsupported(operator);
  }
}

/** The six components of an ARN: the resource (the sixth) may hold colons of its own. */
function arnComponents(arn: string): string[] | null {
  const parts = arn.split(':');
  if (parts.length < 6) return null;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

function arnLike(pattern: string, arn: string): boolean {
  const p = arnComponents(pattern);
  const a = arnComponents(arn);
  if (!p || !a) return false;
  return p.every((component, i) => glob(component, a[i]!));
}

// ---- IP addresses: an address as a number and its width, a CIDR as a prefix of it ----

function parseIp(text: string): { value: bigint; bits: number } | null {
  if (text.includes('.')) {
    const octets = text.split('.');
    if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || Number(o) > 255)) return null;
    return { value: octets.reduce((acc, o) => (acc << 8n) + BigInt(o), 0n), bits: 32 };
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const all = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  return { value: all.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n), bits: 128 };
}

function inCidr(cidr: string, address: string): boolean {
  const [base, prefixText] = cidr.split('/');
  const network = parseIp(base!);
  const ip = parseIp(address);
  if (!network || !ip || network.bits !== ip.bits) return false;
  const prefix = prefixText === undefined ? network.bits : Number(prefixText);
  const shift = BigInt(network.bits - prefix);
  return network.value >> shift === ip.value >> shift;
}
