import { describe, expect, it } from 'vitest';
import { evaluateChecks } from '../../../src/analysis/check.js';
import { planFixes } from '../../../src/diagnose/fix/plan.js';
import { applyEdits, locatePolicy, removalOf } from '../../../src/diagnose/fix/policy-edit.js';
import { evaluate } from '../../../src/engine/evaluate.js';
import { parsePrincipal } from '../../../src/model/index.js';
import { loadAttachedScps } from '../../../src/sources/scp-chain.js';
import { doc, policy } from '../../helpers/policies.js';
import { BOTH_ACTIONS } from './reverify.js';

/*
 * A statement of a policy policy-check supplies (the root user's implicit full access, the FullAWSAccess SCP
 * assumed at the root and on the account) is in no file: the planner never edits it, and a Deny written in a
 * file beside it is edited as any other. "All requests are implicitly denied with the exception of the AWS
 * account root user, which has full access" and only SCPs restrict it:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 * FullAWSAccess is attached by default at every level:
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 */

const NOVA_LITE = 'amazon.nova-lite-v1:0';

function rootWithScpDeny() {
  const chain = loadAttachedScps([]);
  const deny = policy(doc({ Sid: 'NoInvoke', Effect: 'Deny', Action: BOTH_ACTIONS, Resource: '*' }), {
    type: 'scp',
    file: 'scp-deny.json',
  });
  const [root, account] = chain.levels;
  return evaluateChecks({
    // Ignored for the root user: its only identity Allow is the built-in full access.
    identity: [],
    scpLevels: [root!, { ...account!, policies: [...account!.policies, deny] }],
    model: NOVA_LITE,
    region: 'us-east-1',
    principal: parsePrincipal('arn:aws:iam::111122223333:root')!,
    actions: [],
    now: new Date('2026-11-27T12:00:00Z'),
    toolVersion: 'test',
  }).evaluation;
}

describe('the planner and built-in policies', () => {
  it('the only Allows are built in (root user, FullAWSAccess): the SCP Deny in its file is the one edited', () => {
    const subject = rootWithScpDeny();
    // The built-in policies have no file to edit.
    const [rootAccess] = subject.evaluationInput.identity;
    expect(rootAccess).toMatchObject({ name: 'root user full access', builtIn: true });
    expect(rootAccess).not.toHaveProperty('file');
    for (const level of subject.evaluationInput.scpLevels ?? []) {
      expect(level.policies[0]).toMatchObject({ name: 'FullAWSAccess', builtIn: true });
      expect(level.policies[0]).not.toHaveProperty('file');
    }
    expect(subject.checks.length).toBeGreaterThan(0);
    for (const check of subject.checks) {
      expect(check.decision.decision).toBe('explicit-deny');
      expect(check.decision.reason[0]?.location).toMatchObject({ kind: 'file', file: 'scp-deny.json' });
    }
    const plan = planFixes(subject);
    expect(plan.verified).toBe(true);
    expect(plan.fixes.length).toBeGreaterThan(0);
    for (const fix of plan.fixes) {
      expect(fix.edit.target.policy.builtIn).toBeUndefined();
      expect(fix.edit.target.policy.file).toBe('scp-deny.json');
    }
    // Applied, every check is allowed by the built-in Allows alone, which no edit touched.
    const fixed = applyEdits(
      subject.evaluationInput,
      plan.fixes.map((fix) => fix.edit),
    );
    for (const check of subject.checks) {
      const decision = evaluate(fixed, check.request);
      expect(decision.decision).toBe('allowed');
      expect(decision.reason.length).toBeGreaterThan(0);
      for (const match of decision.reason) expect(match.location).toBeUndefined();
    }
  });

  it('a built-in statement is no target: locatePolicy finds no policy for it, and nothing removes it', () => {
    const subject = rootWithScpDeny();
    const fixed = applyEdits(subject.evaluationInput, [
      removalOf(subject.evaluationInput, subject.checks[0]!.decision.reason[0]!)!,
    ]);
    const allowed = evaluate(fixed, subject.checks[0]!.request);
    expect(allowed.decision).toBe('allowed');
    const builtIns = allowed.reason;
    expect(builtIns.map((match) => [match.policyType, match.policyName, match.level ?? null])).toEqual([
      ['scp', 'FullAWSAccess', 'Root'],
      ['scp', 'FullAWSAccess', 'Account'],
      ['identity', 'root user full access', null],
    ]);
    for (const match of builtIns) {
      expect(locatePolicy(fixed, match)).toBeUndefined();
      expect(removalOf(fixed, match)).toBeUndefined();
    }
  });
});
