import { parseGuardrail, type GuardrailRef } from '../bedrock/index.js';
import { UsageError } from './usage-error.js';

/** --guardrail ID[:VERSION] or ARN[:VERSION], or undefined when not given. */
export function guardrailOption(text: string | undefined): GuardrailRef | undefined {
  if (text === undefined) return undefined;
  const parsed = parseGuardrail(text.trim());
  if (!parsed.ok) throw new UsageError(`--guardrail ${JSON.stringify(text)}: ${parsed.reason}`);
  return parsed.guardrail;
}
