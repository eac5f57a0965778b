import type { BuiltInPolicy, Policy, WrittenPolicy } from './policy.js';
import { sha256Hex } from './sha256.js';

/** Hex digits of the digest kept in an id: 64 bits, no collision among any account's policies. */
const DIGEST_LENGTH = 16;

/**
 * A policy's stable id: its ARN when known (else its file), then `#` and a SHA-256 prefix of the
 * normalised policy — every field but the id, object keys sorted. The digest covers everything the
 * engine reports (name, file, statement positions, not just the document), so two policies with the
 * same id are interchangeable and the engine may compile them once: the many principals of an account
 * that carry one managed policy share it, while two different documents claiming one ARN never do.
 */
/** A policy before its id is computed (or with one to recompute). */
type Unidentified<P extends Policy> = P extends Policy ? Omit<P, 'id'> & { readonly id?: string } : never;

export function policyId(policy: Unidentified<Policy>): string {
  const { id: _ignored, ...content } = policy;
  return `${policy.arn ?? policy.file ?? policy.name}#${sha256Hex(canonicalJson(content)).slice(0, DIGEST_LENGTH)}`;
}

/** The policy with its id (re)computed: for policies built or edited in memory. */
export function withPolicyId(policy: Unidentified<WrittenPolicy>): WrittenPolicy;
export function withPolicyId(policy: Unidentified<BuiltInPolicy>): BuiltInPolicy;
export function withPolicyId(policy: Unidentified<Policy>): Policy;
export function withPolicyId(policy: Unidentified<Policy>): Policy {
  return { ...policy, id: policyId(policy) } as Policy;
}

/**
 * JSON with object keys sorted and undefined properties left out, so equal values serialise equally. Plain
 * loops: a one-shot check of a large policy set computes this over every statement, before V8 optimises it.
 */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out += `${i === 0 ? '' : ','}${item === undefined ? 'null' : canonicalJson(item)}`;
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort orders strings by UTF-16 code units, as `<` does.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out === '{' ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}
