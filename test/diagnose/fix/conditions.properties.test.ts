import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fix } from '../../../src/model/index.js';
import {
  BOTH_ACTIONS,
  INVOKE_STREAM,
  alternativeFixes,
  applyFixes,
  modelArn,
  reportedFixes,
  runWorded,
  type Call,
  type Files,
  type Setup,
} from './reverify.js';

/*
 * Issue #6 as a property: for policy sets where an Allow written for the call has a condition that is
 * false in the request's context (an IP range, MFA, a principal tag, a Region list, a date), no fix
 * shown as the fix is an Allow without the failing condition key; every wider fix that drops it is an
 * alternative labelled with the key; instructions are never verified; and the policy fixes, pasted
 * into the files, let the call through once the request meets the condition the instruction names.
 */

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const POLICY_RULES = new Set(['identity-policy', 'service-control-policy', 'permissions-boundary', 'session-policy']);

interface Family {
  readonly key: string;
  readonly condition: Record<string, Record<string, string | string[]>>;
  /** The context that makes the clause false (undefined: absent under --assume-absent, or derived). */
  readonly failing: Record<string, string[]>;
  /** The context that meets it, when the request can be changed to meet it. */
  readonly meeting?: Record<string, string[]>;
}

const FAMILIES: Record<string, Family> = {
  ip: {
    key: 'aws:SourceIp',
    condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] } },
    failing: { 'aws:SourceIp': ['192.0.2.10'] },
    meeting: { 'aws:SourceIp': ['198.51.100.20'] },
  },
  mfa: {
    key: 'aws:MultiFactorAuthPresent',
    condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    failing: { 'aws:MultiFactorAuthPresent': ['false'] },
    meeting: { 'aws:MultiFactorAuthPresent': ['true'] },
  },
  tag: {
    key: 'aws:PrincipalTag/team',
    condition: { StringEquals: { 'aws:PrincipalTag/team': ['ml', 'research'] } },
    failing: { 'aws:PrincipalTag/team': ['web'] },
    meeting: { 'aws:PrincipalTag/team': ['research'] },
  },
  region: {
    key: 'aws:RequestedRegion',
    condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
    failing: {},
    meeting: {},
  },
  date: {
    key: 'aws:CurrentTime',
    condition: { DateLessThan: { 'aws:CurrentTime': '2026-06-30T00:00:00Z' } },
    failing: {},
  },
};

/** A second clause on the same Allow that holds, so the fix must keep it too. */
const HOLDING: Record<string, Record<string, string>> = {
  none: {},
  secure: { 'aws:SecureTransport': 'true' },
};

const scenarios = fc.record({
  family: fc.constantFrom(...Object.keys(FAMILIES)),
  profile: fc.boolean(),
  holding: fc.constantFrom(...Object.keys(HOLDING)),
  resource: fc.constantFrom('*', 'arn:aws:bedrock:*::foundation-model/*'),
  allowProfiles: fc.boolean(),
  extraAllow: fc.constantFrom('none', 's3', 'otherModel'),
  scp: fc.constantFrom('none', 'denyLite', 'allowS3Only'),
  streamOnly: fc.boolean(),
});

type Scenario = typeof scenarios extends fc.Arbitrary<infer T> ? T : never;

const text = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

