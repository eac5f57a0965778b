import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/analysis/check.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { parsePrincipal } from '../../src/model/index.js';
import { formatJson } from '../../src/report/json.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { formatText } from '../../src/report/text.js';
import { loadAttachedScps } from '../../src/sources/scp-chain.js';
import { context, doc, policy, request } from '../helpers/policies.js';

/*
 * Policies policy-check supplies rather than reads have no location: the root user's implicit full
 * access ("All requests are implicitly denied with the exception of the AWS account root user, which
 * has full access", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html)
 * and the FullAWSAccess SCP assumed at the root and on the account. Reports name them, never by a
 * made-up file name such as "(root user)".
 */

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validateReport = ajv.compile(
  JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8')) as object,
);
const FM = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0';

describe('built-in policies have no location', () => {
  const report = check({
    identity: [],
    principal: parsePrincipal('arn:aws:iam::111122223333:root')!,
    model: 'amazon.nova-lite-v1:0',
    region: 'us-east-1',
    actions: ['bedrock:InvokeModel'],
    now: new Date('2026-11-27T12:00:00Z'),
    toolVersion: 'test',
  });

  it("the root user's full access: allowed, by a statement the report names, not by a file", () => {
    expect(report.checks.map((c) => c.decision)).toEqual(['allowed']);
    expect(report.checks[0]!.statements).toEqual([
      expect.objectContaining({
        policyName: 'root user full access',
        file: 'root user full access',
        builtIn: true,
        effect: 'Allow',
      }),
    ]);
    const json = formatJson(report);
    expect(validateReport(JSON.parse(json)), JSON.stringify(validateReport.errors)).toBe(true);
    for (const text of [json, formatText(report, undefined, { verbose: true }), formatMarkdown(report)])
      expect(text).not.toContain('(root user)');
    expect(formatText(report, undefined, { verbose: true })).toContain(
      'allowed by root user full access [identity-based policy, built in]',
    );
    expect(formatMarkdown(report)).toContain('root user full access');
  });

  it('the assumed FullAWSAccess: named by its ARN, with no file and no location', () => {
    const chain = loadAttachedScps([]);
    const full = chain.levels[0]!.policies[0]!;
    expect(full).toMatchObject({
      builtIn: true,
      id: expect.stringMatching(/^arn:aws:organizations::aws:policy\/service_control_policy\/p-FullAWSAccess#/),
    });
    expect(full.file).not.toMatch(/[()]/);
    const identity = policy(doc({ Sid: 'Invoke', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }), {
      file: 'identity.json',
    });
    const decision = evaluate(
      { identity: [identity], scpLevels: chain.levels },
      request('bedrock:InvokeModel', FM, context({}, { otherKeys: 'absent' })),
    );
    expect(decision.decision).toBe('allowed');
    const scp = decision.reason.filter((ref) => ref.policyType === 'scp');
    expect(scp).toHaveLength(2);
    for (const ref of scp) expect(ref.location).toBeUndefined();
    expect(decision.reason.find((ref) => ref.policyType === 'identity')?.location).toMatchObject({
      kind: 'file',
      file: 'identity.json',
    });
  });
});
