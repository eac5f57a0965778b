import { describe, expect, it } from 'vitest';
import { dependencyFindings } from '../../../../src/diagnose/rules/sdk-too-old/dependency-findings.js';
import type { PackageRequirement, SdkUse } from '../../../../src/model/index.js';
import { renderCliHints } from '../../../../src/report/cli-hints.js';

// As the reports show them: the findings are data, worded by report/.
const findings = (...args: Parameters<typeof dependencyFindings>) => renderCliHints(dependencyFindings(...args));

// Version boundaries, from the SDK changelogs (see src/diagnose/rules/sdk-too-old/sdk-minimums.ts):
// botocore 1.31.57 "bedrock-runtime: Run Inference" https://github.com/boto/botocore/blob/develop/.changes/1.31.57.json
// botocore 1.34.116 "adds Converse and ConverseStream" https://github.com/boto/botocore/blob/develop/.changes/1.34.116.json
// boto3 1.28.57 / 1.34.116: https://github.com/OpenConceptLab/oclapi2/pull/609, https://github.com/aws/aws-advanced-python-wrapper/pull/563
// @aws-sdk/client-bedrock-runtime 3.422.0: https://github.com/aws/aws-sdk-js-v3/blob/main/clients/client-bedrock-runtime/CHANGELOG.md

function requirement(
  name: string,
  kind: PackageRequirement['kind'],
  lowest: string | null,
  file = 'requirements.txt',
  line = 1,
  spec = lowest ?? 'git+https://example.invalid/boto3',
): PackageRequirement {
  const ecosystem = name.startsWith('@') ? 'npm' : 'pypi';
  return { ecosystem, name, kind, spec, lowest, at: { file, line, column: 1 } };
}

const CONVERSE: SdkUse[] = [
  {
    language: 'python',
    service: 'bedrock-runtime',
    operations: ['Converse'],
    at: { file: 'a.py', line: 1, column: 1 },
  },
];

const summary = (worded: ReturnType<typeof findings>) =>
  worded.map((f) => `${f.severity} ${f.locations[0]?.file}:${f.locations[0]?.line} ${f.title}`);

describe('dependencyFindings', () => {
  it.each([
    ['boto3', '1.28.56', 'error'],
    ['boto3', '1.28.57', 'note'],
    ['botocore', '1.31.56', 'error'],
    ['botocore', '1.31.57', 'note'],
    ['boto3', '1.34.115', 'note'],
    ['boto3', '1.34.116', undefined],
    ['@aws-sdk/client-bedrock-runtime', '3.586.0', 'note'],
    ['@aws-sdk/client-bedrock-runtime', '3.587.0', undefined],
  ])('%s %s locked: %s', (name, version, severity) => {
    expect(findings([requirement(name, 'lock', version)], [])[0]?.severity).toBe(severity);
  });

  it('is an error for a pinned version too old for bedrock-runtime, predicting UnknownServiceError', () => {
    const [finding] = findings([requirement('boto3', 'exact', '1.26.0', 'requirements.txt', 3, '==1.26.0')], []);
    expect(finding).toMatchObject({
      rule: 'sdk-too-old',
      severity: 'error',
      predictedError: { exception: 'UnknownServiceError', message: "Unknown service: 'bedrock-runtime'" },
      locations: [{ file: 'requirements.txt', line: 3, column: 1 }],
    });
  });

  it('is a warning for a range whose lowest version is too old, and an error for Converse when code calls it', () => {
    const range = requirement('boto3', 'range', '1.33.0', 'pyproject.toml', 6, '>=1.33');
    expect(summary(findings([range], CONVERSE))).toEqual([
      'warning pyproject.toml:6 boto3 >=1.33 allows versions older than the Converse API (1.34.116)',
    ]);
    expect(findings([{ ...range, kind: 'lock' }], CONVERSE)[0]?.severity).toBe('error');
  });

  it('lets a lock decide over the manifests of its folder and below, and says so', () => {
    const manifest = requirement('boto3', 'range', '1.20', 'app/pyproject.toml', 7, '^1.20');
    const fineLock = requirement('boto3', 'lock', '1.34.120', 'poetry.lock', 5);
    expect(findings([manifest, fineLock], [])).toEqual([]);
    const oldLock = requirement('boto3', 'lock', '1.28.0', 'poetry.lock', 5);
    const [finding] = findings([manifest, oldLock], []);
    expect(finding?.locations).toEqual([{ file: 'poetry.lock', line: 5, column: 1 }]);
    expect(finding?.cause).toContain('The lock decides over app/pyproject.toml:7 (^1.20)');
    // A lock in another folder decides nothing here.
    const otherLock = requirement('boto3', 'lock', '1.34.120', 'other/poetry.lock', 5);
    expect(summary(findings([manifest, otherLock], []))).toEqual([
      'warning app/pyproject.toml:7 boto3 ^1.20 allows versions older than the bedrock-runtime service (1.28.57)',
    ]);
  });

  it('does not blame a range for npm releases that never existed (the runtime client begins at 3.422.0)', () => {
    const range = requirement('@aws-sdk/client-bedrock-runtime', 'range', '3.400.0', 'package.json', 4, '^3.400.0');
    expect(summary(findings([range], []))).toEqual([
      'note package.json:4 @aws-sdk/client-bedrock-runtime ^3.400.0 allows versions older than the Converse API (3.587.0)',
    ]);
  });

  it('warns when the version cannot be known, and ignores other packages', () => {
    expect(
      summary(findings([requirement('boto3', 'range', null), requirement('requests', 'exact', '1.0')], [])),
    ).toEqual(['warning requirements.txt:1 boto3 version not known from git+https://example.invalid/boto3']);
  });
});
