import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES,
  FIXTURES,
  ON_DEMAND_MODEL,
  PRINCIPAL,
  expectUnchanged,
  parseReport,
  requireBuiltCli,
  runCli,
  snapshotFiles,
} from './helpers.js';

/*
 * Issue #6 through the binary: an Allow whose aws:SourceIp condition is false for the call. Every
 * format names the clause, puts "meet the condition" first (an instruction, never verified), and shows
 * the removal of the condition only as a labelled alternative.
 */

const SOURCE_IP = 'policies-examples/conditional-source-ip/policy.json';
const ARGS = [
  SOURCE_IP,
  '--model',
  ON_DEMAND_MODEL,
  '--region',
  'us-east-1',
  '--principal',
  PRINCIPAL,
  '--context',
  'aws:SourceIp=192.0.2.10',
];

interface JsonFix {
  kind: string;
  summary: string;
  alternative?: boolean;
  removesConditions?: string[];
  statement?: { Condition?: Record<string, Record<string, unknown>> };
  verification: { verified: boolean };
}

let inputs: Map<string, Buffer>;
beforeAll(() => {
  inputs = snapshotFiles(EXAMPLES, FIXTURES);
  requireBuiltCli();
});
afterAll(() => expectUnchanged(inputs, EXAMPLES, FIXTURES));

describe('a false aws:SourceIp condition', () => {
  it('JSON (valid against the schema): failingConditions, an unverified instruction first, a labelled alternative', () => {
    const result = runCli([...ARGS, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = parseReport(result.stdout) as unknown as {
      findings: { rule: string; failingConditions?: unknown[]; fixes: JsonFix[] }[];
    };
    const finding = report.findings.find((item) => item.rule === 'identity-policy')!;
    expect(finding.failingConditions).toEqual([
      {
        statement: expect.objectContaining({ file: SOURCE_IP, line: 4, column: 5, sid: 'InvokeFromCorporateNetwork' }),
        clause: { file: SOURCE_IP, line: 10, column: 24 },
        operator: 'IpAddress',
        key: 'aws:SourceIp',
        expected: ['203.0.113.0/24', '198.51.100.0/24'],
        given: ['192.0.2.10'],
        checks: [
          `bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/${ON_DEMAND_MODEL}`,
          `bedrock:InvokeModelWithResponseStream on arn:aws:bedrock:us-east-1::foundation-model/${ON_DEMAND_MODEL}`,
        ],
      },
    ]);
    const [first, ...rest] = finding.fixes;
    expect(first!.kind).toBe('instructions');
    expect(first!.summary).toContain('call from one of 203.0.113.0/24, 198.51.100.0/24');
    expect(first!.verification.verified).toBe(false);
    for (const fix of rest) {
      expect(fix.alternative).toBe(true);
      expect(fix.removesConditions).toEqual(['aws:SourceIp']);
      expect(JSON.stringify(fix.statement ?? {})).not.toContain('aws:SourceIp');
    }
  });

  it('text and Markdown label the alternative and never call the instruction verified', () => {
    const text = runCli(ARGS).stdout;
    expect(text).toContain(
      'requires IpAddress aws:SourceIp ["203.0.113.0/24","198.51.100.0/24"] (policies-examples/conditional-source-ip/policy.json:10:24), given 192.0.2.10',
    );
    expect(text).toContain('not verified: a change to the request');
    expect(text).toContain('Alternative (removes the condition on aws:SourceIp):');
    const markdown = runCli([...ARGS, '--format', 'markdown']).stdout;
    expect(markdown).toContain('**Alternative (removes the condition on aws:SourceIp)**');
    expect(markdown).toMatch(/\*\*Not verified:\*\* a change to the request/);
  });
});
