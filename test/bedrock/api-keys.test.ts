import { describe, expect, it } from 'vitest';
import {
  bearerTokenRequest,
  bearerTokenType,
  isBearerTokenAction,
  isBidirectionalStream,
} from '../../src/bedrock/index.js';

/*
 * bedrock:CallWithBearerToken has no resource type (so "*") and the condition key bedrock:BearerTokenType, valued
 * SHORT_TERM or LONG_TERM:
 *   https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html
 * API keys cannot call InvokeModelWithBidirectionalStream: https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html
 */
describe('API-key requests', () => {
  it('a key of known kind: CallWithBearerToken on * with its BearerTokenType, in the Region of the endpoint', () => {
    expect(bearerTokenRequest('long-term', 'eu-west-1')).toMatchObject({
      action: 'bedrock:CallWithBearerToken',
      resource: '*',
      context: { 'aws:RequestedRegion': ['eu-west-1'], 'bedrock:BearerTokenType': ['LONG_TERM'] },
      absentKeys: [],
    });
    expect(bearerTokenType('short-term')).toBe('SHORT_TERM');
  });

  it('a key of unknown kind: the key is present with an unknown value, never absent', () => {
    const request = bearerTokenRequest(undefined, 'us-east-1');
    expect(request.context['bedrock:BearerTokenType']).toBeUndefined();
    expect(request.unknownKeys).toEqual(['bedrock:BearerTokenType']);
  });

  it('recognises the action and the bidirectional stream in any case', () => {
    expect(isBearerTokenAction('BEDROCK:callwithbearertoken')).toBe(true);
    expect(isBearerTokenAction('bedrock-mantle:CallWithBearerToken')).toBe(false);
    expect(isBidirectionalStream('InvokeModelWithBidirectionalStream')).toBe(true);
    expect(isBidirectionalStream('bedrock:invokemodelwithbidirectionalstream')).toBe(true);
    expect(isBidirectionalStream('bedrock:InvokeModelWithResponseStream')).toBe(false);
  });
});
