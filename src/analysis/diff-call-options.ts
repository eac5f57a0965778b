import { message, type CallOptions, type Note } from '../model/index.js';

/** The call options the diff compares, in the order its notes name them. */
const CALL_OPTION_NAMES = ['auth', 'guardrail', 'serviceTier', 'operations'] as const;

type CallOptionName = (typeof CALL_OPTION_NAMES)[number];

/**
 * One option's value as one comparable string, spelt as the option takes it (`api-key=short-term`,
 * `gr1:2`, `flex`, `InvokeModelWithBidirectionalStream`); null when it was not given.
 */
function callOptionValue(options: CallOptions | undefined, name: CallOptionName): string | null {
  switch (name) {
    case 'auth':
      return options?.auth ? `api-key${options.auth.kind ? `=${options.auth.kind}` : ''}` : null;
    case 'guardrail':
      return options?.guardrail
        ? `${options.guardrail.identifier}${options.guardrail.version !== undefined ? `:${options.guardrail.version}` : ''}`
        : null;
    case 'serviceTier':
      return options?.serviceTier ?? null;
    case 'operations':
      return options?.operations && options.operations.length > 0 ? [...options.operations].sort().join(',') : null;
  }
}

/**
 * A note per call option OLD and NEW were made with differently: their cells answer different questions (an
 * API-key call also needs bedrock:CallWithBearerToken, a tier sets bedrock:ServiceTier, …), so a change may
 * come from the call rather than the policies. The diff is computed all the same.
 */
export function callOptionNotes(oldOptions: CallOptions | undefined, newOptions: CallOptions | undefined): Note[] {
  return CALL_OPTION_NAMES.flatMap((option) => {
    const before = callOptionValue(oldOptions, option);
    const after = callOptionValue(newOptions, option);
    return before === after ? [] : [message('diff-call-option', { option, old: before, new: after })];
  });
}
