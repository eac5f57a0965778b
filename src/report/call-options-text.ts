import type { CallOptions } from '../model/index.js';

/**
 * The call options a report records, one phrase each ("Amazon Bedrock API key (short-term)", "guardrail gr1:2",
 * "service tier flex", "operation InvokeModelWithBidirectionalStream"); empty when none was given. `code` wraps
 * the values (Markdown's inline code).
 */
export function callOptionPhrases(options: CallOptions, code: (text: string) => string = (text) => text): string[] {
  const phrases: string[] = [];
  if (options.auth) phrases.push(`Amazon Bedrock API key${options.auth.kind ? ` (${options.auth.kind})` : ''}`);
  if (options.guardrail)
    phrases.push(
      `guardrail ${code(options.guardrail.identifier + (options.guardrail.version !== undefined ? `:${options.guardrail.version}` : ''))}`,
    );
  if (options.serviceTier !== undefined) phrases.push(`service tier ${code(options.serviceTier)}`);
  for (const operation of options.operations ?? []) phrases.push(`operation ${code(operation)}`);
  return phrases;
}

/** "Call: Amazon Bedrock API key (short-term), service tier flex", or undefined when no call option was given. */
export function callOptionsLine(options: CallOptions, code?: (text: string) => string): string | undefined {
  const phrases = callOptionPhrases(options, code);
  return phrases.length > 0 ? `Call: ${phrases.join(', ')}` : undefined;
}
