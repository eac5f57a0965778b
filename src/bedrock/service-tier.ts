import { INVOKE_MODEL, INVOKE_MODEL_WITH_RESPONSE_STREAM } from './actions.js';

/** The condition key that carries the service tier a call asks for (Service Authorization Reference, Amazon Bedrock). */
export const SERVICE_TIER_KEY = 'bedrock:ServiceTier';

/**
 * The tiers a call can ask for, spelt as the API takes them: ServiceTier.type in the Bedrock API Reference
 * (`priority | default | flex | reserved`), the values AWS's own policy example denies.
 */
export const SERVICE_TIERS: readonly string[] = ['default', 'flex', 'priority', 'reserved'];

/** The actions whose requests carry bedrock:ServiceTier (the Service Authorization Reference lists it on these two). */
const TIER_ACTIONS: ReadonlySet<string> = new Set([INVOKE_MODEL, INVOKE_MODEL_WITH_RESPONSE_STREAM]);

/** True when `tier` is a tier the API accepts (the values are case-sensitive, as the API's enum is). */
export function isServiceTier(tier: string): boolean {
  return SERVICE_TIERS.includes(tier);
}

/**
 * The keys a call that asks for `tier` adds to the request of `action`. Without a tier nothing is set: AWS
 * does not document the key's value when the request names no tier, so it stays unknown (or absent when
 * the caller assumes absent keys), and a condition on it never decides an allow. A value the API would
 * reject is not set either: the key stays unknown rather than matching nothing.
 */
export function serviceTierContext(action: string, tier: string | undefined): Record<string, string[]> {
  return tier !== undefined && isServiceTier(tier) && TIER_ACTIONS.has(action) ? { [SERVICE_TIER_KEY]: [tier] } : {};
}
