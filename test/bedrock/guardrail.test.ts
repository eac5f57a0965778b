import { describe, expect, it } from 'vitest';
import {
  applyGuardrailRequest,
  guardrailTarget,
  parseGuardrail,
  withGuardrailKey,
  type AuthorizationRequest,
} from '../../src/bedrock/index.js';

const CALL = { partition: 'aws', region: 'us-east-1', account: '111122223333' };
const ARN = 'arn:aws:bedrock:us-east-1:111122223333:guardrail/abcd1234efgh';

// Formats from the Bedrock API Reference, InvokeModel and GuardrailConfiguration
// (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html,
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_GuardrailConfigurationWithArn.html):
// guardrailIdentifier `([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+)`,
// guardrailVersion `([1-9][0-9]{0,7})|(DRAFT)`.
describe('parseGuardrail', () => {
  it.each([
    ['abcd1234efgh', { identifier: 'abcd1234efgh' }],
    ['abcd1234efgh:1', { identifier: 'abcd1234efgh', version: '1' }],
    ['abcd1234efgh:DRAFT', { identifier: 'abcd1234efgh', version: 'DRAFT' }],
    [ARN, { identifier: ARN }],
    [`${ARN}:12`, { identifier: ARN, version: '12' }],
    [
      'arn:aws-us-gov:bedrock:us-gov-west-1:111122223333:guardrail/x1:DRAFT',
      {
        identifier: 'arn:aws-us-gov:bedrock:us-gov-west-1:111122223333:guardrail/x1',
        version: 'DRAFT',
      },
    ],
  ])('%s', (text, guardrail) => {
    expect(parseGuardrail(text)).toEqual({ ok: true, guardrail });
  });

  it.each([
    ['MyGuardrail', /neither a guardrail id/],
    ['abcd:0', /version "0"/],
    ['abcd:draft', /version "draft"/],
    ['abcd:123456789', /version "123456789"/],
    ['arn:aws:bedrock:us-east-1:1111:guardrail/abcd', /neither a guardrail id/],
    ['arn:aws:bedrock:us-east-1:111122223333:guardrail-profile/us.guardrail.v1:0', /neither a guardrail id/],
    ['', /neither a guardrail id/],
  ])('rejects %j', (text, reason) => {
    const parsed = parseGuardrail(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

describe('guardrailTarget', () => {
  // ARN format: Service Authorization Reference for Amazon Bedrock, resource type guardrail
  // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html):
  // arn:${Partition}:bedrock:${Region}:${Account}:guardrail/${GuardrailId}.
  it("an id is a guardrail of the caller's account in the call's Region", () => {
    expect(guardrailTarget({ identifier: 'abcd1234efgh', version: '1' }, CALL)).toEqual({
      arn: ARN,
      partition: 'aws',
      region: 'us-east-1',
      account: '111122223333',
      identifierValue: `${ARN}:1`,
    });
  });

  it('an ARN names its own Region and account', () => {
    const target = guardrailTarget({ identifier: 'arn:aws:bedrock:eu-west-1:444455556666:guardrail/zz9' }, CALL);
    expect([target.region, target.account, target.arn]).toEqual([
      'eu-west-1',
      '444455556666',
      'arn:aws:bedrock:eu-west-1:444455556666:guardrail/zz9',
    ]);
  });

  // bedrock:GuardrailIdentifier "Filters access by the GuardrailIdentifier containing the GuardrailArn or the
  // GuardrailArn:NumericVersion" (Service Authorization Reference); AWS's enforcement example uses
  // arn:aws:bedrock:us-east-1:123456789012:guardrail/guardrail-id:1
  // (https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions-id.html). DRAFT and no version are
  // not spelled out: the value stays unknown.
  it.each([
    ['1', `${ARN}:1`],
    ['DRAFT', undefined],
    [undefined, undefined],
  ])('version %s: bedrock:GuardrailIdentifier = %s', (version, value) => {
    const target = guardrailTarget({ identifier: ARN, ...(version ? { version } : {}) }, CALL);
    expect(target.identifierValue).toBe(value);
  });
});

describe('the requests of a call with and without a guardrail', () => {
  const invoke: AuthorizationRequest = {
    action: 'bedrock:InvokeModel',
    resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
    context: { 'aws:RequestedRegion': ['us-east-1'] },
    absentKeys: ['bedrock:InferenceProfileArn'],
    why: 'x',
  };

  it('without a guardrail the key is absent (what a StringNotEquals Deny relies on)', () => {
    expect(withGuardrailKey([invoke], undefined)[0]!.absentKeys).toContain('bedrock:GuardrailIdentifier');
  });

  it('with a numeric version it carries ARN:VERSION; with DRAFT it is unknown', () => {
    const numeric = guardrailTarget({ identifier: ARN, version: '3' }, CALL);
    expect(withGuardrailKey([invoke], numeric)[0]!.context['bedrock:GuardrailIdentifier']).toEqual([`${ARN}:3`]);
    const draft = guardrailTarget({ identifier: ARN, version: 'DRAFT' }, CALL);
    const [request] = withGuardrailKey([invoke], draft);
    expect(request!.unknownKeys).toEqual(['bedrock:GuardrailIdentifier']);
    expect(request!.context['bedrock:GuardrailIdentifier']).toBeUndefined();
  });

  // https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions.html: "bedrock:ApplyGuardrail" on
  // "arn:aws:bedrock:region:account-id:guardrail/guardrail-id"; versions have no ARN
  // (https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-deploy.html).
  it('applying it is bedrock:ApplyGuardrail on the guardrail ARN, without the version', () => {
    const request = applyGuardrailRequest(guardrailTarget({ identifier: 'abcd1234efgh', version: '7' }, CALL));
    expect([request.action, request.resource, request.context]).toEqual([
      'bedrock:ApplyGuardrail',
      ARN,
      { 'aws:RequestedRegion': ['us-east-1'] },
    ]);
  });
});
