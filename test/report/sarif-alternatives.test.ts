import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/diagnose/rules/index.js';
import { formatSarif } from '../../src/report/sarif.js';
import { BOTH_ACTIONS, modelArn, runCheck } from '../diagnose/fix/reverify.js';

/* A fix that removes a condition is an alternative: SARIF keeps it in properties, never as an applicable fix. */

describe('SARIF and a fix that removes a condition', () => {
  it('lists it in properties, labelled, and not in fixes[]', () => {
    const policy = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Office',
            Effect: 'Allow',
            Action: BOTH_ACTIONS,
            Resource: modelArn('us-east-1', 'amazon.nova-lite-v1:0'),
            Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
          },
        ],
      },
      null,
      2,
    );
    const report = runCheck(
      { 'app.json': policy },
      { identity: ['app.json'] },
      { model: 'amazon.nova-lite-v1:0', context: { 'aws:SourceIp': ['192.0.2.1'] } },
    );
    const log = JSON.parse(formatSarif(report, RULES)) as {
      runs: { results: { ruleId: string; fixes?: unknown[]; properties: { fixes: Record<string, unknown>[] } }[] }[];
    };
    const result = log.runs[0]!.results.find((item) => item.ruleId === 'identity-policy')!;
    expect(result.properties.fixes.map((fix) => [fix.kind, fix.verified, fix.alternative ?? false])).toEqual([
      ['instructions', false, false],
      ['replace-statement', true, true],
    ]);
    expect(result.properties.fixes[1]!.removesConditions).toEqual(['aws:SourceIp']);
    expect(result.fixes).toBeUndefined();
  });
});
