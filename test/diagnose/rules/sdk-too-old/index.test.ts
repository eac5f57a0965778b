import { describe, expect, it } from 'vitest';
import { explainError } from '../../../../src/diagnose/explain/index.js';
import { sdkTooOldRule } from '../../../../src/diagnose/rules/sdk-too-old/index.js';

describe('sdk-too-old rule', () => {
  // Registration, signatures and the static check: registration.test.ts.
  it('gives the minimum versions, with the changelogs they were verified in', () => {
    const { help } = sdkTooOldRule;
    for (const version of ['boto3 1.28.57', 'botocore 1.31.57', '1.34.116', '3.422.0', '3.587.0', '2.13.23'])
      expect(help).toContain(version);
    expect(help).toContain(
      'https://github.com/aws/aws-sdk-js-v3/blob/main/clients/client-bedrock-runtime/CHANGELOG.md',
    );
    expect(help).toContain('https://github.com/OpenConceptLab/oclapi2/pull/609');
    expect(help).toContain('https://github.com/aws/aws-advanced-python-wrapper/pull/563');
    // The one figure the changelogs searched did not confirm is marked as such.
    expect(help).toMatch(/2\.13\.23 \(not verified/);
  });

  it.each([
    [
      'boto3 without bedrock-runtime',
      "botocore.exceptions.UnknownServiceError: Unknown service: 'bedrock-runtime'. Valid service names are: accessanalyzer, account, acm, acm-pca, ...",
      'sdk-too-old/unknown-service',
      'UnknownServiceError',
    ],
    [
      'boto3 without bedrock (control plane)',
      "UnknownServiceError: Unknown service: 'bedrock'. Valid service names are: ...",
      'sdk-too-old/unknown-service',
      'UnknownServiceError',
    ],
    [
      'boto3 without Converse',
      "AttributeError: 'BedrockRuntime' object has no attribute 'converse_stream'",
      'sdk-too-old/no-converse',
      'AttributeError',
    ],
  ])('explains %s', (_name, text, signature, exception) => {
    expect(explainError(text)).toMatchObject({ status: 'recognised', rule: 'sdk-too-old', signature, exception });
  });
});
