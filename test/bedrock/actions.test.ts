import { describe, expect, it } from 'vitest';
import {
  API_KEY_UNSUPPORTED_OPERATIONS,
  DEFAULT_ACTIONS,
  actionFor,
  normalizeActions,
  operationsAuthorizedAs,
} from '../../src/bedrock/actions.js';

// API → action: Service Authorization Reference for Amazon Bedrock, "API operations" table
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_bedrock.html).
describe('actions', () => {
  it.each([
    ['InvokeModel', 'bedrock:InvokeModel'],
    ['InvokeModelWithResponseStream', 'bedrock:InvokeModelWithResponseStream'],
    ['Converse', 'bedrock:InvokeModel'],
    ['ConverseStream', 'bedrock:InvokeModelWithResponseStream'],
    ['converse', 'bedrock:InvokeModel'],
    ['bedrock:InvokeModel', 'bedrock:InvokeModel'],
    ['BEDROCK:invokemodelwithresponsestream', 'bedrock:InvokeModelWithResponseStream'],
  ])('%s → %s', (name, action) => {
    expect(actionFor(name)).toBe(action);
  });

  it('defaults to both invoke actions', () => {
    expect(DEFAULT_ACTIONS).toEqual(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']);
    expect(normalizeActions([])).toEqual({ ok: true, actions: DEFAULT_ACTIONS });
  });

  it('deduplicates, sorts and splits comma-separated lists', () => {
    expect(normalizeActions(['ConverseStream', 'Converse,InvokeModel', ' bedrock:InvokeModel '])).toEqual({
      ok: true,
      actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
    });
    expect(normalizeActions(['Converse'])).toEqual({ ok: true, actions: ['bedrock:InvokeModel'] });
  });

  it('names every unknown entry in one clear error', () => {
    const result = normalizeActions(['InvokeModel', 'bedrock:Converse', 'InvokeAgent']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.unknown).toEqual(['bedrock:Converse', 'InvokeAgent']);
    expect(result.message).toContain(
      '"bedrock:Converse" is not an IAM action (Converse is authorized as bedrock:InvokeModel)',
    );
    expect(result.message).toContain('"InvokeAgent"');
    expect(result.message).toContain(
      'expected one of InvokeModel, InvokeModelWithResponseStream, Converse, ConverseStream',
    );
  });

  it('does not accept wildcards: the user names calls, not policy patterns', () => {
    expect(normalizeActions(['bedrock:InvokeModel*']).ok).toBe(false);
  });
});

/*
 * InvokeModelWithBidirectionalStream (Nova Sonic) "requires permission for the bedrock:InvokeModel action"
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithBidirectionalStream.html);
 * the Service Authorization Reference has no action of that name
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html). API keys "can't"
 * be used with it (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-reference.html).
 */
describe('InvokeModelWithBidirectionalStream', () => {
  it('is authorized as bedrock:InvokeModel', () => {
    expect(actionFor('InvokeModelWithBidirectionalStream')).toBe('bedrock:InvokeModel');
    expect(normalizeActions(['invokemodelwithbidirectionalstream'])).toEqual({
      ok: true,
      actions: ['bedrock:InvokeModel'],
    });
  });

  it('is no IAM action: bedrock:InvokeModelWithBidirectionalStream is an error that says what to write', () => {
    const result = normalizeActions(['bedrock:InvokeModelWithBidirectionalStream']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(
      '"bedrock:InvokeModelWithBidirectionalStream" is not an IAM action (InvokeModelWithBidirectionalStream is authorized as bedrock:InvokeModel)',
    );
  });

  it('is noted, with API keys unusable for it', () => {
    expect(API_KEY_UNSUPPORTED_OPERATIONS).toEqual(['InvokeModelWithBidirectionalStream']);
    expect(operationsAuthorizedAs(['Converse', 'InvokeModelWithBidirectionalStream'])).toEqual([
      { operation: 'InvokeModelWithBidirectionalStream', action: 'bedrock:InvokeModel', apiKeyUsable: false },
    ]);
    expect(operationsAuthorizedAs(['Converse', 'bedrock:InvokeModel'])).toEqual([]);
  });
});
