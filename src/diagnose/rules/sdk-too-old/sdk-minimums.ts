import type { PackageEcosystem } from '../../../model/index.js';

/** The first release of an SDK package that has the bedrock-runtime service, and the first with Converse. */
export interface SdkMinimum {
  readonly ecosystem: PackageEcosystem;
  readonly name: string;
  readonly runtime: string;
  readonly converse: string;
  /** The package's first release, when it is the runtime one: a range cannot install anything older. */
  readonly firstRelease?: string;
}

/**
 * From the SDKs' changelogs:
 * - botocore 1.31.57 "bedrock-runtime: Run Inference" and 1.34.116 "adds Converse and ConverseStream APIs to
 *   Bedrock Runtime" (https://github.com/boto/botocore/blob/develop/.changes/1.31.57.json, …/1.34.116.json);
 * - boto3 1.28.57 and 1.34.116 carry the same entries ("[botocore] Run Inference", "[botocore] This release adds
 *   Converse …"), quoted from boto3's CHANGELOG.rst in https://github.com/OpenConceptLab/oclapi2/pull/609 and
 *   https://github.com/aws/aws-advanced-python-wrapper/pull/563;
 * - @aws-sdk/client-bedrock-runtime: its CHANGELOG begins at 3.422.0 (2023-09-28, "Run Inference")
 *   (https://github.com/aws/aws-sdk-js-v3/blob/main/clients/client-bedrock-runtime/CHANGELOG.md); Converse came
 *   with commit 512d901 of 2024-05-30, released as 3.587.0 that day.
 */
export const SDK_MINIMUMS: readonly SdkMinimum[] = [
  { ecosystem: 'pypi', name: 'boto3', runtime: '1.28.57', converse: '1.34.116' },
  { ecosystem: 'pypi', name: 'botocore', runtime: '1.31.57', converse: '1.34.116' },
  {
    ecosystem: 'npm',
    name: '@aws-sdk/client-bedrock-runtime',
    runtime: '3.422.0',
    converse: '3.587.0',
    firstRelease: '3.422.0',
  },
];
