import { describe, expect, it } from 'vitest';
import { check } from '../../src/analysis/check.js';
import { parsePrincipal, type AccountBedrockState, type CheckReport, type Policy } from '../../src/model/index.js';
import { doc, policy } from '../helpers/policies.js';

/*
 * An application inference profile or a prompt router routes the call to models; AWS authorizes the call against
 * the routing resource's own ARN and against each model it routes to. "Prerequisites for inference profiles":
 * "When you specify an inference profile in the Resource field …, you must also specify the foundation model in
 * each Region associated with it", and bedrock:InferenceProfileArn filters the model requests made through a
 * profile (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html). Prompt routers:
 * bedrock:PromptRouterArn, "Filters access by the specified prompt router", a condition key of InvokeModel
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html; "Prompt routing",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-routing.html). The models come from the account
 * (GetInferenceProfile / GetPromptRouter models[].modelArn); one the account's list lacks is never allowed.
 */

const ACCOUNT = '111122223333';
const APP = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/abc123`;
const ROUTER = `arn:aws:bedrock:us-east-1:${ACCOUNT}:prompt-router/r1`;
const EAST = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0';
const WEST = 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-pro-v1:0';
const STATE: AccountBedrockState = {
  region: 'us-east-1',
  routingResources: [
    { arn: APP, models: [EAST, WEST] },
    { arn: ROUTER, models: [EAST] },
  ],
};

const allow = (...resources: string[]): Policy =>
  policy(doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: resources }));

function run(
  model: string,
  identity: Policy[],
  accountBedrock?: AccountBedrockState,
  region = 'us-east-1',
): CheckReport {
  return check({
    identity,
    model,
    region,
    principal: parsePrincipal(`arn:aws:iam::${ACCOUNT}:role/App`)!,
    actions: ['bedrock:InvokeModel'],
    now: new Date('2026-11-27T12:00:00Z'),
    toolVersion: 'test',
    ...(accountBedrock ? { accountBedrock } : {}),
  });
}

const decisions = (report: CheckReport) =>
  Object.fromEntries(report.checks.map((entry) => [entry.resource, entry.decision]));

describe('an application inference profile the account lists', () => {
  it('is checked against its ARN and each model it routes to', () => {
    const report = run(APP, [allow(APP, EAST)], STATE);
    expect(decisions(report)).toEqual({ [APP]: 'allowed', [EAST]: 'allowed', [WEST]: 'implicit-deny' });
    expect(report.verdict).toBe('denied');
    expect(run(APP, [allow(APP, EAST, WEST)], STATE).verdict).toBe('allowed');
  });

  it('sets bedrock:InferenceProfileArn to the profile on the model requests', () => {
    const throughProfile = policy(
      doc(
        { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: APP },
        {
          Effect: 'Allow',
          Action: 'bedrock:InvokeModel',
          Resource: 'arn:aws:bedrock:*::foundation-model/*',
          Condition: { ArnEquals: { 'bedrock:InferenceProfileArn': APP } },
        },
      ),
    );
    expect(run(APP, [throughProfile], STATE).verdict).toBe('allowed');
    // The same policy does not allow the model called directly (the key is absent then).
    expect(run('amazon.nova-pro-v1:0', [throughProfile], STATE).verdict).toBe('denied');
  });
});

describe('a prompt router the account lists', () => {
  it('sets bedrock:PromptRouterArn on the model requests: a Deny on it applies', () => {
    const denyRouter = policy(
      doc(
        { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'bedrock:InvokeModel',
          Resource: 'arn:aws:bedrock:*::foundation-model/*',
          Condition: { ArnEquals: { 'bedrock:PromptRouterArn': ROUTER } },
        },
      ),
    );
    const report = run(ROUTER, [denyRouter], STATE);
    expect(decisions(report)).toEqual({ [ROUTER]: 'allowed', [EAST]: 'explicit-deny' });
  });
});

describe('what the account does not list stays unresolved, never allowed', () => {
  const allowAll = [allow('*')];
  it.each([
    ['no routing resources read', undefined],
    ['another profile listed', { region: 'us-east-1', routingResources: [{ arn: ROUTER, models: [EAST] }] }],
    ['the list read in another Region', { ...STATE, region: 'us-west-2' }],
  ] as const)('%s', (_, state) => {
    const report = run(APP, allowAll, state);
    expect(report.verdict).toBe('incomplete');
    expect(report.unresolved.map((entry) => entry.params.code)).toContain('routed-models-unknown');
  });

  it('a routed model that is no foundation-model ARN is an unresolved entry', () => {
    const profileArn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.amazon.nova-pro-v1:0`;
    const report = run(ROUTER, allowAll, {
      region: 'us-east-1',
      routingResources: [{ arn: ROUTER, models: [profileArn] }],
    });
    expect(report.verdict).toBe('incomplete');
    expect(report.unresolved.map((entry) => entry.params.code)).toContain('invalid-routed-model');
  });
});
