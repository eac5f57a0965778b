import { describe, expect, it } from 'vitest';
import { isBedrockArn, isControlPlaneEndpoint } from '../../../src/parse/code/bedrock-code.js';

describe('isControlPlaneEndpoint', () => {
  // Endpoints: https://docs.aws.amazon.com/general/latest/gr/bedrock.html
  it.each([
    ['https://bedrock.us-east-1.amazonaws.com', true],
    ['bedrock.eu-west-1.amazonaws.com', true],
    ['https://bedrock-fips.us-east-1.amazonaws.com/', true],
    ['https://bedrock.cn-north-1.amazonaws.com.cn', true],
    ['https://vpce-0a1b2c3d-xyz.bedrock.us-east-1.vpce.amazonaws.com', true],
    ['https://bedrock-runtime.us-east-1.amazonaws.com', false],
    ['https://vpce-0a1b2c3d-xyz.bedrock-runtime.us-east-1.vpce.amazonaws.com', false],
    ['http://localhost:4566', false],
    ['https://bedrock.example.com', false],
  ])('%s: %s', (url, expected) => {
    expect(isControlPlaneEndpoint(url)).toBe(expected);
  });
});

describe('isBedrockArn', () => {
  it.each([
    ['arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1', true],
    ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0', true],
    ['arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:application-inference-profile/abc', true],
    ['arn:aws:s3:::bucket/key', false],
    ['anthropic.claude-3-haiku-20240307-v1:0', false],
  ])('%s: %s', (text, expected) => {
    expect(isBedrockArn(text)).toBe(expected);
  });
});
