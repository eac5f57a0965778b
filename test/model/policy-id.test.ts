import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/diagnose/fix/policy-edit.js';
import { policyId, withPolicyId } from '../../src/model/index.js';
import { doc, policy } from '../helpers/policies.js';

describe('policyId', () => {
  const text = JSON.stringify(doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }), null, 2);

  it('is the ARN when known, else the file, with a 16-digit digest', () => {
    expect(policy(text, { arn: 'arn:aws:iam::111122223333:policy/p' }).id).toMatch(
      /^arn:aws:iam::111122223333:policy\/p#[0-9a-f]{16}$/,
    );
    expect(policy(text, { file: 'dir/p.json' }).id).toMatch(/^dir\/p\.json#[0-9a-f]{16}$/);
  });

  it('changes with anything the engine reports: name, type, positions, statements', () => {
    const base = policy(text, { file: 'p.json' });
    expect(policy(text, { file: 'p.json' }).id).toBe(base.id);
    expect(policy(text, { file: 'p.json', name: 'other' }).id).not.toBe(base.id);
    expect(policy(text, { file: 'p.json', type: 'scp' }).id).not.toBe(base.id);
    expect(policy(`\n${text}`, { file: 'p.json' }).id).not.toBe(base.id);
    expect(withPolicyId({ ...base, statements: [] }).id).not.toBe(base.id);
    // Ignores a stale id and the order of keys.
    expect(policyId({ ...base, id: 'stale' })).toBe(base.id);
    const { statements, version, ...rest } = base;
    expect(policyId({ statements, version, ...rest })).toBe(base.id);
  });

  it('an edited policy gets a new id (or the engine would evaluate the cached original), the same for the same edit', () => {
    const base = policy(text, { file: 'p.json' });
    const edit = (statement: Record<string, unknown>) =>
      applyEdits({ identity: [base] }, [
        { kind: 'add-statement', target: { policyType: 'identity', policy: base }, statements: [statement] },
      ]).identity[0]!;
    const edited = edit({ Effect: 'Deny', Action: '*', Resource: '*' });
    expect(edited.statements.length).toBe(2);
    expect(edited.id).not.toBe(base.id);
    expect(edited.id.startsWith(base.id)).toBe(true);
    expect(edit({ Effect: 'Deny', Action: '*', Resource: '*' }).id).toBe(edited.id);
    expect(edit({ Effect: 'Deny', Action: 's3:*', Resource: '*' }).id).not.toBe(edited.id);
  });
});
