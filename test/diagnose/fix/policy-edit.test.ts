import { describe, expect, it } from 'vitest';
import { applyEdits, type PolicyEdit, type PolicyRef } from '../../../src/diagnose/fix/policy-edit.js';
import { evaluate, type EvaluationInput } from '../../../src/engine/evaluate.js';
import type { Policy, WrittenPolicy } from '../../../src/model/index.js';
import { context, doc, fullAwsAccess, lineOf, policy, request, scpLevel } from '../../helpers/policies.js';
import { INVOKE, modelArn } from './reverify.js';

const LITE = modelArn('us-east-1', 'amazon.nova-lite-v1:0');
const PRO = modelArn('us-east-1', 'amazon.nova-pro-v1:0');

const IDENTITY_TEXT = JSON.stringify(
  doc(
    { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
    { Sid: 'B', Effect: 'Deny', Action: INVOKE, Resource: LITE },
    { Sid: 'C', Effect: 'Deny', Action: INVOKE, Resource: [LITE, PRO] },
    { Sid: 'D', Effect: 'Allow', Action: INVOKE, Resource: '*' },
  ),
  null,
  2,
);

function setup() {
  const identity = policy(IDENTITY_TEXT, { file: 'identity.json' });
  const second = policy(doc({ Sid: 'Other', Effect: 'Allow', Action: 'sqs:*', Resource: '*' }), {
    file: 'second.json',
  });
  const ou = policy(doc({ Sid: 'OnlyS3', Effect: 'Allow', Action: 's3:*', Resource: '*' }), {
    type: 'scp',
    file: 'ou.json',
  });
  const root = fullAwsAccess();
  const boundary = policy(doc({ Sid: 'B1', Effect: 'Allow', Action: 's3:*', Resource: '*' }), {
    type: 'permissions-boundary',
    file: 'boundary.json',
  });
  const session = policy(doc({ Sid: 'S1', Effect: 'Allow', Action: 's3:*', Resource: '*' }), {
    type: 'session-policy',
    file: 'session.json',
  });
  const input: EvaluationInput = {
    identity: [identity, second],
    scpLevels: [scpLevel('Root', root), scpLevel('ou-x', ou), scpLevel('Account', root)],
    permissionsBoundary: boundary,
    sessionPolicies: [session],
  };
  return { input, identity, second, ou, root, boundary, session };
}

const ref = (policyType: PolicyRef['policyType'], target: WrittenPolicy, level?: string): PolicyRef => ({
  policyType,
  policy: target,
  ...(level ? { level } : {}),
});
const sids = (target: Policy) => target.statements.map((statement) => statement.sid);

describe('applyEdits', () => {
  it('leaves the original input, its policies and their statements untouched', () => {
    const { input, identity, ou, boundary } = setup();
    const snapshot = JSON.stringify(input);
    const statements = identity.statements;
    const edited = applyEdits(input, [
      { kind: 'remove-statement', target: ref('identity', identity), index: 1 },
      {
        kind: 'replace-statement',
        target: ref('identity', identity),
        index: 2,
        statement: { Effect: 'Deny', Action: INVOKE, Resource: PRO },
      },
      {
        kind: 'add-statement',
        target: ref('scp', ou, 'ou-x'),
        statements: [{ Sid: 'AddedScp', Effect: 'Allow', Action: INVOKE, Resource: LITE }],
      },
      {
        kind: 'add-statement',
        target: ref('permissions-boundary', boundary),
        statements: [{ Sid: 'AddedB', Effect: 'Allow', Action: INVOKE, Resource: LITE }],
      },
    ]);
    expect(JSON.stringify(input)).toBe(snapshot);
    expect(identity.statements).toBe(statements);
    expect(edited.identity[0]).not.toBe(identity);
    expect(sids(identity)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('add, replace and remove on one policy together: indices name the original statements, whatever the order', () => {
    const { input, identity } = setup();
    const target = ref('identity', identity);
    const edits: PolicyEdit[] = [
      {
        kind: 'add-statement',
        target,
        statements: [
          { Sid: 'E', Effect: 'Allow', Action: INVOKE, Resource: LITE },
          { Sid: 'F', Effect: 'Allow', Action: INVOKE, Resource: PRO },
        ],
      },
      { kind: 'remove-statement', target, index: 0 },
      {
        kind: 'replace-statement',
        target,
        index: 2,
        statement: { Sid: 'C2', Effect: 'Deny', Action: INVOKE, Resource: PRO },
      },
      { kind: 'remove-statement', target, index: 1 },
    ];
    for (const order of [edits, [...edits].reverse()]) {
      const edited = applyEdits(input, order).identity[0]!;
      expect(sids(edited)).toEqual(['C2', 'D', 'E', 'F']);
      const replaced = edited.statements[0]!;
      // The replacement stands where the old statement stood: same span, same index.
      expect(replaced.span).toEqual(identity.statements[2]!.span);
      expect(replaced.span.line).toBe(lineOf(IDENTITY_TEXT, '"Sid": "C"') - 1);
      expect(replaced.index).toBe(2);
      expect(replaced.resource).toEqual([PRO]);
      // Added statements are numbered after the original ones.
      expect(edited.statements.slice(2).map((statement) => statement.index)).toEqual([4, 5]);
      expect(edited.statements[2]!.span.file).toBe('identity.json');
    }
  });

  it('edits take effect in evaluation, and only in the policy they target', () => {
    const { input, identity, second } = setup();
    const lite = request(INVOKE, LITE, context({ 'aws:RequestedRegion': 'us-east-1' }));
    const withoutScps: EvaluationInput = { identity: input.identity };
    expect(evaluate(withoutScps, lite).decision).toBe('explicit-deny');
    const edited = applyEdits(withoutScps, [
      { kind: 'remove-statement', target: ref('identity', identity), index: 1 },
      {
        kind: 'replace-statement',
        target: ref('identity', identity),
        index: 2,
        statement: { Sid: 'C', Effect: 'Deny', Action: INVOKE, Resource: PRO },
      },
    ]);
    expect(evaluate(edited, lite).decision).toBe('allowed');
    expect(evaluate(edited, request(INVOKE, PRO, context({ 'aws:RequestedRegion': 'us-east-1' }))).decision).toBe(
      'explicit-deny',
    );
    expect(edited.identity[1]).toBe(second);
  });

  it('swaps the edited policy at its SCP level, the boundary and the session policies; keeps absent members absent', () => {
    const { input, ou, root, boundary, session } = setup();
    const edited = applyEdits(input, [
      {
        kind: 'add-statement',
        target: ref('scp', ou, 'ou-x'),
        statements: [{ Sid: 'AllowLite', Effect: 'Allow', Action: INVOKE, Resource: LITE }],
      },
      {
        kind: 'add-statement',
        target: ref('session-policy', session),
        statements: [{ Sid: 'AllowLite', Effect: 'Allow', Action: INVOKE, Resource: LITE }],
      },
    ]);
    expect(edited.scpLevels!.map((level) => level.name)).toEqual(['Root', 'ou-x', 'Account']);
    expect(edited.scpLevels![0]!.policies[0]).toBe(root);
    expect(sids(edited.scpLevels![1]!.policies[0]!)).toEqual(['OnlyS3', 'AllowLite']);
    expect(edited.permissionsBoundary).toBe(boundary);
    expect(sids(edited.sessionPolicies![0]!)).toEqual(['S1', 'AllowLite']);

    const bare = applyEdits({ identity: input.identity }, []);
    expect(Object.keys(bare)).toEqual(['identity']);
  });
});
