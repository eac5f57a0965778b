import type { EvaluationInput } from '../../engine/evaluate.js';
import type { Policy, PolicyType, Statement } from '../../model/index.js';
import { statementFromJson, type StatementJson } from './statement-json.js';

/** Which policy an edit changes: by type, SCP level, and the policy's position there. */
export interface PolicyRef {
  readonly policyType: PolicyType;
  readonly level?: string;
  readonly policy: Policy;
}

export type PolicyEdit =
  | { readonly kind: 'add-statement'; readonly target: PolicyRef; readonly statements: readonly StatementJson[] }
  | { readonly kind: 'replace-statement'; readonly target: PolicyRef; readonly index: number; readonly statement: StatementJson }
  | { readonly kind: 'remove-statement'; readonly target: PolicyRef; readonly index: number };

/** A copy of the policy with its edits made (indices name the original statements); the original is never changed. */
function editPolicy(policy: Policy, edits: readonly PolicyEdit[]): Policy {
  const slots: (Statement | null)[] = [...policy.statements];
  const added: Statement[] = [];
  for (const edit of edits) {
    if (edit.kind === 'add-statement') {
      const span = { file: policy.file, line: 1, column: 1 };
      for (const json of edit.statements) added.push(statementFromJson(json, span, policy.statements.length + added.length));
    } else if (edit.kind === 'replace-statement') {
      const old = policy.statements[edit.index]!;
      slots[edit.index] = statementFromJson(edit.statement, old.span, old.index);
    } else {
      slots[edit.index] = null;
    }
  }
  return { ...policy, statements: [...slots.filter((statement): statement is Statement => statement !== null), ...added] };
}

/** The evaluation input with every edit applied, in order. */
export function applyEdits(input: EvaluationInput, edits: readonly PolicyEdit[]): EvaluationInput {
  const byPolicy = new Map<Policy, PolicyEdit[]>();
  for (const edit of edits) byPolicy.set(edit.target.policy, [...(byPolicy.get(edit.target.policy) ?? []), edit]);
  const replaced = new Map<Policy, Policy>();
  for (const [policy, policyEdits] of byPolicy) replaced.set(policy, editPolicy(policy, policyEdits));
  const swap = (policy: Policy): Policy => replaced.get(policy) ?? policy;
  return {
    identity: input.identity.map(swap),
    ...(input.scpLevels ? { scpLevels: input.scpLevels.map((level) => ({ name: level.name, policies: level.policies.map(swap) })) } : {}),
    ...(input.permissionsBoundary ? { permissionsBoundary: swap(input.permissionsBoundary) } : {}),
    ...(input.sessionPolicies ? { sessionPolicies: input.sessionPolicies.map(swap) } : {}),
  };
}
