import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluationInput } from '../../src/engine/evaluate.js';
import type { Decision, PossibleOutcome } from '../../src/model/index.js';
import { context, doc, fullAwsAccess, policy, request, scpLevel } from '../helpers/policies.js';

/*
 * A request denied whatever the unknown context holds, where *which* denial AWS reports depends on it.
 * Attribution order: an explicit Deny anywhere first, then each SCP level (root to account), then the
 * identity-based policies, the permissions boundary and the session policies
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html and its
 * sub-page reference_policies_evaluation-logic_policy-eval-denyallow.html). "If multiple policy types
 * deny an authorization request, AWS includes only one of those policy types in the error message"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html): an explicit deny
 * message ("with an explicit deny in a …") when a Deny applies, else "because no … policy allows …"
 * naming the first gate that does not allow.
 */

const MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const FM = `arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`;
const INVOKE = 'bedrock:InvokeModel';
const OFFICE = { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };
const VPC = { StringEquals: { 'aws:SourceVpc': 'vpc-1' } };

/** aws:RequestedRegion known; aws:SourceIp, aws:SourceVpc and every other key unknown. */
const unknownKeys = context({ 'aws:RequestedRegion': 'us-east-1' }, { otherKeys: 'unknown' });
const run = (input: Partial<EvaluationInput>): Decision =>
  evaluate({ identity: [], ...input }, request(INVOKE, FM, unknownKeys));

const allowInvoke = (file = 'allow.json', condition?: object) =>
  policy(
    doc({
      Sid: 'AllowInvoke',
      Effect: 'Allow',
      Action: INVOKE,
      Resource: '*',
      ...(condition ? { Condition: condition } : {}),
    }),
    { file },
  );
const denyOutsideOffice = (type: 'identity' | 'scp' | 'permissions-boundary' | 'session-policy', file: string) =>
  policy(doc({ Sid: 'DenyOutsideOffice', Effect: 'Deny', Action: 'bedrock:*', Resource: '*', Condition: OFFICE }), {
    type,
    file,
  });

/** An outcome as kind, policy type, level, the responsible statements' Sids and its requirements in words. */
function describeOutcome(outcome: PossibleOutcome) {
  return {
    decision: outcome.decision,
    deniedBy: outcome.deniedBy,
    level: outcome.deniedAtLevel,
    sids: outcome.statements.map(
      (statement) => `${statement.location?.file}#${statement.sid ?? statement.statementIndex}`,
    ),
    when: outcome.when.map(({ residual, holds }) => {
      const statements = residual.kind === 'deny-if' ? [residual.statement] : residual.alternatives;
      return `${residual.kind} ${residual.policyType}${residual.kind === 'allow-if-any' && residual.level ? `@${residual.level}` : ''} ${statements.map((s) => s.location?.file).join('|')} ${holds ? 'holds' : 'fails'}`;
    }),
  };
}

