import { describe, expect, it } from 'vitest';
import { classifyModel, splitProfileId } from '../../src/bedrock/model-id.js';
import { shippedCatalog } from '../../src/bedrock/catalog.js';

// ARN formats: Service Authorization Reference, "Resource types defined by Amazon Bedrock"
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_bedrock.html), and the
// InvokeModel modelId parameter (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html).
describe('classifyModel', () => {
  it('reads a foundation model id', () => {
    expect(classifyModel('anthropic.claude-3-haiku-20240307-v1:0')).toEqual({
      kind: 'foundation-model',
      input: 'anthropic.claude-3-haiku-20240307-v1:0',
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    });
    expect(classifyModel('openai.gpt-5.6-terra')).toMatchObject({
      kind: 'foundation-model',
      modelId: 'openai.gpt-5.6-terra',
    });
  });

  it('reads a foundation-model ARN, keeping its Region', () => {
    const id = classifyModel('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0');
    expect(id).toMatchObject({ kind: 'foundation-model', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' });
    expect(id.kind === 'foundation-model' && id.arn).toMatchObject({
      partition: 'aws',
      region: 'us-east-1',
      account: '',
    });
  });

  it('rejects a foundation-model ARN with an account', () => {
    expect(classifyModel('arn:aws:bedrock:us-east-1:123456789012:foundation-model/amazon.nova-lite-v1:0').kind).toBe(
      'unknown',
    );
  });

  it.each([
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us'],
    ['eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'eu'],
    ['apac.amazon.nova-lite-v1:0', 'apac'],
    ['jp.anthropic.claude-sonnet-4-5-20250929-v1:0', 'jp'],
    ['au.anthropic.claude-sonnet-4-5-20250929-v1:0', 'au'],
    ['ca.amazon.nova-lite-v1:0', 'ca'],
    ['in.amazon.nova-lite-v1:0', 'in'],
    ['us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us-gov'],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'global'],
  ])('reads the system-defined profile id %s', (input, scope) => {
    expect(classifyModel(input)).toEqual({
      kind: 'inference-profile',
      input,
      profileId: input,
      scope,
      modelId: input.slice(scope.length + 1),
    });
  });

  it('reads a system-defined profile ARN', () => {
    const input =
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0';
    const id = classifyModel(input);
    expect(id).toMatchObject({
      kind: 'inference-profile',
      profileId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      scope: 'us',
      modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    });
    expect(id.kind === 'inference-profile' && id.arn?.account).toBe('123456789012');
  });

  it.each([
    [
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
      'application-inference-profile',
      'a1b2c3d4e5f6',
    ],
    ['arn:aws:bedrock:us-east-1:123456789012:provisioned-model/a1b2c3d4e5f6', 'provisioned-model', 'a1b2c3d4e5f6'],
    [
      'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/a1b2c3d4e5f6',
      'custom-model',
      'amazon.titan-text-express-v1:0:8k/a1b2c3d4e5f6',
    ],
    [
      'arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/a1b2c3d4e5f6',
      'custom-model-deployment',
      'a1b2c3d4e5f6',
    ],
    ['arn:aws:bedrock:us-east-1:123456789012:imported-model/a1b2c3d4e5f6', 'imported-model', 'a1b2c3d4e5f6'],
    [
      'arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1',
      'default-prompt-router',
      'anthropic.claude:1',
    ],
    ['arn:aws:bedrock:us-east-1:123456789012:prompt-router/a1b2c3d4e5f6', 'prompt-router', 'a1b2c3d4e5f6'],
    ['arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-endpoint', 'marketplace-endpoint', 'my-endpoint'],
    ['arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT12AB:1', 'prompt', 'PROMPT12AB:1'],
  ])('reads %s', (input, kind, resourceId) => {
    expect(classifyModel(input)).toMatchObject({ kind, input, resourceId });
  });

  it('keeps the GovCloud partition of an ARN', () => {
    const id = classifyModel('arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:provisioned-model/a1b2c3d4e5f6');
    expect(id.kind === 'provisioned-model' && id.arn.partition).toBe('aws-us-gov');
  });

  it.each([
    ['claude-3-haiku', 'no provider prefix'],
    ['Anthropic.Claude-3-Haiku', 'upper case is not a model id'],
    ['xx.anthropic.claude-3-haiku-20240307-v1:0.', 'trailing dot'],
    ['arn:aws:bedrock:us-east-1', 'truncated ARN'],
    ['arn:aws:s3:::bucket/key', 'another service'],
    ['arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KB1', 'a resource InvokeModel cannot invoke'],
    [
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/zz.anthropic.claude-3-haiku-20240307-v1:0',
      'unknown profile prefix',
    ],
    ['arn:aws:bedrock:us-east-1:123456789012:provisioned-model/', 'no resource id'],
    ['arn:aws:sagemaker:us-east-1:123456789012:model/my-model', 'SageMaker, not an endpoint'],
    ['', 'empty'],
    [' anthropic.claude-3-haiku-20240307-v1:0', 'leading space'],
  ])('classifies %j as unknown (%s)', (input) => {
    const id = classifyModel(input);
    expect(id.kind).toBe('unknown');
    expect(id.kind === 'unknown' && id.reason.length).toBeGreaterThan(10);
  });

  it('takes a profile prefix only before a valid model id', () => {
    expect(splitProfileId('us.')).toBeUndefined();
    expect(splitProfileId('us-gov.amazon.nova-lite-v1:0')).toEqual({
      scope: 'us-gov',
      modelId: 'amazon.nova-lite-v1:0',
    });
  });

  it('classifies every id of the shipped catalog as what it is', () => {
    const catalog = shippedCatalog();
    for (const model of catalog.models)
      expect(classifyModel(model.modelId)).toMatchObject({ kind: 'foundation-model' });
    for (const profile of catalog.profiles) {
      expect(classifyModel(profile.id)).toMatchObject({
        kind: 'inference-profile',
        scope: profile.scope,
        modelId: profile.modelId,
      });
    }
  });
});
