import {
  applyGuardrailRequest,
  guardrailTarget,
  withGuardrailKey,
  type AuthorizationRequest,
  type Expansion,
} from '../bedrock/index.js';
import { message, type Assumption, type Note, type Principal, type Unresolved } from '../model/index.js';
import type { CheckInput } from '../diagnose/check-input.js';

export interface GuardrailRequests {
  readonly requests: AuthorizationRequest[];
  readonly unresolved: Unresolved[];
  readonly assumptions: Assumption[];
  readonly notes: Note[];
}

/**
 * The requests of the call once the guardrail is accounted for: the invoke requests carry bedrock:GuardrailIdentifier
 * (absent without --guardrail), and a call with a guardrail adds bedrock:ApplyGuardrail on it. Only a call the
 * expansion could derive requests for gets the guardrail's: without an invocation there is nothing to guard.
 */
export function guardrailRequests(input: CheckInput, principal: Principal, expansion: Expansion): GuardrailRequests {
  const invoke = expansion.requests;
  const empty = { unresolved: [], assumptions: [], notes: [] };
  if (input.guardrail === undefined || invoke.length === 0) {
    return { requests: withGuardrailKey(invoke, undefined), ...empty };
  }
  const guardrail = input.guardrail;
  const target = guardrailTarget(guardrail, {
    partition: expansion.partition,
    region: expansion.region,
    account: principal.account,
  });
  const unresolved: Unresolved[] = [];
  const notes: Note[] = [];
  if (target.partition !== expansion.partition || target.region !== expansion.region) {
    // No page says whether a call may name a guardrail of another Region: the check rests on it.
    unresolved.push(message('guardrail-other-region', { guardrail: target.arn, region: expansion.region }));
  }
  if (target.account !== principal.account) {
    // https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-resource-based-policies.html: another account's
    // guardrail also needs its resource-based policy, which is not evaluated.
    unresolved.push(message('guardrail-other-account', { guardrail: target.arn, account: principal.account }));
  }
  if (target.identifierValue === undefined) {
    notes.push(message('guardrail-identifier-unknown', { guardrail: target.arn, version: guardrail.version ?? '' }));
  }
  return {
    requests: [...withGuardrailKey(invoke, target), applyGuardrailRequest(target)],
    unresolved,
    // https://docs.aws.amazon.com/bedrock/latest/userguide/guardrail-profiles-permissions.html: a guardrail with
    // cross-Region inference also needs ApplyGuardrail on its guardrail profile in each destination Region.
    assumptions: [message('guardrail-in-region', { guardrail: target.arn })],
    notes,
  };
}
