import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluationInput } from '../../src/engine/evaluate.js';
import { makeContext, statementKey, type Decision, type Policy } from '../../src/model/index.js';
import { build, pick, REQUEST_ACTIONS, REQUEST_RESOURCES, specArb } from '../helpers/arbitraries.js';
import { context, doc, policy, request, scpLevel } from '../helpers/policies.js';

/*
 * `Decision.reason` names the statements that decided, as cedar's Response names the policies that
 * decided: the Denies for an explicit deny (the first in report order is the one the message names),
 * the Allows that granted for an allowed request, the pending statements for a conditional one, none
 * for an implicit deny.
 */

const FM = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0';
const INVOKE = 'bedrock:InvokeModel';
const known = context({ 'aws:RequestedRegion': 'us-east-1' }, { otherKeys: 'absent' });
const unknown = context({ 'aws:RequestedRegion': 'us-east-1' }, { otherKeys: 'unknown' });
const allowAll = policy(doc({ Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' }), {
  file: 'allow-all.json',
});
const sidsOf = (decision: Decision) => decision.reason.map((ref) => ref.sid);

describe('Decision.reason', () => {
  it('explicit deny with two Denies: both, the first in report order first', () => {
    // Report order is gate order, then file, then line: b.json's Deny comes after a.json's.
    const later = policy(doc({ Sid: 'DenyLater', Effect: 'Deny', Action: INVOKE, Resource: '*' }), { file: 'b.json' });
    const earlier = policy(
      doc(
        { Sid: 'AllowInvoke', Effect: 'Allow', Action: INVOKE, Resource: '*' },
        { Sid: 'DenyEarlier', Effect: 'Deny', Action: 'bedrock:*', Resource: FM },
      ),
      { file: 'a.json', arn: 'arn:aws:iam::111122223333:policy/a' },
    );
    const decision = evaluate({ identity: [later, earlier] }, request(INVOKE, FM, known));
    expect(decision.decision).toBe('explicit-deny');
    expect(sidsOf(decision)).toEqual(['DenyEarlier', 'DenyLater']);
    expect(decision.reason[0]).toMatchObject({
      policyId: expect.stringMatching(/^arn:aws:iam::111122223333:policy\/a#[0-9a-f]{16}$/),
      statementIndex: 1,
      location: { kind: 'file', file: 'a.json', line: expect.any(Number), column: expect.any(Number) },
    });
    expect(decision.reason[0]?.policyType).toBe(decision.deniedBy);
  });

  it('an SCP Deny is named before an identity Deny: SCP levels come first in report order', () => {
    const scpDeny = policy(
      doc(
        { Sid: 'ScpDeny', Effect: 'Deny', Action: INVOKE, Resource: '*' },
        { Effect: 'Allow', Action: '*', Resource: '*' },
      ),
      {
        type: 'scp',
        file: 'z-scp.json',
      },
    );
    const identityDeny = policy(doc({ Sid: 'IdentityDeny', Effect: 'Deny', Action: INVOKE, Resource: '*' }), {
      file: 'a-identity.json',
    });
    const decision = evaluate(
      { identity: [allowAll, identityDeny], scpLevels: [scpLevel('Root', scpDeny)] },
      request(INVOKE, FM, known),
    );
    expect(sidsOf(decision)).toEqual(['ScpDeny', 'IdentityDeny']);
    expect(decision.deniedBy).toBe('scp');
  });

  it('implicit deny: nothing matched that allows it, so no reason', () => {
    const other = policy(doc({ Sid: 'OtherAction', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }));
    const decision = evaluate({ identity: [other] }, request(INVOKE, FM, known));
    expect(decision.decision).toBe('implicit-deny');
    expect(decision.reason).toEqual([]);
  });

  it('allowed: the Allows that granted, in every gate', () => {
    const boundary = policy(doc({ Sid: 'BoundaryAllow', Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }), {
      type: 'permissions-boundary',
      file: 'boundary.json',
    });
    const scp = policy(doc({ Sid: 'ScpAllow', Effect: 'Allow', Action: '*', Resource: '*' }), {
      type: 'scp',
      file: 'scp.json',
    });
    const conditionalAllow = policy(
      doc({
        Sid: 'OnlyTagged',
        Effect: 'Allow',
        Action: INVOKE,
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ml' } },
      }),
      { file: 'tagged.json' },
    );
    const decision = evaluate(
      { identity: [allowAll, conditionalAllow], scpLevels: [scpLevel('Root', scp)], permissionsBoundary: boundary },
      request(INVOKE, FM, unknown),
    );
    expect(decision.decision).toBe('allowed');
    // The conditional Allow matched too, but did not decide: AllowAll already grants.
    expect(decision.statements.map((s) => s.sid)).toContain('OnlyTagged');
    expect(sidsOf(decision)).toEqual(['ScpAllow', 'AllowAll', 'BoundaryAllow']);
    expect(decision.reason.every((ref) => ref.effect === 'Allow' && !ref.conditional)).toBe(true);
  });

  it('conditional: the statements whose conditions are pending', () => {
    const tagged = policy(
      doc(
        {
          Sid: 'OnlyTagged',
          Effect: 'Allow',
          Action: INVOKE,
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ml' } },
        },
        {
          Sid: 'DenyOutsideVpc',
          Effect: 'Deny',
          Action: INVOKE,
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } },
        },
        { Sid: 'Unrelated', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      ),
    );
    const decision = evaluate({ identity: [tagged] }, request(INVOKE, FM, unknown));
    expect(decision.decision).toBe('conditional');
    expect(sidsOf(decision)).toEqual(['OnlyTagged', 'DenyOutsideVpc']);
    expect(decision.reason.every((ref) => ref.conditional)).toBe(true);
  });

  it('property: every reference in reason names a statement of the input whose effect matches the decision', () => {
    const requestArb = fc.record({
      action: pick(REQUEST_ACTIONS),
      resource: pick(REQUEST_RESOURCES),
      otherKeys: pick(['absent', 'unknown'] as const),
    });
    fc.assert(
      fc.property(specArb(false), requestArb, (spec, req) => {
        const input = build(spec);
        const decision = evaluate(input, {
          action: req.action,
          resource: req.resource,
          context: makeContext([['aws:RequestedRegion', ['us-east-1']]], { otherKeys: req.otherKeys }),
        });
        const byId = new Map(policiesOf(input).map((p) => [p.id, p]));
        for (const ref of decision.reason) {
          const statement = byId.get(ref.policyId)?.statements[ref.statementIndex];
          expect(statement, statementKey(ref)).toBeDefined();
          expect(statement?.sid).toBe(ref.sid);
          expect(decision.statements).toContain(ref);
          if (decision.decision === 'explicit-deny') expect(statement?.effect).toBe('Deny');
          if (decision.decision === 'allowed') expect(statement?.effect).toBe('Allow');
          if (decision.decision === 'conditional') expect(ref.conditional).toBe(true);
        }
        if (decision.decision === 'explicit-deny') {
          expect(decision.reason.length).toBeGreaterThan(0);
          expect(decision.reason[0]?.policyType).toBe(decision.deniedBy);
          expect(decision.reason[0]?.level).toBe(decision.deniedAtLevel);
        }
        if (decision.decision === 'allowed') expect(decision.reason.length).toBeGreaterThan(0);
        if (decision.decision === 'implicit-deny') expect(decision.reason).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

function policiesOf(input: EvaluationInput): Policy[] {
  return [
    ...input.identity,
    ...(input.scpLevels ?? []).flatMap((level) => level.policies),
    ...(input.permissionsBoundary ? [input.permissionsBoundary] : []),
    ...(input.sessionPolicies ?? []),
  ];
}
