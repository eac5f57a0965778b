import { makeContext, PLACEHOLDER_ACCOUNT, type Principal, type Request } from '../model/index.js';
import type { CheckInput } from './check-input.js';

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
const PRINCIPAL_ARN = 'aws:principalarn';

export function ambiguitiesOf(principal: Principal, input: CheckInput): Ambiguity[] {
  const ambiguities: Ambiguity[] = [];
  if (principal.kind === 'placeholder') {
    ambiguities.push({
      reason: "the decision depends on the caller's account; pass --principal",
      alternative: (request) => replaceEverywhere(request, `:${PLACEHOLDER_ACCOUNT}:`, `:${OTHER_ACCOUNT}:`),
    });
  }
  const given = Object.keys(input.context ?? {}).some((key) => key.toLowerCase() === PRINCIPAL_ARN);
  if (principal.kind === 'role-session' && principal.sessionName !== undefined && principal.roleName && !given) {
    // A session ARN does not show the role's path, so aws:PrincipalArn may hold one.
    const withPath = principal.principalArn!.replace(`:role/${principal.roleName}`, `:role/path-not-shown-in-session-arn/${principal.roleName}`);
    ambiguities.push({
      reason: "the decision depends on the role's path, which a session ARN does not show; pass the role ARN as --principal (or --context aws:PrincipalArn=…)",
      alternative: (request) => {
        if (!request.context.values.has(PRINCIPAL_ARN)) return undefined;
        const values = new Map(request.context.values);
        values.set(PRINCIPAL_ARN, [withPath]);
        return { ...request, context: makeContext(values, { absent: request.context.absent, otherKeys: request.context.otherKeys }) };
      },
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
    context: makeContext(values, { absent: request.context.absent, otherKeys: request.context.otherKeys }),
  };
}
