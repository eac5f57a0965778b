// A check denied whatever the request context, where which AccessDenied message AWS returns depends
// on an unknown key: every format shows each possible message with its condition, and the verdict
// stays denied (exit 1). AWS names one policy type per denial
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html), a Deny first
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ON_DEMAND_MODEL, parseReport, PRINCIPAL, requireBuiltCli, runCli } from './helpers.js';

beforeAll(() => requireBuiltCli());

const RESOURCE = `arn:aws:bedrock:us-east-1::foundation-model/${ON_DEMAND_MODEL}`;
const HEAD = `User: ${PRINCIPAL} is not authorized to perform: bedrock:InvokeModel on resource: ${RESOURCE}`;
const EXPLICIT = `${HEAD} with an explicit deny in an identity-based policy`;
const IMPLICIT = `${HEAD} because no identity-based policy allows the bedrock:InvokeModel action`;
const args = (format: string) => [
  join(FIXTURES, 'deny-outside-office.json'),
  '--model',
  ON_DEMAND_MODEL,
  '--region',
  'us-east-1',
  '--principal',
  PRINCIPAL,
  '--action',
  'bedrock:InvokeModel',
  '--format',
  format,
];

describe('a denial whose message depends on an unknown context key', () => {
  it('text: the verdict says denied in every context, and the default view shows both messages with their conditions', () => {
    const result = runCli(args('text'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(
      'DENIED  amazon.nova-pro-v1:0 in us-east-1: 1 of 1 checks denied (in every context; which error depends on it, see below)',
    );
    expect(lines.slice(2, 10)).toEqual([
      'Denied whatever the context; which error AWS returns depends on aws:SourceIp:',
      '  (1 of 1 request: the model in us-east-1, InvokeModel)',
      expect.stringMatching(
        /^ {2}- if the Deny at .*deny-outside-office\.json:5 \(Sid DenyOutsideOffice\), .* applies: aws:SourceIp is not in 203\.0\.113\.0\/24:$/,
      ),
      '      explicit deny in the identity-based policy',
      `      AccessDeniedException: ${EXPLICIT}`,
      expect.stringMatching(
        /^ {2}- if the Deny at .*deny-outside-office\.json:5 .* does not apply: aws:SourceIp is not in 203\.0\.113\.0\/24 is false:$/,
      ),
      '      no identity-based policy allows it',
      `      AccessDeniedException: ${IMPLICIT}`,
    ]);
  });

  it('text --verbose: every check lists both messages, each with its condition', () => {
    const result = runCli([...args('text'), '--verbose']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    const at = lines.findIndex((line) =>
      line.includes('denied whatever the context; which error AWS returns depends on aws:SourceIp:'),
    );
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 7).map((line) => line.trim())).toEqual([
      expect.stringMatching(
        /^- if the Deny at .*deny-outside-office\.json:5 \(Sid DenyOutsideOffice\), identity-based policy deny-outside-office\.json applies: aws:SourceIp is not in 203\.0\.113\.0\/24:$/,
      ),
      'explicit deny in the identity-based policy',
      EXPLICIT,
      expect.stringMatching(
        /^- if the Deny at .*deny-outside-office\.json:5 \(Sid DenyOutsideOffice\), .* does not apply: aws:SourceIp is not in 203\.0\.113\.0\/24 is false:$/,
      ),
      'no identity-based policy allows it',
      IMPLICIT,
    ]);
    // No finding presents one of the two as the error: each appears once, under its condition.
    expect(result.stdout).not.toContain(`AccessDeniedException: ${EXPLICIT}`);
    expect(result.stdout).not.toContain(`AccessDeniedException: ${IMPLICIT}`);
  });

  it('json: message is null, possibleOutcomes lists both, and the report is valid', () => {
    const result = runCli(args('json'));
    expect(result.code).toBe(1);
    const report = parseReport(result.stdout) as ReturnType<typeof parseReport> & {
      checks: {
        message: string | null;
        possibleOutcomes?: { decision: string; message: string; when: { holds: boolean }[] }[];
      }[];
    };
    expect(report.verdict).toBe('denied');
    const [entry] = report.checks;
    expect(entry!.message).toBeNull();
    expect(
      entry!.possibleOutcomes!.map((outcome) => [outcome.decision, outcome.message, outcome.when.map((w) => w.holds)]),
    ).toEqual([
      ['explicit-deny', EXPLICIT, [true]],
      ['implicit-deny', IMPLICIT, [false]],
    ]);
  });

  it('markdown and sarif show both messages', () => {
    for (const format of ['markdown', 'sarif']) {
      const result = runCli(args(format));
      expect(result.code, format).toBe(1);
      expect(result.stdout, format).toContain(format === 'sarif' ? JSON.stringify(EXPLICIT).slice(1, -1) : EXPLICIT);
      expect(result.stdout, format).toContain(format === 'sarif' ? JSON.stringify(IMPLICIT).slice(1, -1) : IMPLICIT);
    }
  });
});
