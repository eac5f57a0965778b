import { makeContext, type Request } from '../model/index.js';
import type { AuthorizationRequest } from './expansion.js';

/**
 * An expanded request as the engine's Request. `callerContext` adds what the expansion cannot know
 * (principal tags, source IP …); the expansion's own keys win over it, since they describe this hop.
 */
export function toRequest(
  request: AuthorizationRequest,
  callerContext: Readonly<Record<string, readonly string[]>> = {},
  otherKeys: 'absent' | 'unknown' = 'unknown',
): Request {
  const entries = new Map<string, readonly string[]>();
  for (const [key, values] of Object.entries(callerContext)) entries.set(key.toLowerCase(), values);
  for (const [key, values] of Object.entries(request.context)) entries.set(key.toLowerCase(), values);
  const absent = request.absentKeys.filter((key) => !entries.has(key.toLowerCase()));
  return {
    action: request.action,
    resource: request.resource,
    context: makeContext(entries, { absent, otherKeys }),
  };
}