describe('possible outcomes of a denial whose attribution depends on unknown context', () => {
  it('a conditional Deny beside a closed gate: explicit deny if its condition holds, else implicit deny', () => {
    const d = run({ identity: [denyOutsideOffice('identity', 'deny.json')] });
    // The decision itself is the outcome when every condition favours the request.
    expect([d.decision, d.deniedBy]).toEqual(['implicit-deny', 'identity']);
    expect(d.possibleOutcomes?.map(describeOutcome)).toEqual([
      {
        decision: 'explicit-deny',
        deniedBy: 'identity',
        level: undefined,
        sids: ['deny.json#DenyOutsideOffice'],
        when: ['deny-if identity deny.json holds'],
      },
      {
        decision: 'implicit-deny',
        deniedBy: 'identity',
        level: undefined,
        sids: [],
        when: ['deny-if identity deny.json fails'],
      },
    ]);
  });

  it('a conditional SCP Deny with the identity gate closed names the SCP only if the Deny applies', () => {
    const d = run({
      scpLevels: [scpLevel('Root', fullAwsAccess(), denyOutsideOffice('scp', 'scp-deny.json'))],
      identity: [],
    });
    expect([d.decision, d.deniedBy]).toEqual(['implicit-deny', 'identity']);
    expect(d.possibleOutcomes?.map(describeOutcome)).toEqual([
      {
        decision: 'explicit-deny',
        deniedBy: 'scp',
        level: 'Root',
        sids: ['scp-deny.json#DenyOutsideOffice'],
        when: ['deny-if scp scp-deny.json holds'],
      },
      {
        decision: 'implicit-deny',
        deniedBy: 'identity',
        level: undefined,
        sids: [],
        when: ['deny-if scp scp-deny.json fails'],
      },
    ]);
  });

  it('a conditional SCP Allow with the identity gate closed: the SCP level is named when its Allow does not hold', () => {
    const conditionalScp = policy(
      doc({ Sid: 'OnlyFromVpc', Effect: 'Allow', Action: '*', Resource: '*', Condition: VPC }),
      { type: 'scp', file: 'ou-scp.json' },
    );
    const d = run({ scpLevels: [scpLevel('Root', fullAwsAccess()), scpLevel('ou-1', conditionalScp)], identity: [] });
    expect([d.decision, d.deniedBy, d.deniedAtLevel]).toEqual(['implicit-deny', 'identity', undefined]);
    expect(d.possibleOutcomes?.map(describeOutcome)).toEqual([
      {
        decision: 'implicit-deny',
        deniedBy: 'scp',
        level: 'ou-1',
        sids: ['ou-scp.json#OnlyFromVpc'],
        when: ['allow-if-any scp@ou-1 ou-scp.json fails'],
      },
      {
        decision: 'implicit-deny',
        deniedBy: 'identity',
        level: undefined,
        sids: [],
        when: ['allow-if-any scp@ou-1 ou-scp.json holds'],
      },
    ]);
  });

  it('a conditional identity Allow with the permissions boundary closed', () => {
    const boundary = policy(doc({ Sid: 'S3Only', Effect: 'Allow', Action: 's3:*', Resource: '*' }), {
      type: 'permissions-boundary',
      file: 'boundary.json',
    });
    const d = run({ identity: [allowInvoke('allow.json', VPC)], permissionsBoundary: boundary });
    expect([d.decision, d.deniedBy]).toEqual(['implicit-deny', 'permissions-boundary']);
    expect(d.possibleOutcomes?.map(describeOutcome)).toEqual([
      {
        decision: 'implicit-deny',
        deniedBy: 'identity',
        level: undefined,
        sids: ['allow.json#AllowInvoke'],
        when: ['allow-if-any identity allow.json fails'],
      },
      {
        decision: 'implicit-deny',
        deniedBy: 'permissions-boundary',
        level: undefined,
        sids: [],
        when: ['allow-if-any identity allow.json holds'],
      },
    ]);
  });

  it('a conditional SCP Deny before an unconditional identity Deny: the SCP is named if its Deny applies', () => {
    const identityDeny = policy(doc({ Sid: 'DenyAll', Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }), {
      file: 'identity-deny.json',
    });
    const d = run({
      scpLevels: [scpLevel('Root', fullAwsAccess(), denyOutsideOffice('scp', 'scp-deny.json'))],
      identity: [allowInvoke(), identityDeny],
    });
    expect([d.decision, d.deniedBy]).toEqual(['explicit-deny', 'identity']);
    expect(d.possibleOutcomes?.map(describeOutcome)).toEqual([
      {
        decision: 'explicit-deny',
        deniedBy: 'scp',
        level: 'Root',
        sids: ['scp-deny.json#DenyOutsideOffice'],
        when: ['deny-if scp scp-deny.json holds'],
      },
      {
        decision: 'explicit-deny',
        deniedBy: 'identity',
        level: undefined,
        sids: ['identity-deny.json#DenyAll'],
        when: ['deny-if scp scp-deny.json fails'],
      },
    ]);
  });

  it('an unconditional SCP Deny decides before a conditional identity Deny: one certain outcome', () => {
    const scpDeny = policy(doc({ Sid: 'DenyAll', Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }), {
      type: 'scp',
      file: 'scp-deny.json',
    });
    const d = run({
      scpLevels: [scpLevel('Root', fullAwsAccess(), scpDeny)],
      identity: [allowInvoke(), denyOutsideOffice('identity', 'deny.json')],
    });
    expect([d.decision, d.deniedBy, d.deniedAtLevel]).toEqual(['explicit-deny', 'scp', 'Root']);
    expect(d.possibleOutcomes).toBeUndefined();
  });

  it('a closed gate before a conditional one decides alone', () => {
    const scpS3 = policy(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), { type: 'scp', file: 'scp-s3.json' });
    const d = run({ scpLevels: [scpLevel('Root', scpS3)], identity: [allowInvoke('allow.json', VPC)] });
    expect([d.decision, d.deniedBy, d.deniedAtLevel]).toEqual(['implicit-deny', 'scp', 'Root']);
    expect(d.possibleOutcomes).toBeUndefined();
  });

  it('not denied in every context: conditional, with residuals and no possible outcomes', () => {
    const d = run({ identity: [allowInvoke('allow.json', VPC), denyOutsideOffice('identity', 'deny.json')] });
    expect(d.decision).toBe('conditional');
    expect(d.possibleOutcomes).toBeUndefined();
  });

  it('combinations: each conditional item before the deciding gate adds an outcome, in attribution order', () => {
    const conditionalScp = policy(
      doc({ Sid: 'OnlyFromVpc', Effect: 'Allow', Action: '*', Resource: '*', Condition: VPC }),
      { type: 'scp', file: 'ou-scp.json' },
    );
    const boundary = policy(doc({ Sid: 'S3Only', Effect: 'Allow', Action: 's3:*', Resource: '*' }), {
      type: 'permissions-boundary',
      file: 'boundary.json',
    });
    const d = run({
      scpLevels: [
        scpLevel('Root', fullAwsAccess(), denyOutsideOffice('scp', 'scp-deny.json')),
        scpLevel('ou-1', conditionalScp),
      ],
      identity: [allowInvoke('allow.json', { StringEquals: { 'aws:PrincipalTag/team': 'ml' } })],
      permissionsBoundary: boundary,
      sessionPolicies: [denyOutsideOffice('session-policy', 'session.json')],
    });
    expect([d.decision, d.deniedBy]).toEqual(['implicit-deny', 'permissions-boundary']);
    expect(d.possibleOutcomes?.map(describeOutcome)).toEqual([
      {
        decision: 'explicit-deny',
        deniedBy: 'scp',
        level: 'Root',
        sids: ['scp-deny.json#DenyOutsideOffice'],
        when: ['deny-if scp scp-deny.json holds'],
      },
      {
        decision: 'explicit-deny',
        deniedBy: 'session-policy',
        level: undefined,
        sids: ['session.json#DenyOutsideOffice'],
        when: ['deny-if scp scp-deny.json fails', 'deny-if session-policy session.json holds'],
      },
      {
        decision: 'implicit-deny',
        deniedBy: 'scp',
        level: 'ou-1',
        sids: ['ou-scp.json#OnlyFromVpc'],
        when: [
          'deny-if scp scp-deny.json fails',
          'deny-if session-policy session.json fails',
          'allow-if-any scp@ou-1 ou-scp.json fails',
        ],
      },
      {
        decision: 'implicit-deny',
        deniedBy: 'identity',
        level: undefined,
        sids: ['allow.json#AllowInvoke'],
        when: [
          'deny-if scp scp-deny.json fails',
          'deny-if session-policy session.json fails',
          'allow-if-any scp@ou-1 ou-scp.json holds',
          'allow-if-any identity allow.json fails',
        ],
      },
      {
        decision: 'implicit-deny',
        deniedBy: 'permissions-boundary',
        level: undefined,
        sids: [],
        when: [
          'deny-if scp scp-deny.json fails',
          'deny-if session-policy session.json fails',
          'allow-if-any scp@ou-1 ou-scp.json holds',
          'allow-if-any identity allow.json holds',
        ],
      },
    ]);
  });

  it('with every key known there is one outcome, and no list', () => {
    const known = context(
      { 'aws:RequestedRegion': 'us-east-1', 'aws:SourceIp': '198.51.100.7' },
      { otherKeys: 'absent' },
    );
    const d = evaluate({ identity: [denyOutsideOffice('identity', 'deny.json')] }, request(INVOKE, FM, known));
    expect([d.decision, d.deniedBy]).toEqual(['explicit-deny', 'identity']);
    expect(d.possibleOutcomes).toBeUndefined();
  });
});
