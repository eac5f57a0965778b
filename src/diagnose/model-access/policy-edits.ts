import type { EvaluationInput } from '../../engine/evaluate.js';
import type { MatchedStatement, Policy, PolicyType, Statement } from '../../model/index.js';

/** One place that must allow a request, as the engine attributes denials: a policy type, and the level for SCPs. */
export interface GateRef {
  readonly policyType: PolicyType;
  readonly level?: string;
}

/** A statement to add, as policy JSON and as the model object the engine evaluates. */
export interface NewStatement {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** The policies of one gate in the input (empty when the gate is absent). */
export function policiesOf(input: EvaluationInput, gate: GateRef): readonly Policy[] {
  switch (gate.policyType) {
    case 'identity':
      return input.identity;
    case 'scp':
      return input.scpLevels?.find((level) => level.name === gate.level)?.policies ?? [];
    case 'permissions-boundary':
      return input.permissionsBoundary ? [input.permissionsBoundary] : [];
    case 'session-policy':
      return input.sessionPolicies ?? [];
  }
}

/** The policy a matched statement belongs to, found by type, level, file and name. */
export function policyOfMatch(input: EvaluationInput, match: MatchedStatement): Policy | undefined {
  const gate: GateRef = { policyType: match.policyType, ...(match.level !== undefined ? { level: match.level } : {}) };
  return policiesOf(input, gate).find((policy) => policy.file === match.file && policy.name === match.policyName);
}

export function statementJson(statement: NewStatement): Record<string, unknown> {
  return {
    Sid: statement.sid,
    Effect: 'Allow',
    Action: [...statement.actions],
    Resource: statement.resources.length === 1 ? statement.resources[0] : [...statement.resources],
  };
}

/**
 * The input with an Allow statement appended to `target` (the first policy of the gate when not given);
 * when the gate has no policy, a new one is created in the gate. Returns the policy changed or created.
 */
export function withAllowAdded(
  input: EvaluationInput,
  gate: GateRef,
  statement: NewStatement,
): { readonly input: EvaluationInput; readonly policy: Policy; readonly created: boolean } {
  const existing = policiesOf(input, gate)[0];
  const base: Policy = existing ?? {
    type: gate.policyType,
    name: 'new policy',
    file: '(new policy)',
    version: '2012-10-17',
    statements: [],
  };
  const added: Statement = {
    sid: statement.sid,
    effect: 'Allow',
    action: [...statement.actions],
    resource: [...statement.resources],
    conditions: [],
    // Not in the file yet: the statement is placed at the top of the policy it is added to.
    span: { file: base.file, line: 1, column: 1 },
    index: base.statements.length,
  };
  const changed: Policy = { ...base, statements: [...base.statements, added] };
  const next = existing
    ? replacePolicy(input, gate, existing, changed)
    : insertPolicy(input, gate, changed);
  return { input: next, policy: changed, created: existing === undefined };
}

/** The input without the statement a match points at. */
export function withStatementRemoved(input: EvaluationInput, match: MatchedStatement): EvaluationInput {
  const policy = policyOfMatch(input, match);
  if (!policy) return input;
  const changed: Policy = { ...policy, statements: policy.statements.filter((statement) => statement.index !== match.statementIndex) };
  const gate: GateRef = { policyType: match.policyType, ...(match.level !== undefined ? { level: match.level } : {}) };
  return replacePolicy(input, gate, policy, changed);
}

function replacePolicy(input: EvaluationInput, gate: GateRef, old: Policy, replacement: Policy): EvaluationInput {
  const swap = (policy: Policy) => (policy === old ? replacement : policy);
  switch (gate.policyType) {
    case 'identity':
      return { ...input, identity: input.identity.map(swap) };
    case 'scp':
      return {
        ...input,
        scpLevels: (input.scpLevels ?? []).map((level) =>
          level.name === gate.level ? { ...level, policies: level.policies.map(swap) } : level,
        ),
      };
    case 'permissions-boundary':
      return { ...input, permissionsBoundary: replacement };
    case 'session-policy':
      return { ...input, sessionPolicies: (input.sessionPolicies ?? []).map(swap) };
  }
}

function insertPolicy(input: EvaluationInput, gate: GateRef, policy: Policy): EvaluationInput {
  switch (gate.policyType) {
    case 'identity':
      return { ...input, identity: [...input.identity, policy] };
    case 'scp':
      return {
        ...input,
        scpLevels: (input.scpLevels ?? []).map((level) =>
          level.name === gate.level ? { ...level, policies: [...level.policies, policy] } : level,
        ),
      };
    case 'permissions-boundary':
      return { ...input, permissionsBoundary: policy };
    case 'session-policy':
      return { ...input, sessionPolicies: [...(input.sessionPolicies ?? []), policy] };
  }
}
