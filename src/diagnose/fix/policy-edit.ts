import type { EvaluationInput } from '../../engine/evaluate.js';
import {
  matchIsIn,
  type FixOwner,
  type MatchedStatement,
  type Policy,
  type PolicyType,
  type Statement,
  type WrittenPolicy,
} from '../../model/index.js';
import { sha256Hex } from '../../model/sha256.js';
import { statementFromJson, type StatementJson } from './statement-json.js';

/** Which policy an edit changes: by type, SCP level, and the policy's position there. */
export interface PolicyRef {
  readonly policyType: PolicyType;
  readonly level?: string;
  /** A policy read from a source: a built-in one is in no file, so never the target of an edit. */
  readonly policy: WrittenPolicy;
}

export type PolicyEdit =
  | { readonly kind: 'add-statement'; readonly target: PolicyRef; readonly statements: readonly StatementJson[] }
  | {
      readonly kind: 'replace-statement';
      readonly target: PolicyRef;
      readonly index: number;
      readonly statement: StatementJson;
    }
  | { readonly kind: 'remove-statement'; readonly target: PolicyRef; readonly index: number };

// Fix planning tries the same edits of a shared policy (an SCP, a managed policy) for every principal of
// an account: each edited copy is made once per original and edit content, and later trials reuse it.
const editedCopies = new WeakMap<WrittenPolicy, Map<string, WrittenPolicy>>();

/** A copy of the policy with its edits made (indices name the original statements); the original is never changed. */
function editPolicy(policy: WrittenPolicy, edits: readonly PolicyEdit[]): WrittenPolicy {
  const content = `[${edits.map(editText).join(',')}]`;
  let copies = editedCopies.get(policy);
  if (!copies) {
    copies = new Map();
    editedCopies.set(policy, copies);
  }
  let edited = copies.get(content);
  if (!edited) {
    edited = editedCopy(policy, edits, content);
    copies.set(content, edited);
  }
  return edited;
}

function editedCopy(policy: WrittenPolicy, edits: readonly PolicyEdit[], content: string): WrittenPolicy {
  const slots: (Statement | null)[] = [...policy.statements];
  const added: Statement[] = [];
  for (const edit of edits) {
    if (edit.kind === 'add-statement') {
      const span = { file: policy.file, line: 1, column: 1 };
      for (const json of edit.statements)
        added.push(statementFromJson(json, span, policy.statements.length + added.length));
    } else if (edit.kind === 'replace-statement') {
      const old = policy.statements[edit.index]!;
      slots[edit.index] = statementFromJson(edit.statement, old.span, old.index);
    } else {
      slots[edit.index] = null;
    }
  }
  // An edited policy is another policy: a new id, or the engine would evaluate the cached original. The
  // original's id and the edits determine the content, so hashing them is enough (and far cheaper than
  // hashing the whole edited policy, which fix planning does thousands of times in a matrix).
  return {
    ...policy,
    id: `${policy.id}~${sha256Hex(content).slice(0, 16)}`,
    statements: [...slots.filter((statement): statement is Statement => statement !== null), ...added],
  };
}

// Edits are immutable and planners apply the same ones round after round: each is serialized once
// (`[${texts}]` is the JSON of the list, as JSON.stringify writes it).
const editTexts = new WeakMap<PolicyEdit, string>();

function editText(edit: PolicyEdit): string {
  let text = editTexts.get(edit);
  if (text === undefined) {
    text = JSON.stringify(editContent(edit));
    editTexts.set(edit, text);
  }
  return text;
}

function editContent(edit: PolicyEdit): unknown {
  if (edit.kind === 'add-statement') return [edit.kind, edit.statements];
  if (edit.kind === 'replace-statement') return [edit.kind, edit.index, edit.statement];
  return [edit.kind, edit.index];
}

// The planners apply the same edits to one input several times (each round, the final check, the
// probes): the same edited input, so the engine's per-input gates are built once.
const editedInputs = new WeakMap<EvaluationInput, Map<string, EvaluationInput>>();

