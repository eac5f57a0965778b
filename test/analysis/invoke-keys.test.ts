import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/model/index.js';
import {
  BOTH_ACTIONS,
  expectStillDenied,
  modelArn,
  reverify,
  runCheck,
  type Files,
  type Setup,
} from '../diagnose/fix/reverify.js';
import { renderCliHints } from '../../src/report/cli-hints.js';

/*
 * --service-tier sets bedrock:ServiceTier on the InvokeModel and InvokeModelWithResponseStream requests, the two
 * actions the Service Authorization Reference lists the key on
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html). AWS's example
 * "Control access to service tiers" denies tiers with StringEquals on the key
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples-agent.html#security_iam_id-based-policy-examples-service-tiers);
 * it denies all four tiers to force "the system default behavior", so a call that names no tier is not documented
 * to carry a value: the key is unknown then, and a condition on it never yields allowed.
 */

const NOVA_PRO = 'amazon.nova-pro-v1:0';
const PRO = modelArn('us-east-1', NOVA_PRO);
const FILE = 'app.json';
const SCP = 'deny-priority-scp.json';
const SETUP: Setup = { identity: [FILE] };

const text = (...statements: object[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const ALLOW = {
  Sid: 'Invoke',
  Effect: 'Allow',
  Action: BOTH_ACTIONS,
  Resource: 'arn:aws:bedrock:*::foundation-model/*',
};
const denyTiers = (operator: string, tiers: string | string[]) => ({
  Sid: 'DenyTiers',
  Effect: 'Deny',
  Action: 'bedrock:InvokeModel*',
  Resource: '*',
  Condition: { [operator]: { 'bedrock:ServiceTier': tiers } },
});
const FILES: Files = { [FILE]: text(ALLOW, denyTiers('StringEquals', 'priority')) };
const decisions = (report: CheckReport) => report.checks.map((check) => `${check.action} ${check.decision}`);

describe('--service-tier on a policy that denies a tier', () => {
  it('the denied tier: an explicit deny whose finding names the clause and the value the call chose', () => {
    const report = runCheck(FILES, SETUP, { model: NOVA_PRO, serviceTier: 'priority' });
    expect(report.verdict).toBe('denied');
    expect(decisions(report)).toEqual([
      'bedrock:InvokeModel explicit-deny',
      'bedrock:InvokeModelWithResponseStream explicit-deny',
    ]);
    const finding = renderCliHints(report.findings).find((item) => item.rule === 'identity-policy');
    expect(finding?.predictedError?.message).toContain(
      `is not authorized to perform: bedrock:InvokeModel on resource: ${PRO} with an explicit deny in an identity-based policy`,
    );
    expect(finding?.cause).toContain('StringEquals bedrock:ServiceTier priority (app.json:');
    expect(finding?.cause).toContain(`holds for the call's bedrock:ServiceTier "priority"`);
    expect(finding?.alternatives?.join(' ')).toContain(
      'the Deny applies because the call asks for bedrock:ServiceTier',
    );
    expect(report.notes.map((note) => note.code)).toContain('service-tier-set');
  });

  it('the fix shown is verified by pasting it into the file, and opens no other model', () => {
    const { fixed } = reverify(FILES, SETUP, { model: NOVA_PRO, serviceTier: 'priority' });
    expectStillDenied(FILES, fixed, SETUP, { model: 'amazon.nova-lite-v1:0', serviceTier: 'priority' });
  });

  it('another tier: allowed', () => {
    for (const tier of ['default', 'flex', 'reserved']) {
      const report = runCheck(FILES, SETUP, { model: NOVA_PRO, serviceTier: tier });
      expect(report.verdict, tier).toBe('allowed');
    }
  });

  it('no tier: conditional on the key, never allowed; absent only when the caller assumes absent keys', () => {
    const unknown = runCheck(FILES, SETUP, { model: NOVA_PRO });
    expect(unknown.verdict).toBe('conditional');
    expect(unknown.checks.flatMap((check) => check.conditions ?? []).length).toBeGreaterThan(0);
    expect(JSON.stringify(unknown.checks)).toContain('bedrock:ServiceTier');
    expect(runCheck(FILES, SETUP, { model: NOVA_PRO, assumeAbsent: true }).verdict).toBe('allowed');
  });

  it('a Deny of every tier but one (StringNotEquals): denied for the others, conditional without a tier', () => {
    const files = { [FILE]: text(ALLOW, denyTiers('StringNotEquals', 'flex')) };
    expect(runCheck(files, SETUP, { model: NOVA_PRO, serviceTier: 'flex' }).verdict).toBe('allowed');
    expect(runCheck(files, SETUP, { model: NOVA_PRO, serviceTier: 'priority' }).verdict).toBe('denied');
    expect(runCheck(files, SETUP, { model: NOVA_PRO }).verdict).toBe('conditional');
  });

  it('an Allow only for one tier: allowed with it, conditional without, denied with another', () => {
    const files = {
      [FILE]: text({ ...ALLOW, Condition: { StringEquals: { 'bedrock:ServiceTier': 'flex' } } }),
    };
    expect(runCheck(files, SETUP, { model: NOVA_PRO, serviceTier: 'flex' }).verdict).toBe('allowed');
    expect(runCheck(files, SETUP, { model: NOVA_PRO }).verdict).toBe('conditional');
    expect(runCheck(files, SETUP, { model: NOVA_PRO, serviceTier: 'default' }).verdict).toBe('denied');
  });

  it('an SCP that denies the tier: the service-control-policy finding names the clause', () => {
    const files: Files = {
      [FILE]: text(ALLOW),
      [SCP]: text({ Effect: 'Allow', Action: '*', Resource: '*' }, denyTiers('StringEquals', ['priority'])),
    };
    const setup: Setup = { identity: [FILE], scpLevels: [{ name: 'Root', files: [SCP] }] };
    const report = runCheck(files, setup, { model: NOVA_PRO, serviceTier: 'priority' });
    expect(report.verdict).toBe('denied');
    const finding = renderCliHints(report.findings).find((item) => item.rule === 'service-control-policy');
    expect(finding?.predictedError?.message).toContain('with an explicit deny in a service control policy');
    expect(finding?.cause).toContain('StringEquals bedrock:ServiceTier priority');
  });

  it('a tier the API would reject sets nothing: the key stays unknown, never a silent allow', () => {
    expect(runCheck(FILES, SETUP, { model: NOVA_PRO, serviceTier: 'Priority' }).verdict).toBe('conditional');
  });
});

describe('InvokeModelWithBidirectionalStream', () => {
  // https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithBidirectionalStream.html:
  // "This operation requires permission for the bedrock:InvokeModel action."
  it('is checked as bedrock:InvokeModel, with the note (API keys cannot call it)', () => {
    const files = { [FILE]: text({ ...ALLOW, Action: 'bedrock:InvokeModel' }) };
    const report = runCheck(files, SETUP, { model: NOVA_PRO, actions: ['InvokeModelWithBidirectionalStream'] });
    expect(decisions(report)).toEqual(['bedrock:InvokeModel allowed']);
    expect(report.notes).toContainEqual({
      code: 'operation-authorized-as',
      params: { operation: 'InvokeModelWithBidirectionalStream', action: 'bedrock:InvokeModel', apiKeyUsable: false },
    });
  });
});

// Guardrail ids and versions: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html;
// what AWS sets in bedrock:GuardrailIdentifier for DRAFT is not documented, so the key stays unknown.
describe('--service-tier with --guardrail', () => {
  const enforce = {
    Sid: 'DenyWithoutGuardrail',
    Effect: 'Deny',
    Action: 'bedrock:InvokeModel*',
    Resource: '*',
    Condition: { Null: { 'bedrock:GuardrailIdentifier': 'true' } },
  };
  const files: Files = {
    [FILE]: text(ALLOW, enforce, { Effect: 'Allow', Action: 'bedrock:ApplyGuardrail', Resource: '*' }),
  };

  it('the tier leaves the guardrail key unknown for a DRAFT guardrail, even when absent keys are assumed', () => {
    const report = runCheck(files, SETUP, {
      model: NOVA_PRO,
      serviceTier: 'flex',
      assumeAbsent: true,
      guardrail: { identifier: 'abcd1234efgh', version: 'DRAFT' },
    });
    expect(report.verdict).not.toBe('allowed');
    expect(report.verdict).not.toBe('denied');
  });

  it('a numeric version sets the key: the tier does not take it away', () => {
    const report = runCheck(files, SETUP, {
      model: NOVA_PRO,
      serviceTier: 'flex',
      assumeAbsent: true,
      guardrail: { identifier: 'abcd1234efgh', version: '1' },
    });
    expect(report.verdict).toBe('allowed');
  });
});
