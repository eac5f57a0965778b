import { sdkTooOldRule } from '../../rules/sdk-too-old/index.js';
import { codeCheckRule } from '../code-findings.js';

/**
 * boto3/botocore or @aws-sdk/client-bedrock-runtime too old for bedrock-runtime or Converse, in a manifest or lock
 * of the repository (the code check's sdk-too-old): an error when pinned or locked, a warning for a range.
 */
export const sdkTooOldIacRule = codeCheckRule(sdkTooOldRule, {
  finds:
    'boto3/botocore or `@aws-sdk/client-bedrock-runtime` too old for bedrock-runtime or Converse, in `requirements*.txt` (and the files it includes), `pyproject.toml`, `poetry.lock`, `uv.lock`, `Pipfile.lock`, `package.json`, `package-lock.json`, `pnpm-lock.yaml` or `yarn.lock`: an error when pinned or locked, a warning for a range, a note when only Converse is missing and no code calls it',
  severity: 'error',
  securitySeverity: '4.0',
  tags: ['reliability', 'dependencies', 'bedrock'],
});
