import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../src/report/words/worded-reports.js';
import type { Finding, Fix } from '../../../src/model/index.js';
import { formatText } from '../../../src/report/text.js';
import {
  BOTH_ACTIONS,
  alternativeFixes,
  applyFixes,
  asData,
  expectStillDenied,
  instructionFixes,
  modelArn,
  profileArn,
  reportedFixes,
  reverify,
  runWorded,
  type Call,
  type Files,
  type Setup,
} from '../fix/reverify.js';

/*
 * Issue #6, "fixes that keep the guard": an Allow whose action and resource match but whose
 * Condition is false in the request's context is fixed by meeting that condition (or, for a Region
 * list too narrow for a profile's destinations, by the smallest widening of that clause) — never by
 * an Allow without it. A clause is false when the key is absent, except for the negated operators
 * and ...IfExists (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 * MFA: aws:MultiFactorAuthPresent is absent for long-term access keys, so Bool "true" is false then
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent).
 */

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const US_NOVA_LITE = `us.${NOVA_LITE}`;
const LITE = modelArn('us-east-1', NOVA_LITE);
const FILE = 'app.json';
const SETUP: Setup = { identity: [FILE] };

const documentText = (...statements: object[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const lineOf = (text: string, needle: string): number =>
  text.split('\n').findIndex((line) => line.includes(needle)) + 1;

function conditional(condition: object, resource: string | string[] = LITE): object {
  return {
    Sid: 'InvokeUnderCondition',
    Effect: 'Allow',
    Action: BOTH_ACTIONS,
    Resource: resource,
    Condition: condition,
  };
}

const policyFindings = (report: CheckReport): Finding[] =>
  report.findings.filter((finding) => finding.rule === 'identity-policy');
const conditionKeysOf = (fix: Fix): string[] =>
  Object.values((fix.statement?.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap((keys) =>
    Object.keys(keys).map((key) => key.toLowerCase()),
  );

/** The shared expectations: the clause named, an instruction never verified, no Allow without the key, the removal labelled. */
function expectConditionFix(
  files: Files,
  call: Call,
  key: string,
  expected: { given: string[] | null; step: RegExp },
): { report: CheckReport; instruction: Fix } {
  const report = runWorded(files, SETUP, call);
  expect(report.verdict).toBe('denied');
  const [finding] = policyFindings(report);
  expect(finding).toBeDefined();
  const text = files[FILE]!;
  const conditions = finding!.failingConditions ?? [];
  expect(conditions.map((condition) => [condition.key, condition.given])).toEqual([[key, expected.given]]);
  expect(conditions[0]!.statement).toMatchObject({ file: FILE, line: 4, column: 5, sid: 'InvokeUnderCondition' });
  expect(conditions[0]!.clause.line).toBe(lineOf(text, `"${key}"`));
  expect(finding!.cause).toContain(`${FILE}:4:5 (Sid InvokeUnderCondition)`);
  expect(finding!.cause).toContain(`given ${expected.given === null ? 'absent' : expected.given.join(', ')}`);

  // Primary: meet the condition; an instruction, never labelled verified.
  const instructions = instructionFixes(report);
  expect(instructions).toHaveLength(1);
  const instruction = instructions[0]!;
  expect(finding!.fixes[0]).toBe(instruction);
  expect(instruction.summary).toMatch(expected.step);
  expect(instruction.verification.verified).toBe(false);
  expect(formatText(asData(report))).toContain('not verified: a change to the request');

  // Never an Allow without the key as the fix.
  for (const fix of reportedFixes(report)) expect(conditionKeysOf(fix)).toContain(key.toLowerCase());

  // The wider alternative is labelled as removing the condition, and works as labelled.
  const alternatives = alternativeFixes(report);
  expect(alternatives.length).toBeGreaterThan(0);
  for (const fix of alternatives) {
    expect(fix.alternative).toBe(true);
    expect(fix.removesConditions).toEqual([key]);
    expect(fix.summary).toContain(`REMOVES THE CONDITION on ${key}`);
    expect(conditionKeysOf(fix)).not.toContain(key.toLowerCase());
  }
  expect(formatText(asData(report))).toContain(`Alternative (removes the condition on ${key}):`);
  const widened = runWorded(applyFixes(files, alternatives), SETUP, call);
  expect(widened.verdict).toBe('allowed');
  return { report, instruction };
}

describe('identity-policy rule: an Allow whose condition is false for the call', () => {
  it('IpAddress aws:SourceIp: call from the range; no Allow without it', () => {
    const text = documentText(conditional({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } }));
    const files = { [FILE]: text };
    const call: Call = { model: NOVA_LITE, context: { 'aws:SourceIp': ['10.0.0.1'] } };
    const { instruction } = expectConditionFix(files, call, 'aws:SourceIp', {
      given: ['10.0.0.1'],
      step: /call from 203\.0\.113\.0\/24/,
    });
    expect(instruction.owner).toBe('developer');
    // Met as the instruction says, the same policy allows the call.
    expect(runWorded(files, SETUP, { ...call, context: { 'aws:SourceIp': ['203.0.113.7'] } }).verdict).toBe('allowed');
  });

  it('Bool aws:MultiFactorAuthPresent with the key absent: sign in with MFA', () => {
    const files = { [FILE]: documentText(conditional({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })) };
    const call: Call = { model: NOVA_LITE, assumeAbsent: true };
    expectConditionFix(files, call, 'aws:MultiFactorAuthPresent', { given: null, step: /sign in with MFA/ });
    expect(runWorded(files, SETUP, { ...call, context: { 'aws:MultiFactorAuthPresent': ['true'] } }).verdict).toBe(
      'allowed',
    );
  });

  it('StringEquals aws:PrincipalTag: tag the principal', () => {
    const files = { [FILE]: documentText(conditional({ StringEquals: { 'aws:PrincipalTag/team': 'ml' } })) };
    const call: Call = { model: NOVA_LITE, context: { 'aws:PrincipalTag/team': ['web'] } };
    const { instruction } = expectConditionFix(files, call, 'aws:PrincipalTag/team', {
      given: ['web'],
      step: /tag the calling principal .*team=ml/,
    });
    expect(instruction.owner).toBe('account-admin');
  });

  it('DateLessThan aws:CurrentTime past its date: named with the time of the call, not re-evaluated', () => {
    const files = {
      [FILE]: documentText(conditional({ DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } })),
    };
    const { instruction } = expectConditionFix(files, { model: NOVA_LITE }, 'aws:CurrentTime', {
      given: ['2026-11-27T12:00:00Z'],
      step: /only when aws:CurrentTime is before 2026-01-01T00:00:00Z/,
    });
    expect(instruction.verification.detail).toContain('nothing was re-evaluated');
  });

  it('two conditions on one Allow, one true: only the false clause is named', () => {
    const files = {
      [FILE]: documentText(
        conditional({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' }, Bool: { 'aws:SecureTransport': 'true' } }),
      ),
    };
    const report = runWorded(files, SETUP, { model: NOVA_LITE, context: { 'aws:SourceIp': ['198.51.100.1'] } });
    expect(policyFindings(report)[0]!.failingConditions!.map((condition) => condition.key)).toEqual(['aws:SourceIp']);
    // The alternative keeps the clause that holds.
    for (const fix of alternativeFixes(report)) expect(conditionKeysOf(fix)).toEqual(['aws:securetransport']);
  });
});

describe('identity-policy rule: a Region list too narrow for a geographic profile', () => {
  const PROFILE = profileArn('us-east-1', US_NOVA_LITE);
  const allowProfile = { Sid: 'InvokeProfile', Effect: 'Allow', Action: BOTH_ACTIONS, Resource: PROFILE };
  const call: Call = { model: US_NOVA_LITE };

  it('widens the clause in place when the statement already requires the profile', () => {
    const files = {
      [FILE]: documentText(allowProfile, {
        Sid: 'ModelsThroughProfile',
        Effect: 'Allow',
        Action: BOTH_ACTIONS,
        Resource: `arn:aws:bedrock:*::foundation-model/${NOVA_LITE}`,
        Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'bedrock:InferenceProfileArn': PROFILE } },
      }),
    };
    const { before, fixes, fixed } = reverify(files, SETUP, call);
    const conditions = policyFindings(before)[0]!.failingConditions!;
    // One entry for the clause, with every Region the requests gave.
    expect(
      conditions.map((condition) => [condition.key, condition.operator, condition.expected, condition.given]),
    ).toEqual([['aws:RequestedRegion', 'StringEquals', ['us-east-1'], ['us-east-2', 'us-west-2']]]);
    expect(conditions[0]!.checks).toHaveLength(4);
    expect(fixes.map((fix) => fix.kind)).toEqual(['replace-statement']);
    const condition = fixes[0]!.statement!.Condition as Record<string, Record<string, unknown>>;
    expect(condition.StringEquals).toEqual({
      'aws:RequestedRegion': ['us-east-1', 'us-east-2', 'us-west-2'],
      'bedrock:InferenceProfileArn': PROFILE,
    });
    expect(fixes[0]!.summary).toMatch(
      /^add us-east-2, us-west-2 to the aws:RequestedRegion condition of the Allow at app\.json:\d+ \(Sid ModelsThroughProfile\)/,
    );
    expect(instructionFixes(before)).toEqual([]);
    expectStillDenied(files, fixed, SETUP, { model: NOVA_LITE, region: 'us-west-2' });
  });

  it('adds a copy for the profile when widening the clause would also open direct calls', () => {
    const files = {
      [FILE]: documentText(allowProfile, {
        Sid: 'ModelsInUsEast1',
        Effect: 'Allow',
        Action: BOTH_ACTIONS,
        Resource: `arn:aws:bedrock:*::foundation-model/${NOVA_LITE}`,
        Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
      }),
    };
    const { before, fixes, fixed } = reverify(files, SETUP, call);
    expect(fixes).toHaveLength(1);
    const statement = fixes[0]!.statement!;
    expect(statement.Sid).toBe('ModelsInUsEast1ViaProfile');
    expect(statement.Condition).toEqual({
      StringEquals: { 'aws:RequestedRegion': ['us-east-2', 'us-west-2'], 'bedrock:InferenceProfileArn': PROFILE },
    });
    expect(fixes[0]!.removesConditions).toBeUndefined();
    expect(fixes[0]!.verification.checksDenied).toBe(4);
    expect(formatText(asData(before))).toContain('verified: fixes 4 of 4 denied checks, 0 opened elsewhere');
    // The model called directly in a destination Region stays denied, as the policy wanted.
    expectStillDenied(files, fixed, SETUP, { model: NOVA_LITE, region: 'us-west-2' });
    expectStillDenied(files, fixed, SETUP, { model: NOVA_LITE, region: 'us-east-2' });
  });
});

describe('changes that only work together are one fix', () => {
  it('a global profile needs three statements: one block, one verified line', () => {
    const files = {
      [FILE]: documentText({ Sid: 'S3', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }),
    };
    const { before, fixes } = reverify(files, SETUP, { model: 'global.amazon.nova-2-lite-v1:0' });
    expect(fixes.length).toBeGreaterThan(1);
    for (const fix of fixes) expect(fix.together).toEqual({ id: 'policy-fix', changes: fixes.length });
    const text = formatText(asData(before));
    expect(text).toContain(
      `Fix: ${fixes.length} changes that only work together (applied and re-evaluated as one fix)`,
    );
    expect(text.match(/verified: fixes \d+ of \d+ denied checks/g)).toHaveLength(1);
  });

  it('an SCP exemption plus a condition the request must meet: the policy fix is re-evaluated with the condition met, the instruction is not verified', () => {
    const files: Files = {
      [FILE]: documentText(conditional({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })),
      'full.json': documentText({ Effect: 'Allow', Action: '*', Resource: '*' }),
      'deny-lite.json': documentText({
        Sid: 'NoLite',
        Effect: 'Deny',
        Action: BOTH_ACTIONS,
        Resource: [LITE, modelArn('us-east-1', 'amazon.nova-pro-v1:0')],
      }),
    };
    const setup: Setup = { identity: [FILE], scpLevels: [{ name: 'Root', files: ['full.json', 'deny-lite.json'] }] };
    const call: Call = { model: NOVA_LITE, assumeAbsent: true };
    const report = runWorded(files, setup, call);
    const fixes = reportedFixes(report);
    expect(fixes.map((fix) => [fix.kind, fix.owner])).toEqual([['replace-statement', 'organization-admin']]);
    expect(fixes[0]!.verification.verified).toBe(true);
    expect(fixes[0]!.verification.detail).toContain(
      'the request meeting the conditions shown (aws:MultiFactorAuthPresent)',
    );
    const instructions = instructionFixes(report);
    expect(instructions.map((fix) => fix.verification.verified)).toEqual([false]);
    // Pasted, the SCP edit and an MFA session together allow the call; either alone does not.
    const fixed = applyFixes(files, fixes);
    const withMfa: Call = { ...call, context: { 'aws:MultiFactorAuthPresent': ['true'] } };
    expect(runWorded(fixed, setup, withMfa).verdict).toBe('allowed');
    expect(runWorded(fixed, setup, call).verdict).toBe('denied');
    expect(runWorded(files, setup, withMfa).verdict).toBe('denied');
  });
});

describe('identity-policy rule: a Region list and global routing', () => {
  it('adds "unspecified" (the Region of the Region-less request) to the clause, never pretends the caller can pick a Region', () => {
    const GLOBAL = 'global.amazon.nova-2-lite-v1:0';
    const files = {
      [FILE]: documentText(
        { Sid: 'InvokeProfile', Effect: 'Allow', Action: BOTH_ACTIONS, Resource: profileArn('us-east-1', GLOBAL) },
        {
          Sid: 'ModelsInUsEast1',
          Effect: 'Allow',
          Action: BOTH_ACTIONS,
          Resource: 'arn:aws:bedrock:*::foundation-model/amazon.nova-2-lite-v1:0',
          Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
        },
      ),
    };
    const { before, fixes } = reverify(files, SETUP, { model: GLOBAL });
    expect(instructionFixes(before)).toEqual([]);
    const conditions = policyFindings(before)[0]!.failingConditions!;
    expect(conditions.map((condition) => condition.given)).toEqual([['unspecified']]);
    for (const fix of fixes) expect(conditionKeysOf(fix)).toContain('aws:requestedregion');
    expect(JSON.stringify(fixes.map((fix) => fix.statement))).toContain('"unspecified"');
  });
});
