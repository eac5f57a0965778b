import type { Policy } from './policy.js';
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
export function policyId(policy: Omit<Policy, 'id'> & { readonly id?: string }): string {
  const { id: _ignored, ...content } = policy;
  return `${policy.arn ?? policy.file}#${sha256Hex(canonicalJson(content)).slice(0, DIGEST_LENGTH)}`;
}

/** The policy with its id (re)computed: for policies built or edited in memory. */
export function withPolicyId(policy: Omit<Policy, 'id'> & { readonly id?: string }): Policy {
  return { ...policy, id: policyId(policy) };
}

/** JSON with object keys sorted and undefined properties left out, so equal values serialise equally. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
