import {
  operationsAuthorizedAs,
  SERVICE_TIER_KEY,
  serviceTierContext,
  type AuthorizationRequest,
} from '../bedrock/index.js';
import type { CheckInput } from '../diagnose/check-input.js';
import type { HopContext } from '../diagnose/request-context.js';
import { message, type Note } from '../model/index.js';

/** The hop of one request with the keys the call itself sets on invoke requests (the service tier it asks for). */
export function invokeHop(authorization: AuthorizationRequest, input: CheckInput): HopContext {
  const keys = serviceTierContext(authorization.action, input.serviceTier);
  if (Object.keys(keys).length === 0) return authorization;
  // The rest of the hop (absent and unknown keys) stands: only the tier is added.
  return { ...authorization, context: { ...authorization.context, ...keys } };
}

/** What the report notes about the invoke keys and operations the caller named. */
export function invokeKeyNotes(input: CheckInput, actions: readonly string[]): Note[] {
  // A library caller may name the operation among the actions themselves (expandModel normalizes them).
  const notes: Note[] = operationsAuthorizedAs([...(input.operations ?? []), ...input.actions]).map((named) =>
    message('operation-authorized-as', named),
  );
  const tiered = actions.filter((action) => serviceTierContext(action, input.serviceTier)[SERVICE_TIER_KEY]);
  if (input.serviceTier !== undefined && tiered.length > 0) {
    notes.push(message('service-tier-set', { key: SERVICE_TIER_KEY, tier: input.serviceTier, actions: tiered }));
  }
  return notes;
}
