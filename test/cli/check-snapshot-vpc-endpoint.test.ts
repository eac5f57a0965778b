// check --snapshot with the principal's account's bedrock-runtime interface endpoints, as a scan checks a cell.
// A call through an interface endpoint is also authorized against the endpoint policy, whose statements name a
// Principal (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html); which endpoint a caller's
// traffic takes is in no API, so a denial there is a warning and the verdict stays.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, requireBuiltCli, runCli } from './helpers.js';

requireBuiltCli();

const SNAPSHOT = join(EXAMPLES, 'scan-vpc-endpoint', 'snapshot.json');
const NOVA = 'amazon.nova-pro-v1:0';
const role = (name: string): string => `arn:aws:iam::111122223333:role/${name}`;

interface Report {
  readonly verdict: string;
  readonly findings: readonly { rule: string; severity: string; title: string }[];
  readonly noteCodes?: readonly { code: string; params: Record<string, unknown> }[];
}

function checkSnapshot(principal: string, extra: readonly string[] = []): { code: number | null; report: Report } {
  const result = runCli([
    'check',
    '--snapshot',
    SNAPSHOT,
    '--principal',
    principal,
    '--model',
    NOVA,
    '--region',
    'us-east-1',
    '--format',
    'json',
    ...extra,
  ]);
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

describe('check --snapshot and the account’s VPC endpoints', () => {
  it('warns that calls through the endpoint whose policy names only chat-app would be denied; the call stays allowed', () => {
    const { code, report } = checkSnapshot(role('batch-job'));
    expect(report.verdict).toBe('allowed');
    expect(code).toBe(0);
    const warnings = report.findings.filter((finding) => finding.rule === 'vpc-endpoint-policy');
    expect(warnings.map((finding) => [finding.severity, finding.title.split(':')[0]])).toEqual([
      ['warning', 'calls through vpce-0a1b2c3d4e5f60718 would be denied'],
    ]);
    expect(report.noteCodes?.filter((note) => note.code === 'vpc-endpoints-checked-call')).toEqual([
      { code: 'vpc-endpoints-checked-call', params: { count: 1 } },
    ]);
  });

  it('has no warning for the principal the endpoint policy allows', () => {
    const { report } = checkSnapshot(role('chat-app'));
    expect(report.verdict).toBe('allowed');
    expect(report.findings.filter((finding) => finding.rule === 'vpc-endpoint-policy')).toEqual([]);
  });
});
