import type { CallOptions, ReportPolicy } from '../model/index.js';

/** A check report's input also lists the policies, among them the VPC endpoint's the call goes through. */
type CallInput = CallOptions & { readonly policies?: readonly ReportPolicy[] };

/**
 * The call options a report records, one phrase each ("Amazon Bedrock API key (short-term)", "guardrail gr1:2",
 * "service tier flex", "operation InvokeModelWithBidirectionalStream", "through the VPC endpoint of vpce.json");
 * empty when none was given. `code` wraps the values (Markdown's inline code).
 */
export function callOptionPhrases(options: CallInput, code: (text: string) => string = (text) => text): string[] {
  const phrases: string[] = [];
  if (options.auth) phrases.push(`Amazon Bedrock API key${options.auth.kind ? ` (${options.auth.kind})` : ''}`);
  if (options.guardrail)
    phrases.push(
      `guardrail ${code(options.guardrail.identifier + (options.guardrail.version !== undefined ? `:${options.guardrail.version}` : ''))}`,
    );
  if (options.serviceTier !== undefined) phrases.push(`service tier ${code(options.serviceTier)}`);
  for (const operation of options.operations ?? []) phrases.push(`operation ${code(operation)}`);
  for (const policy of options.policies ?? [])
    if (policy.type === 'vpc-endpoint') phrases.push(`through the VPC endpoint of ${code(policy.file ?? policy.name)}`);
  return phrases;
}

/** "Call: Amazon Bedrock API key (short-term), service tier flex", or undefined when no call option was given. */
export function callOptionsLine(options: CallInput, code?: (text: string) => string): string | undefined {
  const phrases = callOptionPhrases(options, code);
  return phrases.length > 0 ? `Call: ${phrases.join(', ')}` : undefined;
}

/** Only the call options of a report's input or matrix head, present ones only (SARIF's run properties). */
export function callOptionsIn(options: CallOptions): CallOptions {
  const { auth, guardrail, serviceTier, operations } = options;
  return {
    ...(auth ? { auth } : {}),
    ...(guardrail ? { guardrail } : {}),
    ...(serviceTier !== undefined ? { serviceTier } : {}),
    ...(operations ? { operations } : {}),
  };
}
