import type { Finding } from '../../../model/index.js';
import type { Evaluation } from '../../evaluation.js';
import { sdkTooOldSignatures } from './signatures.js';
import type { Rule } from '../rule.js';

/**
 * An SDK older than the bedrock-runtime service (or its Converse API). Invisible to a static check of
 * policies, so diagnose() finds nothing; `policy-check explain` recognises the error text.
 */
export const sdkTooOldRule: Rule = {
  id: 'sdk-too-old',
  recognises: "`UnknownServiceError: Unknown service: 'bedrock-runtime'`",
  notInPolicies: 'a client-side problem, not a policy decision',
  title: 'SDK or CLI too old for the bedrock-runtime service or its Converse API',
  helpUri: 'https://github.com/boto/boto3/blob/develop/CHANGELOG.rst',
  help: [
    "`botocore.exceptions.UnknownServiceError: Unknown service: 'bedrock-runtime'` (or `'bedrock'`) is raised by the client",
    'before any request is sent: the installed SDK has no model of the service. Minimum versions, as verified in the',
    'SDK changelogs:',
    '',
    '| client | bedrock-runtime (InvokeModel) | Converse / ConverseStream |',
    '|---|---|---|',
    '| boto3 / botocore (Python) | boto3 1.28.57 / botocore 1.31.57 (2023-09-28) | boto3 / botocore 1.34.116 (2024-05-30) |',
    '| @aws-sdk/client-bedrock-runtime (JavaScript v3) | 3.422.0 (2023-09-28) | 3.587.0 (2024-05-30) |',
    '| AWS CLI v1 | any release built on botocore ≥ 1.31.57 | botocore ≥ 1.34.116 |',
    '| AWS CLI v2 | 2.13.23 (not verified against the AWS CLI changelog; upgrade to the latest v2) | a release from 2024-05-30 on |',
    '',
    'Sources: boto3 changelog entries 1.28.57 ("api-change:`bedrock-runtime`: [`botocore`] Run Inference: Added support',
    'to run the inference on models") and 1.34.116 ("[`botocore`] This release adds Converse and ConverseStream APIs to',
    'Bedrock Runtime"), as quoted in [OpenConceptLab/oclapi2#609](https://github.com/OpenConceptLab/oclapi2/pull/609) and',
    '[aws/aws-advanced-python-wrapper#563](https://github.com/aws/aws-advanced-python-wrapper/pull/563); the botocore pairing',
    '(boto3 1.28.57 ↔ botocore 1.31.57) as pinned together by SDKs with a Bedrock extra; the',
    '[@aws-sdk/client-bedrock-runtime CHANGELOG](https://github.com/aws/aws-sdk-js-v3/blob/main/clients/client-bedrock-runtime/CHANGELOG.md)',
    '(3.422.0 "Run Inference", 3.587.0 "adds Converse and ConverseStream APIs"). A maintainer comment in',
    '[boto/boto3#4173](https://github.com/boto/boto3/issues/4173) names 1.34.131 for Converse; the changelog entry is 1.34.116.',
    '',
    "An old boto3 without Converse fails with `'BedrockRuntime' object has no attribute 'converse'` (or `converse_stream`).",
    '',
    '**Fix**: upgrade in the interpreter or bundle that runs the code (`pip install --upgrade boto3 botocore`,',
    '`npm install @aws-sdk/client-bedrock-runtime@latest`, the AWS CLI installer) and print the version from there:',
    "AWS Lambda's bundled boto3, system packages and Lambda layers often shadow the upgraded copy",
    '([boto/boto3#3914](https://github.com/boto/boto3/issues/3914)).',
  ].join('\n'),
  get signatures() {
    return sdkTooOldSignatures();
  },
  diagnose(_evaluation: Evaluation): Finding[] {
    return [];
  },
};
