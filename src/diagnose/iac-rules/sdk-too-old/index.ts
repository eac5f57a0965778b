import { sdkTooOldRule } from '../../rules/sdk-too-old/index.js';
import { codeCheckRule } from '../code-findings.js';

/**
 * boto3/botocore or @aws-sdk/client-bedrock-runtime too old for bedrock-runtime or Converse, in a manifest or lock
 * of the repository (the code check's sdk-too-old): an error when pinned or locked, a warning for a range.
 */
export const sdkTooOldIacRule = codeCheckRule(sdkTooOldRule, {
  severity: 'error',
  securitySeverity: '4.0',
  tags: ['reliability', 'dependencies', 'bedrock'],
});
