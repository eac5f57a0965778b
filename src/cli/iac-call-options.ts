import type { ApiKeyAuth, GuardrailRef } from '../bedrock/index.js';
import type { IacConfig, IacConfigValue } from '../model/index.js';
import { InputError } from '../sources/input-error.js';
import { guardrailOption } from './guardrail-option.js';
import { serviceTierOption } from './service-tier-option.js';
import { authOption } from './shared-options.js';
import { UsageError } from './usage-error.js';

/** The call `.policy-check.yml` says the pipeline's code makes, as the matrix takes it (absent keys left out). */
export interface IacCall {
  readonly apiKey?: ApiKeyAuth;
  readonly guardrail?: GuardrailRef;
  readonly serviceTier?: string;
}

/**
 * `auth`, `serviceTier` and `guardrail` of the config, validated as --auth, --service-tier and --guardrail are;
 * a bad value is an InputError at its line of the config (exit 2). Every principal is checked, as scan does: a
 * long-term key leaves roles' cells incomplete rather than stopping the run.
 */
export function iacCallOptions(config: IacConfig): IacCall {
  const apiKey = configValue(config, 'auth', (text) => authOption(text, undefined));
  const serviceTier = configValue(config, 'serviceTier', (text) => serviceTierOption(text, {}));
  const guardrail = configValue(config, 'guardrail', guardrailOption);
  return {
    ...(apiKey ? { apiKey } : {}),
    ...(serviceTier !== undefined ? { serviceTier } : {}),
    ...(guardrail ? { guardrail } : {}),
  };
}

function configValue<T>(
  config: IacConfig,
  key: 'auth' | 'serviceTier' | 'guardrail',
  parse: (text: string) => T | undefined,
): T | undefined {
  const entry: IacConfigValue | undefined = config[key];
  if (entry === undefined) return undefined;
  try {
    return parse(entry.value);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // The flag's message, with the config's key in place of the flag's name.
    const reason = error.message.replace(/^--[a-z-]+:? /, '');
    throw new InputError(entry.span.file, entry.span.line, entry.span.column, `${key}: ${reason}`);
  }
}