function build(scenario: Scenario): { files: Files; setup: Setup; call: Call; family: Family } {
  const family = FAMILIES[scenario.family]!;
  const holding = HOLDING[scenario.holding]!;
  const condition = { ...family.condition, Bool: { ...(family.condition.Bool ?? {}), ...holding } };
  if (Object.keys(condition.Bool).length === 0) delete (condition as Record<string, unknown>).Bool;
  const statements: object[] = [
    { Sid: 'Conditional', Effect: 'Allow', Action: BOTH_ACTIONS, Resource: scenario.resource, Condition: condition },
  ];
  if (scenario.allowProfiles)
    statements.push({
      Sid: 'Profiles',
      Effect: 'Allow',
      Action: BOTH_ACTIONS,
      Resource: 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/*',
    });
  if (scenario.extraAllow === 's3')
    statements.push({ Sid: 'S3', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
  if (scenario.extraAllow === 'otherModel')
    statements.push({
      Sid: 'Pro',
      Effect: 'Allow',
      Action: BOTH_ACTIONS,
      Resource: modelArn('us-east-1', 'amazon.nova-pro-v1:0'),
    });
  const files: Record<string, string> = { 'app.json': text(...statements) };
  let setup: Setup = { identity: ['app.json'] };
  if (scenario.scp !== 'none') {
    files['full.json'] = text({ Effect: 'Allow', Action: '*', Resource: '*' });
    files['scp.json'] =
      scenario.scp === 'denyLite'
        ? text({
            Sid: 'NoLite',
            Effect: 'Deny',
            Action: BOTH_ACTIONS,
            Resource: [modelArn('us-east-1', NOVA_LITE), modelArn('us-east-2', NOVA_LITE)],
          })
        : text({ Sid: 'S3Only', Effect: 'Allow', Action: 's3:*', Resource: '*' });
    setup = {
      ...setup,
      scpLevels: [
        { name: 'Root', files: ['full.json'] },
        { name: 'Workloads', files: scenario.scp === 'denyLite' ? ['full.json', 'scp.json'] : ['scp.json'] },
      ],
    };
  }
  const call: Call = {
    model: scenario.profile ? `us.${NOVA_LITE}` : NOVA_LITE,
    ...(scenario.streamOnly ? { actions: [INVOKE_STREAM] } : {}),
    context: { 'aws:SecureTransport': ['true'], ...family.failing },
  };
  return { files, setup, call, family };
}

const conditionKeys = (fix: Fix): string[] =>
  Object.values((fix.statement?.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap((keys) =>
    Object.keys(keys).map((key) => key.toLowerCase()),
  );

describe('fixes keep the failing condition', () => {
  it('no primary fix is an Allow without the failing key; removals are labelled alternatives; instructions are never verified', () => {
    let withPolicyFix = 0;
    let withInstruction = 0;
    fc.assert(
      fc.property(scenarios, (scenario) => {
        const { files, setup, call, family } = build(scenario);
        const before = runWorded(files, setup, call);
        if (before.verdict !== 'denied') return;
        const key = family.key.toLowerCase();
        const findings = before.findings.filter((finding) => POLICY_RULES.has(finding.rule));
        const named = findings
          .flatMap((finding) => finding.failingConditions ?? [])
          .map((condition) => condition.key.toLowerCase());
        // A region clause may fail only for the destination Regions; the others always fail (unless an SCP stops the call first).
        if (scenario.scp !== 'allowS3Only' && !(family.key === 'aws:RequestedRegion' && !scenario.profile))
          expect(named).toContain(key);

        const fixes = findings.flatMap((finding) => finding.fixes);
        for (const fix of fixes) {
          if (fix.kind === 'instructions') {
            withInstruction++;
            expect(fix.verification.verified, fix.summary).toBe(false);
            continue;
          }
          if (fix.alternative) {
            expect(fix.removesConditions?.length ?? 0).toBeGreaterThan(0);
            continue;
          }
          expect(fix.removesConditions).toBeUndefined();
          // Only an Allow on what the conditional Allow covers must keep its key (the profile ARN may need a plain Allow of its own).
          const resources = ([] as unknown[]).concat(fix.statement?.Resource ?? []).map(String);
          const covered =
            scenario.resource === '*' || resources.some((resource) => resource.includes(':foundation-model/'));
          if (fix.statement?.Effect === 'Allow' && fix.owner === 'identity-policy-owner' && covered) {
            expect(conditionKeys(fix), `${fix.summary} ${JSON.stringify(scenario)}`).toContain(key);
          }
        }
        for (const fix of alternativeFixes(before))
          expect(
            alternativeFixes(before).some((other) =>
              other.summary?.includes(`REMOVES THE CONDITION on ${fix.removesConditions!.join(', ')}`),
            ),
          ).toBe(true);

        // Pasted, the policy fixes let the call through once the request meets the condition named.
        const primary = reportedFixes(before);
        if (primary.length === 0 || family.meeting === undefined) return;
        withPolicyFix++;
        for (const fix of primary) expect(fix.verification.verified, fix.summary).toBe(true);
        const after = runWorded(applyFixes(files, primary), setup, {
          ...call,
          context: { ...call.context, ...family.meeting },
        });
        expect(
          after.checks
            .filter((entry) => entry.decision !== 'allowed')
            .map((entry) => `${entry.action} ${entry.resource}`),
          JSON.stringify(scenario),
        ).toEqual([]);
      }),
      { numRuns: 150, seed: 20261205 },
    );
    expect(withPolicyFix).toBeGreaterThan(10);
    expect(withInstruction).toBeGreaterThan(10);
  }, 120_000);
});
