import { evaluate } from '../engine/evaluate.js';
import { parseTemplate } from '../engine/variables.js';
import { wildcardMatch } from '../engine/wildcard.js';
import {
  makeContext,
  withPolicyId,
  type ConditionClause,
  type Policy,
  type Principal,
  type PrincipalPolicies,
  type Statement,
} from '../model/index.js';

/**
 * The services whose actions check() evaluates, the fix planner's probes included (bedrock read actions,
 * aws-marketplace for first-use model access): an identity statement that can match none of their
 * actions never matches a request of a check, so it cannot change any result.
 */
const DIAGNOSED_SERVICES = ['bedrock', 'aws-marketplace'];

// A managed policy is attached to many principals: each policy object is asked once.
const concerning = new WeakMap<Policy, boolean>();

/** True when some statement of the policy may match an action of the diagnosed services. */
export function concernsBedrock(policy: Policy): boolean {
  let answer = concerning.get(policy);
  if (answer === undefined) {
    answer = policy.statements.some(statementConcernsBedrock);
    concerning.set(policy, answer);
  }
  return answer;
}

function statementConcernsBedrock(statement: Statement): boolean {
  // A NotAction statement matches every action it does not list: kept whatever it lists.
  if (!statement.action) return true;
  return statement.action.some((pattern) => {
    const colon = pattern.indexOf(':');
    const service = colon < 0 ? pattern : pattern.slice(0, colon);
    return DIAGNOSED_SERVICES.some((name) => wildcardMatch(service, name, true));
  });
}

const PRINCIPAL_KEYS = new Set(['aws:principalarn', 'aws:principaltype', 'aws:principalaccount', 'aws:username']);
const TAG_PREFIX = 'aws:principaltag/';

/** Keys whose value in a request depends on who calls: the principal keys check() derives, and its tags. */
function isPrincipalKey(key: string): boolean {
  return PRINCIPAL_KEYS.has(key) || key.startsWith(TAG_PREFIX);
}

/** The principal keys' values in every request of this principal: a value list, or null for absent. */
export function principalKeyValues(
  principal: Principal,
  tags: Readonly<Record<string, string>> | undefined,
): Map<string, readonly string[] | null> {
  const values = new Map<string, readonly string[] | null>();
  values.set('aws:principalaccount', [principal.account]);
  if (principal.principalArn) values.set('aws:principalarn', [principal.principalArn]);
  if (principal.principalType) values.set('aws:principaltype', [principal.principalType]);
  values.set('aws:username', principal.kind === 'user' && principal.userName ? [principal.userName] : null);
  for (const [key, value] of Object.entries(tags ?? {})) values.set(`${TAG_PREFIX}${key.toLowerCase()}`, [value]);
  return values;
}

/**
 * What a set of policies reads of the principal: the clauses on principal keys (decided per principal by
 * the engine), and the principal keys whose raw value matters (policy variables, or a clause whose values
 * hold variables).
 */
export interface PrincipalReads {
  readonly clauses: readonly { readonly probe: Policy; readonly key: string }[];
  readonly rawKeys: readonly string[];
  /** aws:PrincipalTag/* keys any policy reads (known absent when the source knows all of a principal's tags). */
  readonly tagKeys: readonly string[];
}

const readsCache = new WeakMap<Policy, { clauses: Map<string, Policy>; raw: Set<string>; tags: Set<string> }>();

/** Per policy (cached by object, as compiled policies are by id): the principal reads of its statements. */
function readsOf(policy: Policy): { clauses: Map<string, Policy>; raw: Set<string>; tags: Set<string> } {
  const cached = readsCache.get(policy);
  if (cached) return cached;
  const clauses = new Map<string, Policy>();
  const raw = new Set<string>();
  const tags = new Set<string>();
  const note = (key: string) => {
    if (key.startsWith(TAG_PREFIX)) tags.add(key);
  };
  const variablesIn = (text: string) => {
    if (!text.includes('${')) return;
    for (const part of parseTemplate(text))
      if (part.kind === 'variable') {
        const key = part.key.toLowerCase();
        note(key);
        if (isPrincipalKey(key)) raw.add(key);
      }
  };
  for (const statement of policy.statements) {
    for (const text of [...(statement.resource ?? []), ...(statement.notResource ?? [])]) variablesIn(text);
    for (const clause of statement.conditions) {
      const key = clause.key.toLowerCase();
      note(key);
      for (const value of clause.values) variablesIn(value);
      if (!isPrincipalKey(key)) continue;
      if (clause.values.some((value) => value.includes('${'))) raw.add(key);
      else clauses.set(clauseId(clause), probePolicy(clause));
    }
  }
  const reads = { clauses, raw, tags };
  readsCache.set(policy, reads);
  return reads;
}

function clauseId(clause: ConditionClause): string {
  return JSON.stringify([clause.operator, clause.key.toLowerCase(), clause.values]);
}

