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
import { ROOT_FULL_ACCESS_STATEMENT } from '../fixtures/built-in-statements.js';

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
    expect(report.checks[0]!.statements).toEqual([ROOT_FULL_ACCESS_STATEMENT]);
    const json = formatJson(report);
    expect(validateReport(JSON.parse(json)), JSON.stringify(validateReport.errors)).toBe(true);
    for (const text of [json, formatText(report, undefined, { verbose: true }), formatMarkdown(report)])
      expect(text).not.toContain('(root user)');
    expect(formatText(report, undefined, { verbose: true })).toContain(
      'allowed by root user full access [identity-based policy, built in]',
    );
    expect(formatMarkdown(report)).toContain('| root user full access (built in) |');
  });

  it('the assumed FullAWSAccess: named by its ARN, with no file and no location', () => {
    const chain = loadAttachedScps([]);
    const full = chain.levels[0]!.policies[0]!;
    expect(full).toMatchObject({
      builtIn: true,
      id: expect.stringMatching(/^arn:aws:organizations::aws:policy\/service_control_policy\/p-FullAWSAccess#/),
    });
    // In no file: the policy has no `file` at all (parsing it needed a name, which is its name, not a file).
    expect(full).not.toHaveProperty('file');
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

  it("the schema takes the root user's statement without a file, and a report of before with the policy's name as file", () => {
    const json = JSON.parse(formatJson(report)) as { checks: { statements: Record<string, unknown>[] }[] };
    expect(json.checks[0]!.statements[0]).not.toHaveProperty('file');
    expect(validateReport(json), JSON.stringify(validateReport.errors)).toBe(true);
    // Schema v1 readers keep validating the reports they already hold.
    const before = structuredClone(json);
    Object.assign(before.checks[0]!.statements[0]!, { file: 'root user full access', line: 1, column: 1 });
    expect(validateReport(before), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it('the schema refuses a statement read from a file that lacks its file, line or column', () => {
    const json = JSON.parse(formatJson(report)) as { checks: { statements: Record<string, unknown>[] }[] };
    const statement = json.checks[0]!.statements[0]!;
    delete statement.builtIn;
    expect(validateReport(json)).toBe(false);
    expect(validateReport.errors?.map((error) => error.params)).toContainEqual({ missingProperty: 'file' });
    Object.assign(statement, { file: 'identity.json', line: 3 });
    expect(validateReport(json)).toBe(false);
    expect(validateReport.errors?.map((error) => error.params)).toContainEqual({ missingProperty: 'column' });
    statement.column = 5;
    expect(validateReport(json), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it('a check report with the assumed FullAWSAccess: its statements and input policies have no file', () => {
    const identity = policy(doc({ Sid: 'Invoke', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }), {
      file: 'identity.json',
    });
    const withScps = check({
      identity: [identity],
      scpLevels: loadAttachedScps([]).levels,
      principal: parsePrincipal('arn:aws:iam::111122223333:role/App')!,
      model: 'amazon.nova-lite-v1:0',
      region: 'us-east-1',
      actions: ['bedrock:InvokeModel'],
      now: new Date('2026-11-27T12:00:00Z'),
      toolVersion: 'test',
    });
    const json = JSON.parse(formatJson(withScps)) as {
      input: { policies: Record<string, unknown>[] };
      checks: { statements: Record<string, unknown>[] }[];
    };
    expect(validateReport(json), JSON.stringify(validateReport.errors)).toBe(true);
    const scps = json.checks[0]!.statements.filter((statement) => statement.policyType === 'scp');
    expect(scps).toEqual(
      ['Root', 'Account'].map((level) => ({
        policyType: 'scp',
        policyName: 'FullAWSAccess',
        policyArn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
        level,
        sid: null,
        effect: 'Allow',
        conditional: false,
        builtIn: true,
      })),
    );
    expect(json.input.policies).toEqual([
      { type: 'identity', name: 'identity.json', file: 'identity.json' },
      { type: 'scp', name: 'FullAWSAccess', builtIn: true, level: 'Root' },
      { type: 'scp', name: 'FullAWSAccess', builtIn: true, level: 'Account' },
    ]);
  });
});
