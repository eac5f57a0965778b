import type { ApiKeyAuth, GuardrailRef } from '../bedrock/index.js';
import type { Principal } from '../model/index.js';
import { parseContextOption } from './context-option.js';
import { guardrailOption } from './guardrail-option.js';
import { serviceTierOption } from './service-tier-option.js';
import { authOption } from './shared-options.js';

/** What the call itself sets, beyond the policies: --guardrail, --service-tier and --auth (absent ones left out). */
export interface CallInput {
  readonly guardrail?: GuardrailRef;
  readonly serviceTier?: string;
  readonly apiKey?: ApiKeyAuth;
}

/**
 * --context and the call options, validated (a usage error throws) the same way for check, explain and scan.
 * The tier is checked against --context, which may set bedrock:ServiceTier too; `principal` is the caller when
 * one is named (a long-term API key needs an IAM user).
 */
export function callOptions(
  args: {
    readonly context?: readonly string[];
    readonly guardrail?: string;
    readonly serviceTier?: string;
    readonly auth?: string;
  },
  principal: Principal | undefined,
): { readonly context: Record<string, string[]>; readonly call: CallInput } {
  const guardrail = guardrailOption(args.guardrail);
  const context = parseContextOption(args.context ?? []);
  const serviceTier = serviceTierOption(args.serviceTier, context);
  const apiKey = authOption(args.auth, principal);
  return {
    context,
    call: {
      ...(guardrail ? { guardrail } : {}),
      ...(serviceTier ? { serviceTier } : {}),
      ...(apiKey ? { apiKey } : {}),
    },
  };
}
