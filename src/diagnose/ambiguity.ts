import { cliHint, PLACEHOLDER_ACCOUNT, type Principal, type Request } from '../model/index.js';

/**
 * Something the tool had to guess about the caller, as another equally possible request: when the
 * engine decides the other request differently, the decision depends on the guess and is reported
 * as conditional instead of resting on it.
 */
export interface Ambiguity {
  readonly reason: string;
  alternative(request: Request): Request | undefined;
}

// Any account but the placeholder will do: a decision that changes with it depends on the account.
const OTHER_ACCOUNT = '210987654321';

export function ambiguitiesOf(principal: Principal): Ambiguity[] {
  const ambiguities: Ambiguity[] = [];
  if (principal.kind === 'placeholder') {
    ambiguities.push({
      reason: `the decision depends on the caller's account; ${cliHint('principal-unknown')}`,
      alternative: (request) => replaceEverywhere(request, `:${PLACEHOLDER_ACCOUNT}:`, `:${OTHER_ACCOUNT}:`),
    });
  }
  return ambiguities;
}

/** The request with `from` replaced by `to` in its resource and every context value; undefined when nothing changes. */
function replaceEverywhere(request: Request, from: string, to: string): Request | undefined {
  let changed = request.resource.includes(from);
  const values = new Map<string, readonly string[]>();
  for (const [key, list] of request.context.values) {
    values.set(key, list.map((value) => (value.includes(from) ? ((changed = true), value.split(from).join(to)) : value)));
  }
  if (!changed) return undefined;
  return {
    ...request,
    resource: request.resource.split(from).join(to),
    context: { ...request.context, values },
  };
}
