import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../src/model/index.js';
import {
  BOTH_ACTIONS,
  INVOKE,
  INVOKE_STREAM,
  applyFixes,
  expectLeastPrivilege,
  modelArn,
  reportedFixes,
  runCheck,
  type Call,
  type Files,
  type Setup,
} from './reverify.js';

/*
 * Issue #3 as a property: for policies drawn from a pool of Allow and Deny shapes across every gate
 * (identity, SCP levels, permissions boundary, session policy), whenever the report shows fixes,
 * pasting them into the files makes every denied check allowed, and no probe call that was denied
 * (another model, another Region, the model called directly rather than through the profile) is
 * opened. When the report shows no fix for a denial, the finding says why (alternatives).
 */

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const NOVA_PRO = 'amazon.nova-pro-v1:0';
const LITE = modelArn('us-east-1', NOVA_LITE);
const PRO = modelArn('us-east-1', NOVA_PRO);
const POLICY_RULES = new Set(['identity-policy', 'service-control-policy', 'permissions-boundary', 'session-policy']);

const IDENTITY: Record<string, object> = {
  AllowInvokeAll: { Effect: 'Allow', Action: BOTH_ACTIONS, Resource: '*' },
  AllowSourceModels: {
    Effect: 'Allow',
    Action: 'bedrock:InvokeModel*',
    Resource: 'arn:aws:bedrock:us-east-1::foundation-model/*',
  },
  AllowSourceProfiles: {
    Effect: 'Allow',
    Action: BOTH_ACTIONS,
    Resource: 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/*',
  },
  AllowBedrock: { Effect: 'Allow', Action: 'bedrock:*', Resource: '*' },
  AllowS3: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' },
  DenyListed: { Effect: 'Deny', Action: BOTH_ACTIONS, Resource: [LITE, PRO] },
  DenyOutsideUsEast1: {
    Effect: 'Deny',
    Action: 'bedrock:*',
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  },
  DenyAllInvocations: { Effect: 'Deny', Action: BOTH_ACTIONS, Resource: '*' },
  DenyNovaFamily: {
    Effect: 'Deny',
    Action: 'bedrock:InvokeModel*',
    Resource: 'arn:aws:bedrock:*::foundation-model/amazon.nova-*',
  },
  DenyAllButPro: { Effect: 'Deny', Action: BOTH_ACTIONS, NotResource: PRO },
  DenyBedrock: { Effect: 'Deny', Action: 'bedrock:*', Resource: '*' },
  DenyStreamingWest: { Effect: 'Deny', Action: INVOKE_STREAM, Resource: modelArn('us-west-2', NOVA_LITE) },
  AllowModelsThroughUsProfiles: {
    Effect: 'Allow',
    Action: BOTH_ACTIONS,
    Resource: 'arn:aws:bedrock:*::foundation-model/*',
    Condition: {
      StringLike: { 'bedrock:InferenceProfileArn': 'arn:aws:bedrock:*:111122223333:inference-profile/us.*' },
    },
  },
  DenyDirectCalls: {
    Effect: 'Deny',
    Action: BOTH_ACTIONS,
    Resource: 'arn:aws:bedrock:*::foundation-model/*',
    Condition: { Null: { 'bedrock:InferenceProfileArn': 'true' } },
  },
};

const SCPS: Record<string, object[] | undefined> = {
  none: undefined,
  full: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  regionDeny: [
    { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Sid: 'DenyOutside',
      Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
    },
  ],
  s3Only: [{ Sid: 'OnlyS3', Effect: 'Allow', Action: 's3:*', Resource: '*' }],
  denyNovaLite: [
    { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Sid: 'NoNovaLite',
      Effect: 'Deny',
      Action: 'bedrock:InvokeModel*',
      Resource: 'arn:aws:bedrock:*::foundation-model/amazon.nova-lite*',
    },
  ],
};

const BOUNDARIES: Record<string, object[] | undefined> = {
  none: undefined,
  s3Only: [{ Sid: 'S3', Effect: 'Allow', Action: 's3:*', Resource: '*' }],
  all: [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }],
  allButLite: [
    { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
    { Sid: 'NotLite', Effect: 'Deny', Action: BOTH_ACTIONS, Resource: [LITE, modelArn('us-west-2', NOVA_LITE)] },
  ],
  regionDeny: [
    { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Sid: 'StayHome',
      Effect: 'Deny',
      Action: 'bedrock:*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
    },
  ],
};

const SESSIONS: Record<string, object[] | undefined> = {
  none: undefined,
  s3Only: [{ Sid: 'S3', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
  invokeAll: [{ Sid: 'Invoke', Effect: 'Allow', Action: BOTH_ACTIONS, Resource: '*' }],
};

const MODELS = [NOVA_LITE, `us.${NOVA_LITE}`, 'global.amazon.nova-2-lite-v1:0'];

const text = (statements: object[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

interface Scenario {
  readonly identity: string[];
  readonly scp: string;
  readonly scpAtOu: boolean;
  readonly boundary: string;
  readonly session: string;
  readonly model: string;
  readonly actions: string[];
}

const scenarios: fc.Arbitrary<Scenario> = fc.record({
  identity: fc.subarray(Object.keys(IDENTITY), { minLength: 1, maxLength: 4 }),
  scp: fc.constantFrom(...Object.keys(SCPS)),
  scpAtOu: fc.boolean(),
  boundary: fc.constantFrom(...Object.keys(BOUNDARIES)),
  session: fc.constantFrom(...Object.keys(SESSIONS)),
  model: fc.constantFrom(...MODELS),
  actions: fc.constantFrom([], [INVOKE]),
});

function build(scenario: Scenario): { files: Files; setup: Setup } {
  const files: Record<string, string> = {
    'identity.json': text(scenario.identity.map((sid) => ({ Sid: sid, ...IDENTITY[sid] }))),
    'full.json': text(SCPS.full!),
  };
  const scp = SCPS[scenario.scp];
  if (scp) files['scp.json'] = text(scp);
  const boundary = BOUNDARIES[scenario.boundary];
  if (boundary) files['boundary.json'] = text(boundary);
  const session = SESSIONS[scenario.session];
  if (session) files['session.json'] = text(session);
  const setup: Setup = {
    identity: ['identity.json'],
    ...(scp
      ? {
          scpLevels: scenario.scpAtOu
            ? [
                { name: 'Root', files: ['full.json'] },
                { name: 'ou-apps', files: ['scp.json'] },
                { name: 'Account', files: ['full.json'] },
              ]
            : [
                { name: 'Root', files: ['full.json'] },
                { name: 'Account', files: ['full.json', 'scp.json'] },
              ],
        }
      : {}),
    ...(boundary ? { boundary: 'boundary.json' } : {}),
    ...(session ? { session: ['session.json'] } : {}),
  };
  return { files, setup };
}

const denied = (report: CheckReport) =>
  report.checks
    .filter((entry) => entry.decision === 'explicit-deny' || entry.decision === 'implicit-deny')
    .map((entry) => `${entry.action} ${entry.resource} ${entry.inferenceProfileArn ?? ''}`);

function probesFor(call: Call): Call[] {
  const probes: Call[] = [{ model: NOVA_PRO }, { model: NOVA_LITE, region: 'us-west-2' }, { model: `us.${NOVA_PRO}` }];
  if (call.model !== NOVA_LITE) probes.push({ model: NOVA_LITE });
  // The action not asked for, on the same call.
  if (call.actions?.length === 1) probes.push({ model: call.model, actions: [INVOKE_STREAM] });
  return probes;
}

describe('every fix a report shows works when pasted into the files', () => {
  it('makes every denied check allowed, opens no probe call, and grants least privilege; no fix means alternatives', () => {
    let withFixes = 0;
    let withoutFixes = 0;
    let withInstructions = 0;
    fc.assert(
      fc.property(scenarios, (scenario) => {
        const { files, setup } = build(scenario);
        const call: Call = { model: scenario.model, actions: scenario.actions };
        const before = runCheck(files, setup, call);
        const fixes = reportedFixes(before);
        // A call an Allow covers only under a condition false here needs the request changed (an instruction, never
        // verified): pasting the policy fixes cannot make it pass; conditions.properties.test.ts covers those.
        if (
          before.findings.some(
            (finding) => POLICY_RULES.has(finding.rule) && finding.fixes.some((fix) => fix.kind === 'instructions'),
          )
        ) {
          withInstructions++;
          return;
        }
        if (fixes.length === 0) {
          if (before.verdict === 'denied') withoutFixes++;
          for (const finding of before.findings.filter(
            (item) => POLICY_RULES.has(item.rule) && item.checks.length > 0 && item.fixes.length === 0,
          )) {
            expect(finding.alternatives?.length ?? 0, finding.title).toBeGreaterThan(0);
          }
          return;
        }
        withFixes++;
        for (const fix of fixes) expect(fix.verification.verified).toBe(true);
        expectLeastPrivilege(before, fixes);
        const fixed = applyFixes(files, fixes);
        const after = runCheck(fixed, setup, call);
        expect(denied(after), JSON.stringify({ scenario, fixes: fixes.map((fix) => fix.summary) })).toEqual([]);
        if (after.checks.every((entry) => entry.decision === 'allowed')) expect(after.verdict).toBe('allowed');
        for (const probe of probesFor(call)) {
          if (runCheck(files, setup, probe).verdict !== 'denied') continue;
          expect(
            runCheck(fixed, setup, probe).verdict,
            `${probe.model} ${probe.region ?? ''} ${JSON.stringify(scenario)}`,
          ).toBe('denied');
        }
      }),
      { numRuns: 120, seed: 20261127 },
    );
    // The pool must exercise both outcomes, or the property says little.
    expect(withFixes).toBeGreaterThan(20);
    expect(withoutFixes).toBeGreaterThan(5);
    expect(withInstructions).toBeLessThan(30);
  }, 120_000);
});
