// A report records how the call it checked was made: the options that change the requests AWS authorizes.
// API keys: https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html;
// guardrails: https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions-id.html;
// service tiers: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ServiceTier.html;
// InvokeModelWithBidirectionalStream is authorized as bedrock:InvokeModel:
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithBidirectionalStream.html
import { describe, expect, it } from 'vitest';
import { callOptionsOf } from '../../src/analysis/call-options.js';
import { check } from '../../src/analysis/check.js';
import { matrix } from '../../src/analysis/matrix.js';
import { shippedCatalog } from '../../src/bedrock/index.js';
import { parsePrincipal } from '../../src/model/index.js';
import { account, managedPolicy, role } from '../helpers/account.js';
import { doc, policy } from '../helpers/policies.js';

const catalog = shippedCatalog();
const NOVA = 'amazon.nova-pro-v1:0';
const ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
const allow = doc({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' });
const call = {
  identity: [policy(allow)],
  model: NOVA,
  region: 'us-east-1',
  actions: ACTIONS,
  principal: parsePrincipal('arn:aws:iam::111122223333:role/App')!,
  now: new Date('2026-11-27T00:00:00Z'),
  toolVersion: 'test',
  catalog,
};

describe('callOptionsOf', () => {
  it('is empty when no call option is given', () => {
    expect(callOptionsOf({})).toEqual({});
  });

  it('records each option given, and only those', () => {
    expect(
      callOptionsOf({
        apiKey: { kind: 'long-term' },
        guardrail: { identifier: 'gr1', version: 'DRAFT' },
        serviceTier: 'flex',
        operations: ['InvokeModelWithBidirectionalStream'],
      }),
    ).toEqual({
      auth: { method: 'api-key', kind: 'long-term' },
      guardrail: { identifier: 'gr1', version: 'DRAFT' },
      serviceTier: 'flex',
      operations: ['InvokeModelWithBidirectionalStream'],
    });
    expect(callOptionsOf({ apiKey: {}, guardrail: { identifier: 'gr1' } })).toEqual({
      auth: { method: 'api-key' },
      guardrail: { identifier: 'gr1' },
    });
  });

  it('records an operation only when it is authorized as another action: the actions already say Converse', () => {
    expect(callOptionsOf({ operations: ['Converse', 'InvokeModel'] })).toEqual({});
    expect(callOptionsOf({ operations: ['converse', 'invokemodelwithbidirectionalstream'] })).toEqual({
      operations: ['InvokeModelWithBidirectionalStream'],
    });
  });
});

describe('check(): the call options in the report input', () => {
  it('adds no key to the input of a call without options', () => {
    expect(Object.keys(check(call).input)).toEqual([
      'model',
      'modelKind',
      'region',
      'principal',
      'principalIsPlaceholder',
      'actions',
      'policies',
    ]);
  });

  it('records auth, guardrail, tier and operation beside the actions', () => {
    const report = check({
      ...call,
      apiKey: { kind: 'short-term' },
      guardrail: { identifier: 'gr1', version: '2' },
      serviceTier: 'priority',
      operations: ['InvokeModelWithBidirectionalStream'],
      actions: ['bedrock:InvokeModel'],
    });
    expect(report.input).toMatchObject({
      actions: ['bedrock:InvokeModel'],
      auth: { method: 'api-key', kind: 'short-term' },
      guardrail: { identifier: 'gr1', version: '2' },
      serviceTier: 'priority',
      operations: ['InvokeModelWithBidirectionalStream'],
    });
    // The options are what was checked: the API-key and guardrail requests are among the checks.
    expect(report.checks.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['bedrock:CallWithBearerToken', 'bedrock:ApplyGuardrail']),
    );
  });
});

describe('matrix(): the call options every cell was checked with', () => {
  const model = account({ roles: [role('App', [managedPolicy('Invoke', allow)])] });
  const options = {
    region: 'us-east-1',
    actions: ACTIONS,
    catalog,
    now: call.now,
    toolVersion: 'test',
    models: [NOVA],
  };

  it('records none when none is given', () => {
    const head = matrix(model, options);
    expect(head).not.toHaveProperty('auth');
    expect(head).not.toHaveProperty('serviceTier');
  });

  it('records --auth as given (the kind each role resolves to is its cell report’s) and the tier', () => {
    const head = matrix(model, { ...options, apiKey: {}, serviceTier: 'flex' });
    expect(head.auth).toEqual({ method: 'api-key' });
    expect(head.serviceTier).toBe('flex');
  });
});