const PROBE_ACTION = 'policy-check:ProbePrincipalClause';
const probes = new Map<string, Policy>();
// Clauses differ from account to account (ARNs, tag values): an organization scan must not keep them all.
const MAX_PROBES = 10_000;

/** A one-statement Allow with just this clause: the engine decides it per principal, with every operator's semantics. */
function probePolicy(clause: ConditionClause): Policy {
  const id = clauseId(clause);
  let probe = probes.get(id);
  if (!probe) {
    const span = { file: 'principal clause probe', line: 1, column: 1 };
    probe = withPolicyId({
      type: 'identity',
      name: 'principal clause probe',
      builtIn: true,
      version: '2012-10-17',
      statements: [
        {
          effect: 'Allow',
          action: [PROBE_ACTION],
          resource: ['*'],
          conditions: [{ ...clause, span }],
          span,
          index: 0,
        },
      ],
    });
    if (probes.size >= MAX_PROBES) probes.clear();
    probes.set(id, probe);
  }
  return probe;
}

/** Every policy a check of these policies evaluates. */
function policiesIn(policies: PrincipalPolicies): Policy[] {
  return [
    ...policies.identity,
    ...(policies.scpLevels ?? []).flatMap((level) => level.policies),
    ...(policies.permissionsBoundary ? [policies.permissionsBoundary] : []),
    ...(policies.sessionPolicies ?? []),
  ];
}

export function principalReadsOf(policies: PrincipalPolicies): PrincipalReads {
  const clauses = new Map<string, { probe: Policy; key: string }>();
  const raw = new Set<string>();
  const tags = new Set<string>();
  for (const policy of policiesIn(policies)) {
    const reads = readsOf(policy);
    for (const [id, probe] of reads.clauses)
      clauses.set(id, { probe, key: probe.statements[0]!.conditions[0]!.key.toLowerCase() });
    for (const key of reads.raw) raw.add(key);
    for (const key of reads.tags) tags.add(key);
  }
  return { clauses: [...clauses.values()], rawKeys: [...raw].sort(), tagKeys: [...tags].sort() };
}

/**
 * The key of a group of principals whose checks come out the same: the policies by id (in order), the
 * SCP chain, what the source could not resolve, the principal's kind, account and SCP exemption, and
 * for what the policies read of the principal, the engine's answer to each such clause (or the raw value).
 * Two principals with the same fingerprint send requests that every policy treats alike.
 */
export function fingerprint(
  principal: Principal,
  policies: PrincipalPolicies,
  reads: PrincipalReads,
  keyValues: ReadonlyMap<string, readonly string[] | null>,
  tagsKnown: boolean,
): string {
  const parts: string[] = [
    principal.kind,
    principal.account,
    principal.partition,
    principal.serviceLinkedRole ? 'service-linked' : '',
    policies.identity.map((policy) => policy.id).join(','),
    (policies.scpLevels ?? []).map((level) => `${level.name}=${level.policies.map((p) => p.id).join(',')}`).join(';'),
    policies.scpLevels ? 'scp' : 'no-scp',
    policies.permissionsBoundary?.id ?? '',
    (policies.sessionPolicies ?? []).map((policy) => policy.id).join(','),
    (policies.unresolvedPolicies ?? []).map((entry) => `${entry.arn}:${entry.reason}`).join(','),
    tagsKnown ? 'tags' : 'no-tags',
  ];
  const context = probeContext(keyValues, reads.tagKeys, tagsKnown);
  for (const { probe } of reads.clauses) {
    const decision = evaluate({ identity: [probe] }, { action: PROBE_ACTION, resource: '*', context }).decision;
    parts.push(`${probe.id}=${decision}`);
  }
  for (const key of reads.rawKeys) parts.push(`${key}=${JSON.stringify(principalKeyValue(keyValues, key, tagsKnown))}`);
  return parts.join('\u0000');
}

function principalKeyValue(
  keyValues: ReadonlyMap<string, readonly string[] | null>,
  key: string,
  tagsKnown: boolean,
): readonly string[] | null | 'unknown' {
  const value = keyValues.get(key);
  if (value !== undefined) return value;
  return key.startsWith(TAG_PREFIX) && tagsKnown ? null : 'unknown';
}

function probeContext(
  keyValues: ReadonlyMap<string, readonly string[] | null>,
  tagKeys: readonly string[],
  tagsKnown: boolean,
) {
  const entries: [string, readonly string[]][] = [];
  const absent: string[] = [];
  for (const [key, value] of keyValues) {
    if (value === null) absent.push(key);
    else entries.push([key, value]);
  }
  if (tagsKnown) for (const key of tagKeys) if (!keyValues.has(key)) absent.push(key);
  return makeContext(entries, { absent, otherKeys: 'unknown' });
}