/** The evaluation input with every edit applied, in order (the input itself when there is none). */
export function applyEdits(input: EvaluationInput, edits: readonly PolicyEdit[]): EvaluationInput {
  if (edits.length === 0) return input;
  const byPolicy = new Map<WrittenPolicy, PolicyEdit[]>();
  for (const edit of edits) byPolicy.set(edit.target.policy, [...(byPolicy.get(edit.target.policy) ?? []), edit]);
  const replaced = new Map<Policy, Policy>();
  for (const [policy, policyEdits] of byPolicy) replaced.set(policy, editPolicy(policy, policyEdits));
  // Edited copies are made once per original and edit content: equal copies are the same objects.
  let known = editedInputs.get(input);
  if (!known) {
    known = new Map();
    editedInputs.set(input, known);
  }
  const key = [...replaced].map(([original, copy]) => `${serialOf(original)}>${serialOf(copy)}`).join(',');
  let edited = known.get(key);
  if (!edited) {
    edited = swapped(input, replaced);
    known.set(key, edited);
  }
  return edited;
}

// Inputs are told apart by which policy objects they swap (two objects may share an id: one file
// attached at two SCP levels), so each object gets a number.
const serials = new WeakMap<Policy, number>();
let nextSerial = 0;

function serialOf(policy: Policy): number {
  let serial = serials.get(policy);
  if (serial === undefined) {
    serial = nextSerial++;
    serials.set(policy, serial);
  }
  return serial;
}

function swapped(input: EvaluationInput, replaced: ReadonlyMap<Policy, Policy>): EvaluationInput {
  const swap = (policy: Policy): Policy => replaced.get(policy) ?? policy;
  return {
    identity: input.identity.map(swap),
    ...(input.scpLevels
      ? { scpLevels: input.scpLevels.map((level) => ({ name: level.name, policies: level.policies.map(swap) })) }
      : {}),
    ...(input.permissionsBoundary ? { permissionsBoundary: swap(input.permissionsBoundary) } : {}),
    ...(input.sessionPolicies ? { sessionPolicies: input.sessionPolicies.map(swap) } : {}),
    ...(input.vpcEndpoint ? { vpcEndpoint: { ...input.vpcEndpoint, policy: swap(input.vpcEndpoint.policy) } } : {}),
  };
}

/** Who can change each policy type. */
export const OWNERS: Readonly<Record<PolicyType, FixOwner>> = {
  identity: 'identity-policy-owner',
  scp: 'organization-admin',
  'permissions-boundary': 'boundary-owner',
  'session-policy': 'session-creator',
  'vpc-endpoint': 'vpc-endpoint-owner',
};

/** The policies of one gate of the input: a policy type, and for SCPs the level (empty when absent). */
export function policiesOf(input: EvaluationInput, policyType: PolicyType, level?: string): readonly Policy[] {
  switch (policyType) {
    case 'identity':
      return input.identity;
    case 'scp':
      return input.scpLevels?.find((candidate) => candidate.name === level)?.policies ?? [];
    case 'permissions-boundary':
      return input.permissionsBoundary ? [input.permissionsBoundary] : [];
    case 'session-policy':
      return input.sessionPolicies ?? [];
    case 'vpc-endpoint':
      return input.vpcEndpoint ? [input.vpcEndpoint.policy] : [];
  }
}

/** The policies of one gate a fix can edit: those read from a source, not the built-in ones (in no file). */
export function writtenPoliciesOf(input: EvaluationInput, policyType: PolicyType, level?: string): WrittenPolicy[] {
  return policiesOf(input, policyType, level).filter((policy): policy is WrittenPolicy => policy.builtIn !== true);
}

/** The policy a matched statement belongs to, found in the input by type, level, file and name. */
export function locatePolicy(
  input: EvaluationInput,
  match: Pick<MatchedStatement, 'policyType' | 'level' | 'location' | 'policyName'>,
): PolicyRef | undefined {
  // A built-in policy (no location) is in no file: it is never the target of an edit.
  const policy = writtenPoliciesOf(input, match.policyType, match.level).find((candidate) =>
    matchIsIn(candidate, match),
  );
  return (
    policy && {
      policyType: match.policyType,
      ...(match.policyType === 'scp' && match.level !== undefined ? { level: match.level } : {}),
      policy,
    }
  );
}

/** The edit that removes a matched statement from its policy (indices name the original statements). */
export function removalOf(
  input: EvaluationInput,
  match: Parameters<typeof locatePolicy>[1] & { readonly statementIndex: number },
): PolicyEdit | undefined {
  const target = locatePolicy(input, match);
  const index = target?.policy.statements.findIndex((statement) => statement.index === match.statementIndex) ?? -1;
  return target && index >= 0 ? { kind: 'remove-statement', target, index } : undefined;
}
