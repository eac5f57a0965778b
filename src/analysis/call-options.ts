import { operationsAuthorizedAs } from '../bedrock/index.js';
import type { CallOptions } from '../model/index.js';
import type { CheckInput } from '../diagnose/check-input.js';

/**
 * What a report records of how the call was made: only what was given, so a report of a call without these
 * options stays as it was. An operation is recorded only when it is authorized under another action (the
 * report's actions already name the others: Converse is bedrock:InvokeModel).
 */
export function callOptionsOf(
  input: Pick<CheckInput, 'apiKey' | 'guardrail' | 'serviceTier' | 'operations'>,
): CallOptions {
  const operations = operationsAuthorizedAs(input.operations ?? []).map((named) => named.operation);
  return {
    ...(input.apiKey
      ? { auth: { method: 'api-key' as const, ...(input.apiKey.kind ? { kind: input.apiKey.kind } : {}) } }
      : {}),
    ...(input.guardrail
      ? {
          guardrail: {
            identifier: input.guardrail.identifier,
            ...(input.guardrail.version !== undefined ? { version: input.guardrail.version } : {}),
          },
        }
      : {}),
    ...(input.serviceTier !== undefined ? { serviceTier: input.serviceTier } : {}),
    ...(operations.length > 0 ? { operations: [...new Set(operations)].sort() } : {}),
  };
}
