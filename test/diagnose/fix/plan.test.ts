import { describe, expect, it } from 'vitest';
import { evaluateChecks, type CheckInput } from '../../../src/analysis/check.js';
import { applyEdits } from '../../../src/diagnose/fix/policy-edit.js';
import { planFixes } from '../../../src/diagnose/fix/plan.js';
import { probeRequests } from '../../../src/diagnose/fix/probes.js';
import { evaluate } from '../../../src/engine/evaluate.js';
import { parsePrincipal, type Policy, type WrittenPolicy } from '../../../src/model/index.js';
import { renderCliHints } from '../../../src/report/cli-hints.js';
import { doc, policy } from '../../helpers/policies.js';
import { BOTH_ACTIONS, PRINCIPAL_ARN, modelArn, profileArn } from './reverify.js';

/*
 * The planner (src/diagnose/fix/plan.ts) and its probes (src/diagnose/fix/probes.ts): a fix is kept
 * only when, applied in memory, every denied check is allowed and no probe that was denied is opened.
 */

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const US_LITE = `us.${NOVA_LITE}`;
const GLOBAL_LITE_2 = 'global.amazon.nova-2-lite-v1:0';

function evaluation(model: string, identity: Policy[], extra: Partial<CheckInput> = {}) {
  return evaluateChecks({
    identity,
    model,
    region: 'us-east-1',
    principal: parsePrincipal(PRINCIPAL_ARN)!,
    actions: [],
    now: new Date('2026-11-27T12:00:00Z'),
    toolVersion: 'test',
    ...extra,
  }).evaluation;
}

const denyAllBedrock = () =>
  policy(
    doc(
      { Sid: 'Everything', Effect: 'Allow', Action: 'bedrock:*', Resource: '*' },
      { Sid: 'NoBedrock', Effect: 'Deny', Action: 'bedrock:*', Resource: '*' },
    ),
  );

describe('probeRequests', () => {
  it('probe the same ARNs for an action other than invoking, called directly (the Region-less ARN excepted)', () => {
    const subject = evaluation(GLOBAL_LITE_2, [policy(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }))]);
    const probes = probeRequests(subject.checks, subject.catalog);
    const others = probes.filter((probe) => !BOTH_ACTIONS.includes(probe.action));
    expect(others.map((probe) => `${probe.action} ${probe.resource}`).sort()).toEqual([
      `bedrock:GetFoundationModel ${modelArn('us-east-1', 'amazon.nova-2-lite-v1:0')}`,
      `bedrock:GetInferenceProfile ${profileArn('us-east-1', GLOBAL_LITE_2)}`,
    ]);
    for (const probe of others) {
      expect(probe.context.absent.has('bedrock:inferenceprofilearn')).toBe(true);
      expect(probe.context.values.get('aws:requestedregion')).toEqual(['us-east-1']);
    }
  });

  it('probe the model called directly, in other Regions, other models, and never a target itself', () => {
    const subject = evaluation(US_LITE, [policy(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }))]);
    const checks = subject.checks;
    const probes = probeRequests(checks, subject.catalog);
    const targets = new Set(
      checks.map(
        (check) =>
          `${check.request.action} ${check.request.resource} ${check.request.context.values.get('bedrock:inferenceprofilearn')?.[0] ?? ''}`,
      ),
    );
    for (const probe of probes) {
      expect(
        targets.has(
          `${probe.action} ${probe.resource} ${probe.context.values.get('bedrock:inferenceprofilearn')?.[0] ?? ''}`,
        ),
      ).toBe(false);
    }
    const directLite = probes.filter(
      (probe) =>
        probe.resource === modelArn('us-east-2', NOVA_LITE) && probe.context.absent.has('bedrock:inferenceprofilearn'),
    );
    expect(directLite.map((probe) => probe.action).sort()).toEqual(
      [...BOTH_ACTIONS, 'bedrock:GetFoundationModel'].sort(),
    );
    expect(
      probes.some((probe) => !probe.resource.includes(NOVA_LITE) && probe.resource.includes(':foundation-model/')),
    ).toBe(true);
  });
});

describe('planFixes', () => {
  it('rejects a NotResource conversion of Deny bedrock:* that would open another action on the ARN', () => {
    const subject = evaluation(NOVA_LITE, [denyAllBedrock()]);
    const plan = planFixes(subject);
    expect(plan.verified).toBe(false);
    expect(plan.fixes).toEqual([]);
    expect(renderCliHints(plan.unfixable)).toEqual([
      'no edit of the Deny at identity.json:10 (Sid NoBedrock) stops it matching these calls while it keeps denying everything else it denied before',
    ]);
    // What the rejected candidate would have done: GetFoundationModel on the model, denied now, allowed after.
    const converted = applyEdits(subject.evaluationInput, [
      {
        kind: 'replace-statement',
        target: { policyType: 'identity', policy: subject.evaluationInput.identity[0]! as WrittenPolicy },
        index: 1,
        statement: {
          Sid: 'NoBedrock',
          Effect: 'Deny',
          Action: 'bedrock:*',
          NotResource: modelArn('us-east-1', NOVA_LITE),
        },
      },
    ]);
    const get = probeRequests(subject.checks, subject.catalog).find(
      (probe) => probe.action === 'bedrock:GetFoundationModel',
    )!;
    expect(evaluate(subject.evaluationInput, get).decision).toBe('explicit-deny');
    expect(evaluate(converted, get).decision).toBe('allowed');
  });

  it('keeps the same conversion when the Deny names only the invocations', () => {
    const only = policy(
      doc(
        { Sid: 'Everything', Effect: 'Allow', Action: 'bedrock:*', Resource: '*' },
        { Sid: 'NoInvoke', Effect: 'Deny', Action: BOTH_ACTIONS, Resource: '*' },
      ),
    );
    const plan = planFixes(evaluation(NOVA_LITE, [only]));
    expect(plan.verified).toBe(true);
    expect(plan.fixes.map((fix) => fix.edit.kind)).toEqual(['replace-statement']);
    expect(plan.checksOpenedElsewhere).toBe(0);
  });

  it('is computed once per evaluation', () => {
    const subject = evaluation(NOVA_LITE, [policy(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }))]);
    expect(planFixes(subject)).toBe(planFixes(subject));
  });

  it('nothing denied: nothing to fix', () => {
    const plan = planFixes(
      evaluation(NOVA_LITE, [policy(doc({ Effect: 'Allow', Action: BOTH_ACTIONS, Resource: '*' }))]),
    );
    expect(renderCliHints(plan)).toMatchObject({
      fixes: [],
      verified: true,
      checksFailing: 0,
      detail: 'nothing to fix',
    });
  });
});
