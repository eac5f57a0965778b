import { message } from '../../../model/index.js';
import type { IacRule, IacRuleFinding, IacRuleInput } from '../rule.js';

/**
 * With `auth: api-key` in `.policy-check.yml`, the pipeline's code calls Bedrock with an Amazon Bedrock API key; API
 * keys cannot be used with InvokeModelWithBidirectionalStream (Bedrock User Guide, API keys reference,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-reference.html), so each such call on a
 * bedrock-runtime client fails whatever the policies allow. A call on the control-plane client is wrong-api's.
 */
export const apiKeyBidirectionalStreamRule: IacRule = {
  id: 'api-key-bidirectional-stream',
  title: 'InvokeModelWithBidirectionalStream called with an Amazon Bedrock API key',
  finds:
    'with `auth: api-key`: code calling `InvokeModelWithBidirectionalStreamCommand` / `invoke_model_with_bidirectional_stream` on a runtime client, which API keys cannot call, at the call',
  severity: 'error',
  securitySeverity: '4.0',
  tags: ['reliability', 'code', 'bedrock', 'api-keys'],
  help: "`.policy-check.yml` sets `auth: api-key`, but this code calls InvokeModelWithBidirectionalStream, which Amazon Bedrock API keys cannot be used with: the call fails whatever the policies allow. Sign this client's calls with AWS credentials (SigV4), or use another operation.",
  helpUri: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-reference.html',
  findings(input: IacRuleInput): IacRuleFinding[] {
    if (!input.call?.apiKey) return [];
    return (input.code.inferenceCalls ?? [])
      .filter((call) => call.operation === 'InvokeModelWithBidirectionalStream' && call.service === 'bedrock-runtime')
      .map((call) => ({
        file: call.at.file,
        line: call.at.line,
        column: call.at.column,
        ...(call.at.endLine !== undefined ? { endLine: call.at.endLine } : {}),
        statement: `InvokeModelWithBidirectionalStream at ${call.at.file}:${call.at.line}`,
        message: message('api-key-bidirectional-call', {
          callFile: call.at.file,
          callLine: call.at.line,
          clientFile: call.client.file,
          clientLine: call.client.line,
        }),
      }));
  },
};
